"""The WordprocessingML that python-docx has no API for, as small helpers: bookmarks,
hyperlinks (to a bookmark or an address), fields (PAGE, TOC), repeated table header rows,
merged cells, paragraph borders and shading, and Word-valid bookmark names.

Everything is built with python-docx's own element factory (`OxmlElement`), so the parts
stay valid against its schema-aware classes.
"""

from __future__ import annotations

import hashlib
import re

from functools import lru_cache

from docx.oxml.ns import NamespacePrefixedTag, qn
from docx.oxml.parser import oxml_parser

BOOKMARK_MAX = 40  # Word refuses longer bookmark names


def bookmark_name(anchor: str) -> str:
    """The HTML anchor as a Word bookmark name: letters, digits and underscores, starting
    with a letter, at most 40 characters. `req-ipdx-fmt-001` -> `req_ipdx_fmt_001`; the same
    anchor always gives the same name, so Word's compare of two versions matches them."""
    name = re.sub(r"[^A-Za-z0-9_]", "_", anchor)
    if not name or not name[0].isalpha():
        name = "x" + name
    if len(name) > BOOKMARK_MAX:
        digest = hashlib.sha1(anchor.encode("utf-8")).hexdigest()[:8]
        name = name[: BOOKMARK_MAX - 9] + "_" + digest
    return name


@lru_cache(maxsize=None)
def _tag(tag: str) -> tuple[str, dict]:
    prefixed = NamespacePrefixedTag(tag)
    return prefixed.clark_name, prefixed.nsmap


def OxmlElement(tag: str):
    """python-docx's OxmlElement (an element of its schema-aware classes), with the tag's
    namespace worked out once per tag rather than at every element: a DOCX of thousands of
    requirements makes hundreds of thousands of elements."""
    clark, nsmap = _tag(tag)
    return oxml_parser.makeelement(clark, nsmap=nsmap)


W_VAL = qn("w:val")
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


def paragraph(style_id: str):
    """A new `w:p` of the style with this id (built directly: python-docx's property setters
    look for each child's place in the schema, which costs at a hundred thousand paragraphs)."""
    p = OxmlElement("w:p")
    ppr = OxmlElement("w:pPr")
    pstyle = OxmlElement("w:pStyle")
    pstyle.set(W_VAL, style_id)
    ppr.append(pstyle)
    p.append(ppr)
    return p


def el(tag: str, **attrs: str) -> object:
    """A `w:` element with `w:` attributes: el("w:tab", val="right", pos="9000")."""
    node = OxmlElement(tag)
    for key, value in attrs.items():
        node.set(qn(key if ":" in key else f"w:{key}"), str(value))
    return node


def add_bookmark(p, ident: int, name: str) -> None:
    """An empty bookmark at the start of paragraph element `p` (after its properties)."""
    start = el("w:bookmarkStart", id=ident, name=name)
    end = el("w:bookmarkEnd", id=ident)
    ppr = p.find(qn("w:pPr"))
    index = 1 if ppr is not None else 0
    p.insert(index, end)
    p.insert(index, start)


def hyperlink(p, *, anchor: str | None = None, rid: str | None = None, tooltip: str = ""):
    """A `w:hyperlink` appended to paragraph element `p`; runs go inside it."""
    link = OxmlElement("w:hyperlink")
    if anchor:
        link.set(qn("w:anchor"), anchor)
    if rid:
        link.set(qn("r:id"), rid)
    if tooltip:
        link.set(qn("w:tooltip"), tooltip[:255])
    link.set(qn("w:history"), "1")
    p.append(link)
    return link


def run(parent, text: str = "", *, style: str | None = None, bold: bool = False,
        italic: bool = False, tab: bool = False, lang: str | None = None):
    """A `w:r` appended to `parent` (a paragraph or hyperlink element); `lang` is the run's
    language (w:lang) when it is not the document's."""
    r = OxmlElement("w:r")
    if style or bold or italic or lang:
        rpr = OxmlElement("w:rPr")
        if style:
            rstyle = OxmlElement("w:rStyle")
            rstyle.set(W_VAL, style)
            rpr.append(rstyle)
        if bold:
            rpr.append(OxmlElement("w:b"))
        if italic:
            rpr.append(OxmlElement("w:i"))
        if lang:  # after w:i, as the schema orders rPr
            rpr.append(el("w:lang", val=lang))
        r.append(rpr)
    if tab:
        r.append(OxmlElement("w:tab"))
    if text:
        t = OxmlElement("w:t")
        t.text = text
        t.set(XML_SPACE, "preserve")
        r.append(t)
    parent.append(r)
    return r


def line_break(parent):
    r = OxmlElement("w:r")
    r.append(OxmlElement("w:br"))
    parent.append(r)
    return r


