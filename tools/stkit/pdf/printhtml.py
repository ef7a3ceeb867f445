"""Sphinx's singlehtml page -> the print HTML that WeasyPrint renders.

Only the main content of the singlehtml page is kept; it is put into this package's own
minimal page (`template.html`) with `print.css`, so no theme CSS (floats, web fonts, sidebars)
ever reaches the PDF. On the way:

- cross-document links, which Sphinx >= 8.2 writes as `#document-<doc>#<anchor>` in a
  singlehtml build (Sphinx issue 14221), keep their last fragment; a link to a whole document
  (`#document-<doc>`) points at that document's first section;
- the sections of annex documents are marked with their annex numeral, so `furniture.py`
  can give them their own page numbering;
- a table of contents of the h1/h2 headings, with page numbers from `target-counter()`, is
  put before the first document;
- a code block whose longest line would not fit the column gets a smaller font size, so
  that code and YAML are never wrapped (`fit_code_blocks`).
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

import tinyhtml5

from .errors import PdfError

TEMPLATE = Path(__file__).with_name("template.html")

# Web-only furniture that must not print: permalinks, theme buttons, scripts.
DROP_CLASSES = {"headerlink", "content-icon-container", "back-to-top", "toc-drawer",
                "related-pages", "skip-to-content", "edit-this-page", "view-this-page",
                "stkit-lang-switch"}  # the language switch links to the other HTML builds
DROP_TAGS = {"script", "style", "link", "noscript", "template", "button"}
TOC_LEVELS = ("h1", "h2")
PENDING_MARK = "stkit-pending"  # the "translation pending" mark (stkit.translation.render)

# Code blocks (print.css): set at CODE_SIZE_PT, shrunk down to MIN_CODE_SIZE_PT so that the
# longest line fits CODE_WIDTH_PT (the text column less a paragraph's indent and the block's
# padding); a monospaced character is MONO_ADVANCE em wide (Liberation Mono, DejaVu Sans Mono).
CODE_SIZE_PT = 8.5
MIN_CODE_SIZE_PT = 6.0
CODE_WIDTH_PT = 410.0  # 165 mm column - 10 mm indent - 2 x 6 pt padding, rounded down
MONO_ADVANCE = 0.602


@dataclass
class PrintPage:
    """The print page: its HTML text, and what was found while making it."""

    html: str
    headings: int
    annexes: dict[str, str] = field(default_factory=dict)  # section id -> annex numeral


def find_main(root: ET.Element) -> ET.Element | None:
    """The element holding the document's text in a Sphinx theme's page."""
    for elem in root.iter():
        if elem.get("role") == "main":
            return elem
    for tag in ("main", "article"):
        found = root.find(f".//{tag}")
        if found is not None:
            return found
    return None


def _classes(elem: ET.Element) -> set[str]:
    return set((elem.get("class") or "").split())


def _strip(parent: ET.Element) -> None:
    """Drop web-only elements, keeping the text that follows each (its tail)."""
    for child in list(parent):
        if (isinstance(child.tag, str) and (child.tag in DROP_TAGS or _classes(child) & DROP_CLASSES)) \
                or not isinstance(child.tag, str):  # comments, processing instructions
            _remove_keep_tail(parent, child)
        else:
            _strip(child)


def _remove_keep_tail(parent: ET.Element, child: ET.Element) -> None:
    if child.tail:
        index = list(parent).index(child)
        if index:
            prev = parent[index - 1]
            prev.tail = (prev.tail or "") + child.tail
        else:
            parent.text = (parent.text or "") + child.tail
    parent.remove(child)


def document_targets(main: ET.Element) -> dict[str, str]:
    """'document-<doc>' -> the id of that document's first section (what a link to the whole
    document means). Sphinx marks each document with an empty `<span id="document-...">`
    followed by the document's section."""
    targets: dict[str, str] = {}
    for parent in main.iter():
        children = list(parent)
        for index, child in enumerate(children):
            ident = child.get("id") or ""
            if ident.startswith("document-"):
                following = children[index + 1] if index + 1 < len(children) else None
                if following is not None and following.get("id"):
                    targets[ident] = following.get("id")
    return targets


