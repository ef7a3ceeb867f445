"""WIPO's page furniture, derived from the registry's metadata: the running header and
footer of every page, the annex page numbering, and the draft mark.

The layout of the margin boxes (fonts, sizes, rules) is in `print.css`; this module only
writes what they say, as a small stylesheet that follows `print.css`:

    HANDBOOK ON INDUSTRIAL PROPERTY INFORMATION AND DOCUMENTATION
    Ref.: Standards - ST.XX                                page: 3.XX.7
    ...
    en / 03-XX-01             WORKING DRAFT          Date: November 2026

Annex pages restart at 1 and read "page: 3.XX.i.1" over "Annex I, page 1".
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote
from xml.sax.saxutils import escape

from ..model import STATUS_LINES, Metadata, month_year

HANDBOOK = "HANDBOOK ON INDUSTRIAL PROPERTY INFORMATION AND DOCUMENTATION"


@dataclass(frozen=True)
class Furniture:
    ref: str  # "Ref.: Standards - ST.XX"
    page_prefix: str  # "page: 3.XX."
    footer_left: str  # "en / 03-XX-01"
    footer_right: str  # "Date: November 2026"
    draft: str  # "WORKING DRAFT", "FINAL DRAFT", or "" for an adopted standard
    handbook: str = HANDBOOK
    annex_ref: str = "Annex {numeral}"  # after the ref on an annex page
    annex_page: str = "Annex {numeral}, page "


def furniture(md: Metadata, lang: str = "en") -> Furniture:
    """The furniture in `lang`: its words are data (tools/stkit/translation/words/<lang>.yaml)."""
    digits = md.number_digits
    if lang == "en":
        return Furniture(
            ref=f"Ref.: Standards - {md.number}",
            page_prefix=f"page: 3.{digits}.",
            footer_left=f"{lang} / 03-{digits}-01",
            footer_right=f"Date: {month_year(md.date)}",
            draft=STATUS_LINES[md.status].upper() if md.is_draft else "",
        )
    from ..translation.languages import month_year as local_month_year, words

    w = words(lang)
    return Furniture(
        ref=w["ref"].format(number=md.number),
        page_prefix=f"{w['page']}3.{digits}.",
        footer_left=f"{lang} / 03-{digits}-01",
        footer_right=w["date"].format(date=local_month_year(md.date, lang)),
        draft=w["status"][md.status].upper() if md.is_draft else "",
        handbook=w["handbook"], annex_ref=w["annex_ref"], annex_page=w["annex_page"],
    )


def css_string(text: str) -> str:
    """`text` as a CSS string literal."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\A ")
    return f'"{escaped}"'


def watermark_svg(text: str) -> str:
    """The draft mark as an SVG picture, drawn diagonally across a 170 mm square. It is the
    pages' background, so a tagged PDF marks it as an artifact: a screen reader does not read
    "WORKING DRAFT" on every page (the footer says it once per page, as page furniture)."""
    size = max(40, min(230, int(2200 / max(len(text), 1))))
    return ('<svg xmlns="http://www.w3.org/2000/svg" width="1700" height="1700" viewBox="0 0 1700 1700">'
            '<text x="850" y="850" text-anchor="middle" dominant-baseline="middle" '
            'font-family="Liberation Sans, DejaVu Sans, sans-serif" font-weight="bold" '
            f'font-size="{size}" fill="#ececec" transform="rotate(-50 850 850)">{escape(text)}</text></svg>')


def stylesheet(f: Furniture, annexes: list[str]) -> str:
    """The furniture stylesheet; `annexes` are the annex numerals present ('I', 'II' ...)."""
    rules = [
        "@page {",
        f"  @top-left {{ content: {css_string(f.handbook)} \"\\A \" {css_string(f.ref)}; }}",
        f"  @top-right {{ content: \"\\A \" {css_string(f.page_prefix)} counter(page); }}",
        f"  @bottom-left {{ content: {css_string(f.footer_left)}; }}",
        f"  @bottom-right {{ content: {css_string(f.footer_right)}; }}",
    ]
    if f.draft:
        rules.append(f"  @bottom-center {{ content: {css_string(f.draft)}; }}")
        url = "data:image/svg+xml," + quote(watermark_svg(f.draft), safe="")
        rules.append(f"  background: url(\"{url}\") no-repeat center / 170mm 170mm;")
    rules.append("}")
    for numeral in annexes:
        name = f"annex-{numeral.lower()}"
        rules += [
            f"section.{name} {{ page: {name}; }}",
            f"@page {name} {{",
            f"  @top-left {{ content: {css_string(f.handbook)} \"\\A \" "
            f"{css_string(f.ref + ', ' + f.annex_ref.format(numeral=numeral))}; }}",
            f"  @top-right {{ content: {css_string(f.page_prefix + numeral.lower() + '.')} counter(page)"
            f" \"\\A \" {css_string(f.annex_page.format(numeral=numeral))} counter(page); }}",
            "}",
            f"@page :nth(1 of {name}) {{ counter-reset: page 1; }}",
            f"nav.toc li.toc-annex-{numeral.lower()} a::after {{ content: leader('.') "
            f"{css_string(numeral.lower() + '.')} target-counter(attr(href), page); }}",
        ]
    return "\n".join(rules) + "\n"