def field(parent, instruction: str, shown: str = "", *, style: str | None = None) -> None:
    """A complex field (begin, instruction, separate, result, end) appended to `parent`:
    Word computes the result (a page number, a table of contents); `shown` is what a reader
    sees until it does."""
    def fld(kind: str) -> None:
        r = run(parent, style=style)
        r.append(el("w:fldChar", fldCharType=kind))

    fld("begin")
    r = run(parent, style=style)
    instr = OxmlElement("w:instrText")
    instr.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    instr.text = f" {instruction} "
    r.append(instr)
    fld("separate")
    if shown:
        run(parent, shown, style=style)
    fld("end")


def field_begin(parent, instruction: str) -> None:
    """The first half of a field whose result spans several paragraphs (a TOC)."""
    r = run(parent)
    r.append(el("w:fldChar", fldCharType="begin", dirty="true"))
    r = run(parent)
    instr = OxmlElement("w:instrText")
    instr.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    instr.text = f" {instruction} "
    r.append(instr)
    r = run(parent)
    r.append(el("w:fldChar", fldCharType="separate"))


def field_end(parent) -> None:
    r = run(parent)
    r.append(el("w:fldChar", fldCharType="end"))


def repeat_header(row) -> None:
    """Mark table row element `row` (w:tr) as a header row Word repeats on every page."""
    trpr = row.get_or_add_trPr()
    trpr.append(el("w:tblHeader", val="true"))
    trpr.append(el("w:cantSplit", val="true"))


def keep_row_together(row) -> None:
    row.get_or_add_trPr().append(el("w:cantSplit", val="true"))


def grid_span(tc, span: int) -> None:
    tcpr = tc.get_or_add_tcPr()
    tcpr.append(el("w:gridSpan", val=span))


def cell_shading(tc, fill: str) -> None:
    tc.get_or_add_tcPr().append(el("w:shd", val="clear", color="auto", fill=fill))


def eighths(points: float) -> int:
    """A border width in Word's eighths of a point."""
    return max(2, round(points * 8))


def paragraph_border(ppr, spec: dict) -> None:
    """A box round every paragraph of a style, thicker on the left when `left` says so;
    consecutive paragraphs with the same border are drawn as one box."""
    bdr = OxmlElement("w:pBdr")
    color, size, space = spec.get("color", "000000"), spec.get("size", 0.75), spec.get("space", 4)
    for side in ("top", "left", "bottom", "right"):
        width = spec.get("left", size) if side == "left" else size
        bdr.append(el(f"w:{side}", val="single", sz=eighths(width), space=space, color=color))
    ppr.insert_element_before(bdr, "w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku",
                              "w:wordWrap", "w:overflowPunct", "w:topLinePunct", "w:autoSpaceDE",
                              "w:autoSpaceDN", "w:bidi", "w:adjustRightInd", "w:snapToGrid",
                              "w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents",
                              "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment",
                              "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle",
                              "w:rPr", "w:sectPr", "w:pPrChange")


def paragraph_shading(ppr, fill: str) -> None:
    ppr.insert_element_before(el("w:shd", val="clear", color="auto", fill=fill),
                              "w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap",
                              "w:overflowPunct", "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN",
                              "w:bidi", "w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind",
                              "w:contextualSpacing", "w:mirrorIndents", "w:suppressOverlap", "w:jc",
                              "w:textDirection", "w:textAlignment", "w:textboxTightWrap",
                              "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr",
                              "w:pPrChange")


def table_borders(tblpr, color: str, size: float) -> None:
    borders = OxmlElement("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        borders.append(el(f"w:{side}", val="single", sz=eighths(size), space=0, color=color))
    tblpr.append(borders)


def table_cell_margins(tblpr, mm: float) -> None:
    twips = round(mm / 25.4 * 1440)
    mar = OxmlElement("w:tblCellMar")
    for side in ("left", "right"):
        mar.append(el(f"w:{side}", w=twips, type="dxa"))
    tblpr.append(mar)


def document_language(styles_element, lang: str) -> None:
    """The language of every run that says none: `w:lang` in the style defaults (docDefaults),
    where Word takes the document's proofing language from."""
    defaults = styles_element.find(qn("w:docDefaults"))
    if defaults is None:
        defaults = el("w:docDefaults")
        styles_element.insert(0, defaults)
    rpr_default = defaults.find(qn("w:rPrDefault"))
    if rpr_default is None:
        rpr_default = el("w:rPrDefault")
        defaults.insert(0, rpr_default)
    rpr = rpr_default.find(qn("w:rPr"))
    if rpr is None:
        rpr = el("w:rPr")
        rpr_default.append(rpr)
    found = rpr.find(qn("w:lang"))
    if found is None:
        found = el("w:lang")
        # w:lang comes after the run properties the template sets (fonts, size)
        after = [rpr.find(qn(t)) for t in ("w:eastAsianLayout", "w:specVanish", "w:oMath")]
        nxt = next((a for a in after if a is not None), None)
        if nxt is not None:
            nxt.addprevious(found)
        else:
            rpr.append(found)
    found.set(W_VAL, lang)