def fix_links(main: ET.Element, targets: dict[str, str]) -> int:
    """Rewrite `#document-<doc>#<anchor>` to `#<anchor>` and `#document-<doc>` to its first
    section. Returns how many links were rewritten."""
    fixed = 0
    for elem in main.iter("a"):
        href = elem.get("href")
        if not href or "#document-" not in href:
            continue
        fragments = href.split("#")
        last = fragments[-1]
        if last.startswith("document-"):
            last = targets.get(last, last)
        elem.set("href", "#" + last)
        fixed += 1
    return fixed


def drop_relative_links(main: ET.Element) -> int:
    """Links to other files of the HTML build (genindex.html, _sources/...) mean nothing in
    the PDF and would print the build machine's paths into it: keep their text only."""
    dropped = 0
    for elem in main.iter("a"):
        href = elem.get("href")
        if href is not None and not href.startswith("#") and not re.match(r"[A-Za-z][\w+.-]*:", href):
            del elem.attrib["href"]
            dropped += 1
    return dropped


def mark_annexes(main: ET.Element, annex_docs: dict[str, str]) -> dict[str, str]:
    """Put `class="annex annex-<numeral>"` and `data-annex` on each annex document's first
    section. `annex_docs` maps a docname to its annex numeral ('I', 'II' ...)."""
    marked: dict[str, str] = {}
    by_id = {e.get("id"): e for e in main.iter() if e.get("id")}
    targets = document_targets(main)
    for docname, numeral in annex_docs.items():
        section_id = targets.get(f"document-{docname}")
        section = by_id.get(section_id) if section_id else None
        if section is None:
            continue
        section.set("class", " ".join(sorted(_classes(section) | {"annex", f"annex-{numeral.lower()}"})))
        section.set("data-annex", numeral)
        marked[section_id] = numeral
    return marked


def _text(elem: ET.Element, skip: str | None = None) -> str:
    """The text of `elem`; without the elements of class `skip` (their tails kept)."""
    if skip is None:
        return re.sub(r"\s+", " ", "".join(elem.itertext())).strip()
    parts = [elem.text or ""]
    for child in elem:
        if skip not in (child.get("class") or "").split():
            parts.append(_text(child, skip))
        parts.append(child.tail or "")
    return re.sub(r"\s+", " ", "".join(parts)).strip()


def _heading_target(elem: ET.Element, parents: dict[ET.Element, ET.Element]) -> str | None:
    if elem.get("id"):
        return elem.get("id")
    parent = parents.get(elem)
    if parent is not None and parent.tag == "section" and parent.get("id"):
        return parent.get("id")
    return None


def build_toc(main: ET.Element, annexes: dict[str, str],
              heading: str = "Table of Contents") -> tuple[ET.Element, int]:
    """A `<nav class="toc">` listing the h1/h2 headings of the documents with page numbers.
    The title block (anything before the first document) is not listed, nor the "translation
    pending" mark of a heading in a translation (the entry says the heading's text)."""
    parents = {child: parent for parent in main.iter() for child in parent}
    nav = ET.Element("nav", {"class": "toc", "aria-labelledby": "toc-title"})
    title = ET.SubElement(nav, "h1", {"id": "toc-title", "class": "toc-title"})
    title.text = heading  # printed in capitals, as in WIPO's standards
    listing = ET.SubElement(nav, "ul")
    started = False
    count = 0
    current_annex = None
    for elem in main.iter():
        if (elem.get("id") or "").startswith("document-"):
            started = True
        if not started or elem.tag not in TOC_LEVELS:
            continue
        target = _heading_target(elem, parents)
        if target is None:
            continue
        if elem.tag == "h1":
            current_annex = annexes.get(target)
        classes = [f"toc-{elem.tag}"]
        if current_annex:
            classes.append(f"toc-annex-{current_annex.lower()}")
        item = ET.SubElement(listing, "li", {"class": " ".join(classes)})
        link = ET.SubElement(item, "a", {"href": f"#{target}"})
        link.text = _text(elem, skip=PENDING_MARK)
        count += 1
    return nav, count


def plain_bookmarks(main: ET.Element) -> None:
    """A heading marked "translation pending" (in a translation) is in the PDF's outline by
    its text alone, as in the contents: `data-bookmark`, which print.css makes the label."""
    for elem in main.iter():
        if elem.tag in ("h1", "h2", "h3") and any(PENDING_MARK in _classes(child) for child in elem.iter()):
            elem.set("data-bookmark", _text(elem, skip=PENDING_MARK))


