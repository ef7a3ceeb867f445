"""The document's Word styles, from `styles.yaml` (data, not code): Word's built-in styles
restyled (Normal, Heading 1-4, Header, Footer, TOC) and our own named paragraph, character
and table styles. Applied once to a new python-docx Document."""

from __future__ import annotations

from pathlib import Path

import yaml
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT, WD_TAB_LEADER
from .ooxml import OxmlElement
from docx.shared import Mm, Pt, RGBColor

from . import ooxml

STYLES_FILE = Path(__file__).with_name("styles.yaml")
_ALIGN = {"left": WD_ALIGN_PARAGRAPH.LEFT, "right": WD_ALIGN_PARAGRAPH.RIGHT,
          "center": WD_ALIGN_PARAGRAPH.CENTER, "justify": WD_ALIGN_PARAGRAPH.JUSTIFY}
_TAB = {"left": WD_TAB_ALIGNMENT.LEFT, "right": WD_TAB_ALIGNMENT.RIGHT,
        "center": WD_TAB_ALIGNMENT.CENTER}
_LEADER = {"dot": WD_TAB_LEADER.DOTS, None: WD_TAB_LEADER.SPACES}


def load_styles() -> dict:
    return yaml.safe_load(STYLES_FILE.read_text(encoding="utf-8"))


def _style(document, name: str, kind):
    styles = document.styles
    try:
        return styles[name]
    except KeyError:
        style = styles.add_style(name, kind)
        if kind != WD_STYLE_TYPE.TABLE:
            style.quick_style = True
        return style


def _font(font, spec: dict) -> None:
    if "font" not in spec:  # inherit the base style's font, not the template's theme font
        rpr = font.element.rPr
        fonts = rpr.find(ooxml.qn("w:rFonts")) if rpr is not None else None
        if fonts is not None:
            rpr.remove(fonts)
    else:
        font.name = spec["font"]
        rpr = font.element.get_or_add_rPr()
        fonts = rpr.get_or_add_rFonts()
        for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
            fonts.set(ooxml.qn(attr), spec["font"])
        for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:cstheme", "w:eastAsiaTheme"):
            fonts.attrib.pop(ooxml.qn(attr), None)
    if "size" in spec:
        font.size = Pt(spec["size"])
    for key in ("bold", "italic", "small_caps"):
        if key in spec:
            setattr(font, key, spec[key])
    if "caps" in spec:
        font.all_caps = spec["caps"]
    if "color" in spec:
        font.color.rgb = RGBColor.from_string(spec["color"])


def _paragraph(style, spec: dict) -> None:
    pf = style.paragraph_format
    if "align" in spec:
        pf.alignment = _ALIGN[spec["align"]]
    for key, attr in (("space_before", "space_before"), ("space_after", "space_after")):
        if key in spec:
            setattr(pf, attr, Pt(spec[key]))
    if "line_spacing" in spec:
        pf.line_spacing = spec["line_spacing"]
    for key in ("left_indent", "right_indent", "first_line_indent"):
        if key in spec:
            setattr(pf, key, Mm(spec[key]))
    for key in ("keep_with_next", "keep_together"):
        if key in spec:
            setattr(pf, key, spec[key])
    if "tabs" in spec:  # ours replace the template's (its Header and Footer have Letter-size stops)
        ppr0 = style.element.get_or_add_pPr()
        old = ppr0.find(ooxml.qn("w:tabs"))
        if old is not None:
            ppr0.remove(old)
    for tab in spec.get("tabs", []):
        position, align = tab[0], tab[1]
        leader = tab[2] if len(tab) > 2 else None
        pf.tab_stops.add_tab_stop(Mm(position), _TAB[align], _LEADER[leader])
    ppr = style.element.get_or_add_pPr()
    if "outline" in spec:
        ppr.append(ooxml.el("w:outlineLvl", val=spec["outline"]))
    if "border" in spec:
        ooxml.paragraph_border(ppr, spec["border"])
    if "shading" in spec:
        ooxml.paragraph_shading(ppr, spec["shading"])


def _table(style, spec: dict) -> None:
    tblpr = style.element.find(ooxml.qn("w:tblPr"))
    if tblpr is None:
        tblpr = OxmlElement("w:tblPr")
        style.element.append(tblpr)
    if "border" in spec:
        ooxml.table_borders(tblpr, spec["border"]["color"], spec["border"]["size"])
    if "cell_margin" in spec:
        ooxml.table_cell_margins(tblpr, spec["cell_margin"])


def apply_styles(document) -> dict:
    """Create or restyle every style of styles.yaml in `document`; returns the spec."""
    spec = load_styles()
    for name, props in spec.get("paragraph", {}).items():
        style = _style(document, name, WD_STYLE_TYPE.PARAGRAPH)
        if props.get("base"):
            style.base_style = document.styles[props["base"]]
        _font(style.font, props)
        _paragraph(style, props)
    for name, props in spec.get("character", {}).items():
        style = _style(document, name, WD_STYLE_TYPE.CHARACTER)
        _font(style.font, props)
    for name, props in spec.get("table", {}).items():
        style = _style(document, name, WD_STYLE_TYPE.TABLE)
        _table(style, props)
    return spec


def style_id(document, name: str) -> str:
    """The styleId Word uses for a style name (for run-level `w:rStyle`)."""
    return document.styles[name].style_id
