"""The dashboard's outputs: the HTML body (for the site's page, or a page of its own), the
charts, and the CSV and JSON exports for tools. Static HTML: readable without JavaScript;
each chart is an image with a text alternative, and the same figures are in a table."""

from __future__ import annotations

import csv
import io
import json
from html import escape
from pathlib import Path
from typing import Callable

from ...atomicfile import write_atomic
from .build import Board, as_data

CSV_NAME = "conformance-dashboard.csv"
JSON_NAME = "conformance-dashboard.json"
CHARTS = ("levels-now.svg", "levels-over-time.svg")
CSV_FIELDS = ["office", "name", "roles", "data_set", "title", "level", "exceptions", "plan", "date",
              "last_review", "review_overdue", "version", "file", "example", "exceptions_under_law"]


def csv_text(board: Board) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_FIELDS)
    for r in board.rows:
        writer.writerow([r.office, r.name, " ".join(r.roles), r.data_set, r.title, r.level,
                         " ".join(e["requirement"] for e in r.exceptions),
                         " ".join(f"{p['requirement']}@{p['target_date']}" for p in r.plan),
                         r.date, r.last_review, "yes" if r.review_overdue else "no", r.version, r.file,
                         "yes" if r.example else "no",
                         " ".join(e["requirement"] for e in r.exceptions if e.get("legal_basis"))])
    return out.getvalue()


def json_text(board: Board) -> str:
    return json.dumps(as_data(board), indent=2, ensure_ascii=False) + "\n"


def charts(board: Board) -> dict[str, str]:
    """The SVG charts by file name; none (and no plotting library imported) without data."""
    if not board.rows:
        return {}
    from . import charts as draw

    top = _top(board)
    return {CHARTS[0]: draw.levels_now(board, top), CHARTS[1]: draw.levels_over_time(board, top)}


def _top(board: Board) -> int:
    """The highest level a chart shows: the standard's highest, or a higher one claimed."""
    levels = [r.level for r in board.rows] + [lv for pts in board.history.values() for _, lv in pts]
    return max(levels + [board.top_level])


def body(board: Board, *, image: Callable[[str], str], download: Callable[[str], str],
         requirement: Callable[[str], str | None] = lambda rid: None, heading: str = "h1") -> str:
    """The dashboard as HTML, `image(name)`, `download(name)` and `requirement(id)` giving the
    links (a requirement without a link is shown as its ID)."""
    from . import charts as draw  # its descriptions only: matplotlib is imported by drawing

    h1, h2 = heading, f"h{int(heading[1]) + 1}"
    top = _top(board)
    n, bad = len(board.statements), len(board.invalid)
    offices = board.offices
    parts = [
        f'<{h1} id="conformance-dashboard">Conformance dashboard</{h1}>',
        f"<p>Where IP offices stand with {escape(board.standard)}: built on {board.today.isoformat()} from "
        f"{n} conformance statement{'s' if n != 1 else ''} of {len(offices)} office"
        f"{'s' if len(offices) != 1 else ''}, each checked against the version of the standard it names "
        f"(the current version is {escape(board.version)}). "
        + (f"{bad} statement{'s are' if bad != 1 else ' is'} not valid: listed at the end, not counted. " if bad else "")
        + "An office's current statement is its latest valid one.</p>",
        f'<p>For tools: <a href="{escape(download(CSV_NAME))}">CSV</a> (one row per office and data set), '
        f'<a href="{escape(download(JSON_NAME))}">JSON</a> (everything on this page).</p>',
    ]
    if any(r.example for r in board.rows):
        parts.append("<p><strong>Examples:</strong> offices marked “example” have a code that WIPO ST.3 "
                     "leaves for individual use; they are fictitious, and so are their claims.</p>")
    parts.append(f'<{h2} id="offices">Offices and data sets</{h2}>')
    if not board.rows:
        parts.append("<p>No valid statement yet.</p>")
    else:
        parts.append(_figure(image(CHARTS[0]), draw.describe_now(board, top),
                             "Level claimed per office and data set (the table below gives the same figures)."))
        parts.append(_offices_table(board))
    if board.history:
        parts.append(f'<{h2} id="levels-over-time">Levels over time</{h2}>')
        parts.append(_figure(image(CHARTS[1]), draw.describe_over_time(board, top), "Level claimed per office and data set, by date of "
                             "statement (valid statements only; the table below gives the same figures)."))
        parts.append(_history_table(board))
    if board.requirements:
        parts.append(f'<{h2} id="requirements">Requirements</{h2}>')
        parts.append("<p>For each requirement of the current version (options aside): how many offices "
                     "claim a level that includes it for their role, how many of them follow it, how "
                     "many list it as an exception, and how many of those cite a provision of the law "
                     "applicable to them that prevents meeting it (the one ground on which a mandatory "
                     "requirement may be an exception).</p>")
        parts.append(_requirements_table(board, requirement))
    if bad:
        parts.append(f'<{h2} id="invalid">Statements that are not valid</{h2}>')
        parts.append("<p>Not counted above. <code>stkit conformance check FILE</code> gives the same findings.</p>")
        items = []
        for c in board.invalid:
            who = f" ({escape(c.statement.office_code)} {escape(c.statement.office_name)})" if c.statement else ""
            errs = "".join(f"<li><code>{escape(f'{d.path}:{d.line}:{d.col}')}</code> {escape(d.code)} "
                           f"{escape(d.message)}</li>" for d in c.diagnostics if d.severity == "error")
            items.append(f"<li><code>{escape(c.path)}</code>{who}<ul>{errs}</ul></li>")
        parts.append(f"<ul>{''.join(items)}</ul>")
    return "\n".join(parts) + "\n"