def _insert_toc(main: ET.Element, nav: ET.Element) -> None:
    """Before the element that holds the first document (Sphinx's toctree wrapper)."""
    for parent in main.iter():
        for index, child in enumerate(list(parent)):
            if any((e.get("id") or "").startswith("document-") for e in child.iter()):
                parent.insert(index, nav)
                return
    main.append(nav)


def fit_code_blocks(main: ET.Element) -> int:
    """Give each `<pre>` whose longest line would not fit at CODE_SIZE_PT a smaller size,
    so that it fits; a line too long even at MIN_CODE_SIZE_PT is broken where it reaches the
    edge, with a continuation mark (a picture, so a copy of the text does not contain it).
    Returns how many blocks were shrunk."""
    shrunk = 0
    for pre in main.iter("pre"):
        lines = "".join(pre.itertext()).split("\n")
        longest = max((len(line.expandtabs(8)) for line in lines), default=0)
        if not longest or longest * MONO_ADVANCE * CODE_SIZE_PT <= CODE_WIDTH_PT:
            continue
        size = max(MIN_CODE_SIZE_PT, CODE_WIDTH_PT / (longest * MONO_ADVANCE))
        size = int(size * 10) / 10  # round down to a tenth of a point
        pre.set("style", f"font-size: {size}pt")
        shrunk += 1
        fits = int(CODE_WIDTH_PT / (MONO_ADVANCE * size)) - 1  # room for the mark
        if longest > fits + 1:
            _break_long_lines(pre, fits)
    return shrunk


def _break_long_lines(pre: ET.Element, width: int) -> None:
    """Rewrite `pre`'s text (its markup, such as syntax colouring, is dropped) with lines
    longer than `width` broken, each break marked with `<span class="stkit-continued">`."""
    text = "".join(pre.itertext())
    for child in list(pre):
        pre.remove(child)
    pre.text = ""
    last: ET.Element | None = None
    pieces: list[str] = []
    for line in text.split("\n"):
        while len(line) > width:
            pieces.append(line[:width])
            line = line[width:]
            pieces.append(None)  # type: ignore[arg-type]  # a continuation mark here
        pieces.append(line + "\n")
    if pieces and pieces[-1] == "\n":
        pieces[-1] = ""
    for piece in pieces:
        if piece is None:
            last = ET.SubElement(pre, "span", {"class": "stkit-continued", "aria-hidden": "true"})
            last.tail = "\n"
        elif last is None:
            pre.text += piece
        else:
            last.tail += piece


def make_print_page(source_html: str, *, annex_docs: dict[str, str], fields: dict[str, str]) -> PrintPage:
    """The print page for WeasyPrint, from the text of Sphinx's singlehtml index.html.

    `fields` fills the template: title, lang, description, author, keywords, created,
    draft (the draft mark's text, or '').
    """
    root = tinyhtml5.parse(source_html, namespace_html_elements=False)
    main = find_main(root)
    if main is None:
        raise PdfError("no main content (an element with role=\"main\", <main> or <article>) "
                       "in the singlehtml page")
    _strip(main)
    annexes = mark_annexes(main, annex_docs)
    fix_links(main, document_targets(main))
    drop_relative_links(main)
    for number in main.iter("a"):  # the hanging number's own width separates it from the text
        if "stkit-para-num" in _classes(number) and number.tail:
            number.tail = number.tail.lstrip()
    fit_code_blocks(main)
    nav, count = build_toc(main, annexes, fields.get("contents", "Table of Contents"))
    _insert_toc(main, nav)
    plain_bookmarks(main)
    # The print page's own wrapper replaces the theme's: keep the content, not the element.
    body = "".join(ET.tostring(child, encoding="unicode", method="html") for child in main)
    body = html.escape(main.text or "") + body
    values = {key: html.escape(value, quote=True) for key, value in fields.items()}
    draft = values.pop("draft", "")  # the watermark itself is a page background (furniture.py)
    values["body_class"] = "draft" if draft else "final"
    page = TEMPLATE.read_text(encoding="utf-8")
    for key, value in values.items():
        page = page.replace("{{" + key + "}}", value)
    leftover = re.search(r"\{\{(?!body\}\})\w+\}\}", page)
    if leftover:  # pragma: no cover - a template edit that forgot a field
        raise PdfError(f"the print template has an unfilled field {leftover.group(0)}")
    page = page.replace("{{body}}", body)  # last: the text itself may contain braces
    return PrintPage(html=page, headings=count, annexes=annexes)
