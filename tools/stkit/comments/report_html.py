"""The compilation as one self-contained, accessible HTML page (no script, no network): the
counts first, then one table row per comment in the standard's order. `body()` is also the
content of the "Comments" page of a draft build."""

from __future__ import annotations

from html import escape
from typing import Callable

from .compilation import Compilation, Entry
from .records import DECISION_NAMES
from .targets import plain

CSS = """
body{font-family:system-ui,sans-serif;margin:1.5rem;line-height:1.4;color:#1a1a1a}
table{border-collapse:collapse;margin:0 0 1.5rem}
th,td{border:1px solid #767676;padding:.3rem .5rem;vertical-align:top;text-align:left}
th{background:#e8edf5}
caption{text-align:left;font-weight:bold;padding:.3rem 0}
.stkit-cmt-counts{display:flex;gap:2rem;flex-wrap:wrap}
.stkit-cmt-since{display:block;font-size:.9em;color:#5c3d00}
.stkit-cmt-quote{font-size:.9em;color:#333}
.stkit-cmt-open{font-weight:bold;color:#8a1c00}
"""

Link = Callable[[Entry], str | None]


def counts(comp: Compilation) -> str:
    parts = []
    for what, title in (("office", "Office"), ("type", "Type"), ("decision", "Disposition")):
        rows = "".join(f"<tr><th scope=\"row\">{escape(DECISION_NAMES.get(v, v) if what == 'decision' else v)}"
                       f"</th><td>{n}</td></tr>" for v, n in comp.counts(what))
        parts.append(f"<table><caption>Comments by {title.lower()}</caption><thead><tr>"
                     f"<th scope=\"col\">{title}</th><th scope=\"col\">Comments</th></tr></thead>"
                     f"<tbody>{rows}</tbody></table>")
    return f"<div class=\"stkit-cmt-counts\">{''.join(parts)}</div>"


def entries(comp: Compilation, link: Link | None = None, *, caption: str = "Comments",
            group_ids: bool = False) -> str:
    """The table of comments. With group_ids, the first comment on each paragraph or
    requirement also carries the id `on-<its anchor>` (where a draft's markers link to)."""
    rows = []
    grouped: set[str] = set()
    for e in comp.entries:
        c, p = e.comment, e.placed
        target_id = ""
        if group_ids and p.target is not None and p.target.html_id and p.target.html_id not in grouped:
            grouped.add(p.target.html_id)
            target_id = f"<span id=\"on-{escape(p.target.html_id)}\"></span>"
        href = link(e) if link else None
        on = escape(p.current)
        if href:
            on = f"<a href=\"{escape(href)}\">{on}</a>"
        if p.note:
            on += f"<span class=\"stkit-cmt-since\">{escape(p.note)}</span>"
        made_on = escape(c.anchor.shown()) + f" (version {escape(c.version)})"
        quote = (f"<span class=\"stkit-cmt-quote\">{_text(plain(c.anchor.text))}</span>"
                 if c.anchor.text else "")
        decision = DECISION_NAMES[c.disposition.decision]
        decision_html = (f"<span class=\"stkit-cmt-open\">{escape(decision)}</span>"
                         if c.disposition.is_open else escape(decision))
        change = f"<br>Change: {escape(c.disposition.change)}" if c.disposition.change else ""
        rows.append(
            f"<tr id=\"{escape(c.id.lower())}\"><th scope=\"row\">{target_id}{escape(c.id)}</th><td>{escape(c.office)}</td>"
            f"<td>{on}</td><td>{made_on}<br>{quote}</td><td>{escape(c.type)}</td>"
            f"<td>{_text(c.comment)}</td><td>{_text(c.proposed_change)}</td>"
            f"<td>{decision_html}</td><td>{_text(c.disposition.response)}{change}</td></tr>")
    head = "".join(f"<th scope=\"col\">{h}</th>" for h in (
        "ID", "Office", "Now on", "Made on", "Type", "Comment", "Proposed change", "Disposition",
        "Response"))
    return (f"<table class=\"stkit-cmt-table\"><caption>{escape(caption)}</caption><thead><tr>{head}</tr></thead>"
            f"<tbody>{''.join(rows)}</tbody></table>")


def body(comp: Compilation, link: Link | None = None) -> str:
    n = len(comp.entries)
    intro = (f"<p>{n} comment{'s' if n != 1 else ''} on {escape(comp.standard)}, "
             f"{comp.open} still open. The text is shown as it is now, version "
             f"{escape(comp.version)}; each comment also names the paragraph or requirement "
             f"it was made on.</p>")
    return intro + counts(comp) + entries(comp, link)


def render(comp: Compilation) -> bytes:
    title = f"Compilation of comments: {comp.standard}, round {comp.round.name}"
    page = (f"<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
            f"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
            f"<title>{escape(title)}</title>\n<style>{CSS}</style>\n</head>\n<body>\n<main>\n"
            f"<h1>{escape(title)}</h1>\n{body(comp)}\n</main>\n</body>\n</html>\n")
    return page.encode("utf-8")


def _text(text: str) -> str:
    return "<br>".join(escape(line) for line in text.split("\n"))
