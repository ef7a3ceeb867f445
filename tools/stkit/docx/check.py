"""A check of a DOCX package's parts (Office Open XML, ECMA-376 Part 2, Open Packaging
Conventions), run after every build and by `make validate`:

- it is a zip with `[Content_Types].xml` and a package relationship to the main document;
- every XML part is well-formed;
- every part has a content type (a Default for its extension or an Override);
- every internal relationship of every part points at a part that exists;
- in the main document: bookmark names are unique and Word-valid, every bookmark that starts
  ends, every internal hyperlink (`w:anchor`) lands on a bookmark, every `r:id` resolves,
  and revision marks carry an author.

No library on PyPI checks these package rules without Microsoft's SDK (python-docx reads
only what it needs, and accepts a dangling relationship), so this is our own, kept small.
`python -m stkit.docx.check FILE...` prints one line per problem and exits 1 on any.
"""

from __future__ import annotations

import posixpath
import re
import sys
import zipfile
from io import BytesIO
from pathlib import Path

from lxml import etree

CT = "{http://schemas.openxmlformats.org/package/2006/content-types}"
RELS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
OFFICE_DOCUMENT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
# The content type a part must have, by the type of the relationship that reaches it.
_WML = "application/vnd.openxmlformats-officedocument.wordprocessingml."
EXPECTED_TYPES = {
    "officeDocument": _WML + "document.main+xml",
    "styles": _WML + "styles+xml",
    "settings": _WML + "settings+xml",
    "header": _WML + "header+xml",
    "footer": _WML + "footer+xml",
    "numbering": _WML + "numbering+xml",
    "fontTable": _WML + "fontTable+xml",
    "webSettings": _WML + "webSettings+xml",
    "footnotes": _WML + "footnotes+xml",
    "comments": _WML + "comments+xml",
    "theme": "application/vnd.openxmlformats-officedocument.theme+xml",
    "core-properties": "application/vnd.openxmlformats-package.core-properties+xml",
    "extended-properties": "application/vnd.openxmlformats-officedocument.extended-properties+xml",
}
BOOKMARK_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]{0,39}$")
MAX_PROBLEMS = 20


def _rels_of(part: str) -> str:
    folder, name = posixpath.split(part)
    return posixpath.join(folder, "_rels", name + ".rels")


def _parse(zf: zipfile.ZipFile, name: str, problems: list[str]):
    try:
        return etree.fromstring(zf.read(name), etree.XMLParser(resolve_entities=False, no_network=True,
                                                                huge_tree=True))
    except etree.XMLSyntaxError as exc:
        problems.append(f"{name}: not well-formed XML: {exc}")
        return None