def _figure(src: str, alt: str, caption: str) -> str:
    return (f'<figure class="stkit-chart"><img src="{escape(src)}" alt="{escape(alt)}">'
            f"<figcaption>{escape(caption)}</figcaption></figure>")


def _table(caption: str, head: list[str], rows: list[list[str]], cls: str) -> str:
    th = "".join(f'<th scope="col">{escape(h)}</th>' for h in head)
    trs = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in rows)
    # A table wider than a phone scrolls in its region, which a keyboard must reach (WCAG 2.1.1).
    return (f'<div class="stkit-table-wrap" role="region" tabindex="0" aria-label="{escape(caption)}">'
            f'<table class="{cls}"><caption>{escape(caption)}</caption>'
            f"<thead><tr>{th}</tr></thead><tbody>{trs}</tbody></table></div>")


def _offices_table(board: Board) -> str:
    rows = []
    for r in board.rows:
        exc = "; ".join(f"{escape(e['requirement'])}: {escape(e['reason'])}"
                        + (f" (under the law: {escape(e['legal_basis'])})" if e.get("legal_basis") else "")
                        + (f" (by {escape(e['target_date'])})" if e.get("target_date") else "") for e in r.exceptions)
        plan = "; ".join(f"{escape(p['requirement'])} by {escape(p['target_date'])}" for p in r.plan)
        review = escape(r.last_review) + (" <strong>(over a year ago)</strong>" if r.review_overdue else "")
        name = escape(r.name) + (" <em>(example)</em>" if r.example else "")
        rows.append([escape(r.office), name, escape(", ".join(r.roles)),
                     escape(r.data_set) + (f"<br>{escape(r.title)}" if r.title else ""), str(r.level),
                     exc or ("plan: " + plan if plan else "none"), review, escape(r.version)])
    return _table("Current claims", ["office", "name", "roles", "data set", "level", "exceptions",
                                     "last review", "version"], rows, "stkit-dashboard-offices")


def _history_table(board: Board) -> str:
    rows = [[escape(key), escape(d), str(lv)] for key, pts in sorted(board.history.items()) for d, lv in pts]
    return _table("Levels by date of statement", ["office, data set", "date", "level"], rows,
                  "stkit-dashboard-history")


def _requirements_table(board: Board, link: Callable[[str], str | None]) -> str:
    def ref(rid: str) -> str:
        href = link(rid)
        code = f"<code>{escape(rid)}</code>"
        return f'<a href="{escape(href)}">{code}</a>' if href else code

    rows = [[ref(u.id), escape(u.title), str(u.level) if u.level is not None else "none", escape(u.obligation),
             str(u.covered), str(u.followed), str(u.excepted), str(u.excepted_under_law)]
            for u in board.requirements]
    return _table("Requirements followed", ["requirement", "title", "level", "keyword", "offices claiming it",
                                            "following it", "listing it as an exception",
                                            "of which under the law"], rows,
                  "stkit-dashboard-requirements")


CSS = """
.stkit-chart img { max-width: 100%; height: auto; background: #fff; }
.stkit-chart figcaption { font-size: 0.9em; }
.stkit-table-wrap { overflow-x: auto; }
.stkit-table-wrap table { border-collapse: collapse; margin: 1em 0; }
.stkit-table-wrap th, .stkit-table-wrap td { border: 1px solid #999; padding: 0.25em 0.5em; vertical-align: top; text-align: left; }
.stkit-table-wrap caption { font-weight: bold; text-align: left; }
"""

PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Conformance dashboard: {standard}</title>
<style>
body {{ font-family: sans-serif; max-width: 72em; margin: 1em auto; padding: 0 1em; line-height: 1.4; }}
{css}
</style>
</head>
<body>
<main>
{body}</main>
</body>
</html>
"""


def write_files(board: Board, folder: Path, *, charts_dir: Path) -> list[Path]:
    """The CSV, the JSON and the charts; each file is replaced whole."""
    written = []
    for name, text in ((CSV_NAME, csv_text(board)), (JSON_NAME, json_text(board))):
        written.append(_replace(folder / name, text))
    for name, svg in charts(board).items():
        written.append(_replace(charts_dir / name, svg))
    return written


def write_standalone(board: Board, folder: Path) -> list[Path]:
    """The dashboard as a folder of its own: index.html, the CSV, the JSON, the charts."""
    folder.mkdir(parents=True, exist_ok=True)
    written = write_files(board, folder, charts_dir=folder)
    html = PAGE.format(standard=escape(board.standard), css=CSS,
                       body=body(board, image=lambda n: n, download=lambda n: n))
    written.insert(0, _replace(folder / "index.html", html))
    return written


def write_text(path: Path, text: str) -> Path:
    """Write `text` to `path`, replacing the file whole (never left half-written)."""
    return _replace(path, text)


def _replace(path: Path, text: str) -> Path:
    return write_atomic(path, text)

