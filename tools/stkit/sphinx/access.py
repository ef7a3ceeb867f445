"""What makes each HTML page usable with a keyboard, a screen reader and a phone, applied to
the page's body just before it is written (`html-page-context`):

- a table's wrapper (furo puts every table in `<div class="table-wrapper">`, which scrolls
  sideways when the table is wider than a phone) becomes a named region a keyboard can
  reach: `role="region" tabindex="0" aria-label="Table: <caption or section title>"`
  (WCAG 2.1.1, axe's scrollable-region-focusable);
- identifiers never break inside: every requirement ID (`IPDX-FMT-001`) and IP5 principle
  (`ip5/free-of-charge`) in the text is put in `<span class="stkit-id">`, which stkit.css
  keeps on one line (a browser would otherwise break it at its hyphens, "IPDX-DAT-" / "001");
- a header cell of a table's head says it heads its column (`scope="col"`);
- a page that has no h1 (the title page, whose title is the title block) gets its title as
  the h1, so every page has exactly one.

The search page's h1 comes from the template `templates/search.html`. Nothing here changes
the doctree: the PDF and other builders read the same text.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

TEMPLATES = Path(__file__).with_name("templates")

# A requirement ID (the registry schema's pattern) or an IP5 principle (ip5/free-of-charge).
IDENTIFIER = re.compile(r"(?<![\w/-])(IPDX-[A-Z]{3}-[0-9]{3,4}|ip5/[a-z0-9]+(?:-[a-z0-9]+)*)(?![\w-])")
TAG = re.compile(r"(<[^>]*>)")
WRAPPER = re.compile(r'<div class="table-wrapper([^"]*)"')
HEADING = re.compile(r"<h([1-6])\b[^>]*>(.*?)</h\1>", re.S)
CAPTION = re.compile(r"<caption\b[^>]*>(.*?)</caption>", re.S)
THEAD = re.compile(r"<thead\b.*?</thead>", re.S)
TITLE_PARAGRAPH = re.compile(r'<p class="stkit-tb-title">(.*?)</p>', re.S)
# Elements whose text is not running text: no span is put inside them.
RAW = re.compile(r"<(script|style|textarea|title)\b", re.I)
# Elements that already keep their identifier whole (a {req} reference, a requirement's ID).
WHOLE = re.compile(r'<(?:span|a)\b[^>]*\bclass="[^"]*\bstkit-(?:req-ref|req-id|id)\b')


def register(app) -> None:
    app.connect("config-inited", _add_templates)
    app.connect("html-page-context", page_context)


def _add_templates(app, config) -> None:
    config.templates_path = [*config.templates_path, str(TEMPLATES)]


def page_context(app, pagename, templatename, context, doctree) -> None:
    body = context.get("body")
    if body:
        context["body"] = accessible_body(body)


def accessible_body(body: str) -> str:
    body = label_table_regions(body)
    body = scope_column_headers(body)
    body = keep_identifiers_whole(body)
    if not re.search(r"<h1\b", body):
        body = TITLE_PARAGRAPH.sub(r'<h1 class="stkit-tb-title">\1</h1>', body, count=1)
    return body


def _plain(fragment: str) -> str:
    """The text of an HTML fragment, without its permalink sign."""
    fragment = re.sub(r'<a class="headerlink"[^>]*>.*?</a>', "", fragment, flags=re.S)
    return re.sub(r"\s+", " ", html.unescape(TAG.sub("", fragment))).strip()


def label_table_regions(body: str) -> str:
    """Each table wrapper becomes a focusable region named after the table's caption, or else
    the title of the section it is in."""
    out: list[str] = []
    last = 0
    for match in WRAPPER.finditer(body):
        start = match.start()
        caption = CAPTION.search(body, match.end(), body.find("</table>", match.end()) + 1 or len(body))
        if caption:
            name = _plain(caption.group(1))
        else:
            headings = list(HEADING.finditer(body, 0, start))
            name = _plain(headings[-1].group(2)) if headings else ""
        label = f"Table: {name}" if name else "Table"
        out.append(body[last:start])
        out.append(f'<div class="table-wrapper{match.group(1)}" role="region" tabindex="0" '
                   f'aria-label="{html.escape(label, quote=True)}"')
        last = match.end()
    out.append(body[last:])
    return "".join(out)


def scope_column_headers(body: str) -> str:
    """`scope="col"` on each header cell of a table's head that has no scope: a screen reader
    then announces the column's header with each cell (the PDF's tags follow it too)."""
    def scoped(head: re.Match) -> str:
        return re.sub(r"<th\b(?![^>]*\bscope=)", '<th scope="col"', head.group(0))
    return THEAD.sub(scoped, body)


def keep_identifiers_whole(body: str) -> str:
    """Wrap every identifier of the running text (not of attributes, nor one already in an
    element that keeps it whole) in `<span class="stkit-id">`."""
    parts = TAG.split(body)
    raw = False
    for index, part in enumerate(parts):
        if index % 2:  # a tag
            if RAW.match(part):
                raw = True
            elif raw and part.startswith("</"):
                raw = False
            continue
        if not raw and "-" in part and not (index and WHOLE.match(parts[index - 1])):
            parts[index] = IDENTIFIER.sub(r'<span class="stkit-id">\1</span>', part)
    return "".join(parts)
