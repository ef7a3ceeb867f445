"""Check that the generated tables of a built standard agree with its registry.

After an incremental rebuild the benchmark asks: does the HTML still say what the registry
says? This reads the traceability annex's four tables (and the page placing a requirement)
from the built HTML and compares them, row by row, with what the registry and the catalogues
imply. It returns a list of problems; empty means every table is right.

    python benchmarks/verify.py PROJECT_ROOT HTML_DIR
"""

from __future__ import annotations

import html
import re
import sys
from pathlib import Path

import yaml

_TABLE = re.compile(r'<table class="stkit-table stkit-(?P<kind>[a-z0-9-]+)[^"]*">(?P<body>.*?)</table>', re.S)
_ROW = re.compile(r"<tr(?P<attrs>[^>]*)>(?P<body>.*?)</tr>", re.S)
_ROW_ID = re.compile(r'\bid="(?P<id>[^"]+)"')
_CELL = re.compile(r"<td[^>]*>(?P<body>.*?)</td>", re.S)
_REQ_REF = re.compile(r'<span class="stkit-req-ref[^"]*">(?P<id>[^<]+)</span>')
_REQ_LINK = re.compile(r'<a [^>]*href="[^"#]*#req-(?P<anchor>ipdx-[a-z]{3}-[0-9]+)"[^>]*?title="(?P<title>[^"]*)"')
_TAG = re.compile(r"<[^>]+>")


def text_of(fragment: str) -> str:
    return " ".join(html.unescape(_TAG.sub("", fragment)).split())


def load_registry(root: Path) -> dict:
    return yaml.load((root / "requirements_registry.yaml").read_text(encoding="utf-8"),
                     Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def annex_tables(page: str) -> dict[str, list[tuple[str | None, list[str], list[str]]]]:
    """kind -> rows of (row id, cell texts, requirement IDs linked in the row)."""
    tables: dict[str, list] = {}
    for t in _TABLE.finditer(page):
        rows = []
        for r in _ROW.finditer(t.group("body")):
            if "<th" in r.group("body"):
                continue
            rid = _ROW_ID.search(r.group("attrs"))
            cells = [text_of(c.group("body")) for c in _CELL.finditer(r.group("body"))]
            rows.append((rid.group("id") if rid else None, cells, _REQ_REF.findall(r.group("body"))))
        tables.setdefault(t.group("kind"), []).extend(rows)
    return tables


def _slug(value: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", value.lower()).strip("-")


def check_tables(root: Path, html_dir: Path, annex: str = "annex-i-traceability.html") -> list[str]:
    """Every difference between the annex's tables and the registry."""
    data = load_registry(root)
    reqs = data["requirements"]
    by_id = {r["id"]: r for r in reqs}
    active = [r for r in reqs if r["status"] == "active"]
    page = (html_dir / annex).read_text(encoding="utf-8")
    tables = annex_tables(page)
    problems: list[str] = []
    for kind in ("requirements-table", "ip5-mapping", "survey-coverage", "references-table"):
        if kind not in tables:
            problems.append(f"{annex}: no {kind} table")

    # The list of requirements: every requirement once, with its current title.
    listed: dict[str, list[str]] = {}
    for _, cells, ids in tables.get("requirements-table", []):
        if ids and cells and cells[0] == ids[0]:
            if ids[0] in listed:
                problems.append(f"requirements-table: {ids[0]} is listed twice")
            listed[ids[0]] = cells
    if set(listed) != set(by_id):
        missing, extra = sorted(set(by_id) - set(listed)), sorted(set(listed) - set(by_id))
        problems.append(f"requirements-table: {len(listed)} rows for {len(by_id)} requirements "
                        f"(missing {missing[:5]}, unknown {extra[:5]})")
    for rid, cells in listed.items():
        if rid in by_id and (len(cells) < 2 or cells[1] != by_id[rid]["title"]):
            problems.append(f"requirements-table: {rid} shows title {cells[1:2]}, the registry says "
                            f"{by_id[rid]['title']!r}")

    # IP5 mapping, survey coverage, references: the requirements listed in each row.
    expected: dict[str, dict[str, set[str]]] = {"ip5-mapping": {}, "survey-coverage": {},
                                                "references-table": {}}
    for r in active:
        for pid in r.get("ip5", []):
            expected["ip5-mapping"].setdefault("ip5-" + _slug(pid), set()).add(r["id"])
        for cid in r.get("challenges", []):
            expected["survey-coverage"].setdefault("challenge-" + _slug(cid), set()).add(r["id"])
        for ref in r.get("references", []):
            expected["references-table"].setdefault("ref-" + _slug(ref["standard"]), set()).add(r["id"])
    for kind, rows_expected in expected.items():
        seen: dict[str, set[str]] = {}
        for row_id, _, ids in tables.get(kind, []):
            if row_id:
                seen.setdefault(row_id, set()).update(ids)
        for row_id in sorted(set(rows_expected) | set(seen)):
            want, got = rows_expected.get(row_id, set()), seen.get(row_id)
            if got is None:
                problems.append(f"{kind}: no row {row_id}")
            elif got != want:
                problems.append(f"{kind}: row {row_id} lists {len(got)} requirements, expected "
                                f"{len(want)} (missing {sorted(want - got)[:5]}, extra {sorted(got - want)[:5]})")

    # Every link to a requirement carries the requirement's current title.
    upper = {rid.lower(): rid for rid in by_id}
    stale = {}
    for m in _REQ_LINK.finditer(page):
        rid = upper.get(m.group("anchor"))
        if rid and html.unescape(m.group("title")) != by_id[rid]["title"]:
            stale[rid] = html.unescape(m.group("title"))
    for rid, title in sorted(stale.items())[:10]:
        problems.append(f"{annex}: a link to {rid} shows the title {title!r}, the registry says "
                        f"{by_id[rid]['title']!r}")
    return problems


def check_placement(html_dir: Path, page: str, req: dict) -> list[str]:
    """The page placing `req` shows its current statement and title."""
    text = (html_dir / page).read_text(encoding="utf-8")
    anchor = f'id="req-{req["id"].lower()}"'
    start = text.find(anchor)
    if start < 0:
        return [f"{page}: {req['id']} is not placed"]
    block = text[start:text.find("</div>", start)]
    shown = text_of(block)
    problems = []
    if " ".join(req["statement"].split()) not in shown:
        problems.append(f"{page}: {req['id']} does not show its current statement")
    if req["title"] not in shown:
        problems.append(f"{page}: {req['id']} does not show its current title")
    return problems


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if len(argv) != 2:
        print("usage: python benchmarks/verify.py PROJECT_ROOT HTML_DIR", file=sys.stderr)
        return 2
    problems = check_tables(Path(argv[0]), Path(argv[1]))
    for p in problems:
        print(p)
    print("tables: " + ("right" if not problems else f"{len(problems)} problems"))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