def check_package(data: bytes | Path) -> list[str]:
    """Problems found in the package (bytes or a path); empty when it is sound."""
    problems: list[str] = []
    source = BytesIO(data) if isinstance(data, (bytes, bytearray)) else data
    try:
        zf = zipfile.ZipFile(source)
    except (zipfile.BadZipFile, OSError) as exc:
        return [f"not a zip package ({exc})"]
    with zf:
        names = [n for n in zf.namelist() if not n.endswith("/")]
        if len(set(names)) != len(names):
            problems.append("a part name appears twice in the zip")
        if "[Content_Types].xml" not in names:
            return ["no [Content_Types].xml"]
        types = _parse(zf, "[Content_Types].xml", problems)
        if types is None:
            return problems
        defaults = {d.get("Extension", "").lower(): d.get("ContentType", "") for d in types.iter(CT + "Default")}
        overrides = {o.get("PartName", ""): o.get("ContentType", "") for o in types.iter(CT + "Override")}

        def content_type(part: str) -> str:
            ext = part.rsplit(".", 1)[-1].lower() if "." in part else ""
            return overrides.get("/" + part) or defaults.get(ext, "")

        for name in names:
            if name == "[Content_Types].xml":
                continue
            ext = name.rsplit(".", 1)[-1].lower() if "." in name else ""
            if "/" + name not in overrides and ext not in defaults:
                problems.append(f"{name}: no content type")
        for part in sorted(overrides):
            if part.lstrip("/") not in names:
                problems.append(f"[Content_Types].xml: an override names {part}, which is not in the package")
        trees = {}
        for name in names:
            if name.endswith((".xml", ".rels")):
                trees[name] = _parse(zf, name, problems)
        main = None
        rels_by_part: dict[str, dict[str, str]] = {}
        for name in names:
            if not name.endswith(".rels") or trees.get(name) is None:
                continue
            folder = posixpath.dirname(posixpath.dirname(name))
            owner = posixpath.join(folder, posixpath.basename(name)[: -len(".rels")])
            ids = rels_by_part.setdefault(owner if name != "_rels/.rels" else "", {})
            for rel in trees[name].iter(RELS + "Relationship"):
                rid, target = rel.get("Id", ""), rel.get("Target", "")
                if rid in ids:
                    problems.append(f"{name}: relationship id {rid} appears twice")
                ids[rid] = rel.get("TargetMode", "")
                if rel.get("TargetMode") == "External":
                    continue
                resolved = posixpath.normpath(posixpath.join(folder, target)).lstrip("/") \
                    if not target.startswith("/") else target.lstrip("/")
                if resolved not in names:
                    problems.append(f"{name}: relationship {rid} points at {target}, which is not in the package")
                    continue
                kind = rel.get("Type", "").rsplit("/", 1)[-1]
                want = EXPECTED_TYPES.get(kind)
                if want and content_type(resolved) != want:
                    problems.append(f"{resolved}: content type {content_type(resolved) or 'none'!r}, "
                                    f"not {want!r} (a {kind} part)")
                if name == "_rels/.rels" and rel.get("Type") == OFFICE_DOCUMENT:
                    main = resolved
        if main is None:
            problems.append("_rels/.rels: no relationship to the main document")
        elif trees.get(main) is not None:
            problems += document_problems(trees[main], main, rels_by_part.get(main, {}))
    return problems[:MAX_PROBLEMS]


def document_problems(root, name: str, rels: dict[str, str]) -> list[str]:
    problems = []
    names, open_ids = {}, {}
    for start in root.iter(W + "bookmarkStart"):
        bm, ident = start.get(W + "name", ""), start.get(W + "id", "")
        if not BOOKMARK_NAME.match(bm):
            problems.append(f"{name}: bookmark name {bm!r} is not valid in Word")
        if bm in names:
            problems.append(f"{name}: bookmark {bm!r} appears twice")
        names[bm] = ident
        open_ids[ident] = bm
    for end in root.iter(W + "bookmarkEnd"):
        open_ids.pop(end.get(W + "id", ""), None)
    for ident, bm in open_ids.items():
        problems.append(f"{name}: bookmark {bm!r} (id {ident}) is never ended")
    for link in root.iter(W + "hyperlink"):
        anchor, rid = link.get(W + "anchor"), link.get(R + "id")
        text = "".join(link.itertext())[:40]
        if anchor is not None and anchor not in names:
            problems.append(f"{name}: the link {text!r} points at bookmark {anchor!r}, which is not in the document")
        if rid is not None and rid not in rels:
            problems.append(f"{name}: the link {text!r} uses relationship {rid}, which does not exist")
    for tag in ("ins", "del"):
        for mark in root.iter(W + tag):
            if not mark.get(W + "author"):
                problems.append(f"{name}: a tracked {'insertion' if tag == 'ins' else 'deletion'} has no author")
    return problems


def main(argv: list[str] | None = None) -> int:
    paths = sys.argv[1:] if argv is None else argv
    if not paths:
        print("usage: python -m stkit.docx.check FILE.docx ...", file=sys.stderr)
        return 2
    status = 0
    for path in paths:
        problems = check_package(Path(path))
        for problem in problems:
            print(f"{path}: {problem}", file=sys.stderr)
        if problems:
            status = 1
        else:
            print(f"{path}: the OOXML parts are sound")
    return status


if __name__ == "__main__":
    sys.exit(main())
