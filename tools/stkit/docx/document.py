"""The Word document being written: a python-docx Document with our styles, WIPO's page
furniture (furniture.py of the PDF, the same words), one Word section per annex with its own
header and page numbering, the table of contents field, bookmarks and hyperlinks.

`WordWriter.prepare(doctree)` reads the assembled doctree once before it is written: every
anchor in document order (each gets its Word bookmark name), the first section of each
document (what a link to a whole document means), and the headings for the contents.
"""

from __future__ import annotations

import io
import zipfile
from xml.sax.saxutils import escape
from datetime import datetime, timezone

from docutils import nodes
from docx import Document
from docx.enum.section import WD_SECTION
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.shared import Mm
from docx.table import _Cell

from ..model import Metadata
from ..translation.languages import words
from . import ooxml
from .styles import apply_styles

PAGE = {"width": 210, "height": 297, "top": 28, "right": 20, "bottom": 22, "left": 25,
        "header": 12, "footer": 10}
TEXT_WIDTH_MM = PAGE["width"] - PAGE["left"] - PAGE["right"]
TOC_LEVELS = 2
TOC_TITLE = "Table of contents"
WATERMARK = (
    '<w:r xmlns:w="{w}" xmlns:v="{v}" xmlns:o="{o}"><w:pict>'
    '<v:shapetype id="_x0000_t136" coordsize="21600,21600" o:spt="136" adj="10800" '
    'path="m@7,l@8,m@5,21600l@6,21600e"><v:formulas><v:f eqn="sum #0 0 10800"/>'
    '<v:f eqn="prod #0 2 1"/><v:f eqn="sum 21600 0 @1"/><v:f eqn="sum 0 0 @2"/>'
    '<v:f eqn="sum 21600 0 @3"/><v:f eqn="if @0 @3 0"/><v:f eqn="if @0 21600 @1"/>'
    '<v:f eqn="if @0 0 @2"/><v:f eqn="if @0 @4 21600"/><v:f eqn="mid @5 @6"/>'
    '<v:f eqn="mid @8 @5"/><v:f eqn="mid @7 @8"/><v:f eqn="mid @6 @7"/>'
    '<v:f eqn="sum @6 0 @5"/></v:formulas><v:path textpathok="t" o:connecttype="custom" '
    'o:connectlocs="@9,0;@10,10800;@11,21600;@12,10800" o:connectangles="270,180,90,0"/>'
    '<v:textpath on="t" fitshape="t"/><v:handles><v:h position="#0,bottomRight" xrange="6629,14971"/>'
    '</v:handles><o:lock v:ext="edit" text="t" shapetype="t"/></v:shapetype>'
    '<v:shape id="PowerPlusWaterMarkObject{n}" o:spid="_x0000_s{spid}" type="#_x0000_t136" '
    'style="position:absolute;margin-left:0;margin-top:0;width:440pt;height:110pt;rotation:315;'
    'z-index:-251657216;mso-position-horizontal:center;mso-position-horizontal-relative:margin;'
    'mso-position-vertical:center;mso-position-vertical-relative:margin" o:allowincell="f" '
    'fillcolor="#e6e6e6" stroked="f"><v:fill opacity=".5"/>'
    '<v:textpath style="font-family:&quot;Arial&quot;;font-size:1pt" string="{text}"/>'
    '</v:shape></w:pict></w:r>')
APP_XML = ("<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
           '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
           "<Application>stkit (python-docx)</Application><DocSecurity>0</DocSecurity></Properties>")


class WordWriter:
    def __init__(self, md: Metadata, furniture, annexes: dict[str, str], lang: str = "en") -> None:
        self.md = md
        self.furniture = furniture  # stkit.pdf.furniture.Furniture, in the document's language
        self.annexes = annexes  # docname -> annex numeral
        self.lang = lang
        self.words = words(lang)  # tools/stkit/translation/words/<lang>.yaml
        self.language = self.words["word_language"]  # w:lang of the document: "fr-FR"
        self.doc = Document()
        self.body = self.doc
        self.styles = apply_styles(self.doc)
        ooxml.document_language(self.doc.styles.element, self.language)
        self._style_ids: dict[str, str] = {}
        self.names: dict[str, str] = {}  # anchor -> bookmark name
        self.document_targets: dict[str, str] = {}  # "document-<doc>" -> first section anchor
        self.headings: list[tuple[int, str, str]] = []  # (level, text, anchor)
        self.bookmarked: set[str] = set()
        self.next_bookmark = 1
        self.external_links: dict[str, str] = {}
        self.block_hooks: list = []  # called with each requirement / numbered paragraph block
        self.document_start_hooks: list = []  # called with each docname before it is written
        self.document_end_hooks: list = []  # called with each docname when it is written
        self.title_block_done = False
        self.current_annex: str | None = None
        self.watermarks = 0
        self._setup_first_section()
        self.body_end = self.doc.element.body.find(ooxml.qn("w:sectPr"))

    # --- preparation ------------------------------------------------------------------------

    def prepare(self, doctree: nodes.document) -> None:
        used: set[str] = set()
        for node in doctree.findall(nodes.Element):
            for anchor in node.get("ids", []):
                self._name(anchor, used)
            if node.__class__.__name__ == "start_of_file":
                first = next(iter(node.findall(nodes.section)), None)
                if first is not None and first.get("ids"):
                    self.document_targets["document-" + node["docname"]] = first["ids"][0]
                self._name("document-" + node["docname"], used)
            if isinstance(node, nodes.section) and node.get("ids"):
                depth = 1 + sum(1 for a in _ancestors(node) if isinstance(a, nodes.section))
                title = node.next_node(nodes.title)
                if depth <= TOC_LEVELS and title is not None:
                    self.headings.append((depth, heading_text(title), node["ids"][0]))

    def _name(self, anchor: str, used: set[str]) -> None:
        if anchor in self.names:
            return
        name = ooxml.bookmark_name(anchor)
        if name in used:  # two anchors that differ only in punctuation: number the second
            stem, n = name[: ooxml.BOOKMARK_MAX - 4], 2
            while f"{stem}_{n}" in used:
                n += 1
            name = f"{stem}_{n}"
        used.add(name)
        self.names[anchor] = name

    # --- styles, bookmarks, links -------------------------------------------------------------

    def style_id(self, name: str) -> str:
        if name not in self._style_ids:
            self._style_ids[name] = self.doc.styles[name].style_id
        return self._style_ids[name]

    def bookmark(self, p, anchor: str) -> None:
        name = self.names.get(anchor) or ooxml.bookmark_name(anchor)
        if name in self.bookmarked:
            return
        self.bookmarked.add(name)
        ooxml.add_bookmark(p, self.next_bookmark, name)
        self.next_bookmark += 1

    def link_anchor(self, node: nodes.Element) -> str | None:
        """The bookmark an internal reference lands on, or None when it is not internal."""
        if node.get("refid"):
            target = node["refid"]
        else:
            uri = node.get("refuri", "")
            if not uri.startswith("#"):
                return None
            target = uri.rsplit("#", 1)[-1]
        target = self.document_targets.get(target, target)
        return self.names.get(target) or ooxml.bookmark_name(target)

    def external(self, url: str) -> str:
        if url not in self.external_links:
            self.external_links[url] = self.doc.part.relate_to(url, RT.HYPERLINK, is_external=True)
        return self.external_links[url]

    def append(self, container, p) -> None:
        """Append paragraph element `p` to the body (before its last section properties, in
        constant time: python-docx looks for them anew at every paragraph) or to a cell."""
        if container is self.doc:
            self.body_end.addprevious(p)
        else:
            container._tc.append(p)

    def add_row(self, table):
        """A new row of `table`, one cell per grid column: (w:tr, [_Cell]). python-docx's own
        add_row and row.cells walk the whole table every time (quadratic in its length)."""
        tr = table._tbl.add_tr()
        cells = []
        for column in table._tbl.tblGrid.gridCol_lst:
            tc = tr.add_tc()
            tc.width = column.w
            cells.append(_Cell(tc, table))
        return tr, cells

    @staticmethod
    def merge(cells: list, index: int, span: int):
        """The cell at `index`, spanning `span` more grid columns."""
        cell = cells[index]
        if span:
            width = sum((c._tc.width or 0) for c in cells[index:index + span + 1])
            for other in cells[index + 1:index + span + 1]:
                other._tc.getparent().remove(other._tc)
            ooxml.grid_span(cell._tc, span + 1)
            cell._tc.width = width
        return cell

    def table(self, container, widths: list[int]):
        table = container.add_table(rows=0, cols=len(widths))
        table.style = self.doc.styles["Standard Table"]
        table.autofit = False
        total = sum(widths) or 1
        available = TEXT_WIDTH_MM - (10 if container is self.doc else 0)
        for column, width in zip(table.columns, widths):
            column.width = Mm(available * width / total)
        return table

    # --- furniture, sections, contents -------------------------------------------------------

    def _setup_first_section(self) -> None:
        section = self.doc.sections[0]
        self._page(section)
        self._furniture(section, None)

    def _page(self, section) -> None:
        section.page_width, section.page_height = Mm(PAGE["width"]), Mm(PAGE["height"])
        section.top_margin, section.bottom_margin = Mm(PAGE["top"]), Mm(PAGE["bottom"])
        section.left_margin, section.right_margin = Mm(PAGE["left"]), Mm(PAGE["right"])
        section.header_distance, section.footer_distance = Mm(PAGE["header"]), Mm(PAGE["footer"])

    def _furniture(self, section, numeral: str | None) -> None:
        f = self.furniture
        section.header.is_linked_to_previous = False
        section.footer.is_linked_to_previous = False
        header = section.header
        first = header.paragraphs[0]
        first.style = self.doc.styles["Header"]
        ooxml.run(first._p, f.handbook)
        ref = f.ref + (", " + f.annex_ref.format(numeral=numeral) if numeral else "")
        line = header.add_paragraph(style="Header")
        ooxml.run(line._p, ref)
        ooxml.run(line._p, tab=True)
        prefix = f.page_prefix + (f"{numeral.lower()}." if numeral else "")
        ooxml.run(line._p, prefix)
        ooxml.field(line._p, "PAGE", "1")
        if numeral:
            annex_line = header.add_paragraph(style="Header")
            ooxml.run(annex_line._p, tab=True)
            ooxml.run(annex_line._p, f.annex_page.format(numeral=numeral))
            ooxml.field(annex_line._p, "PAGE", "1")
        if f.draft:
            self.watermarks += 1
            self._watermark(header, f.draft, self.watermarks)
        footer = section.footer.paragraphs[0]
        footer.style = self.doc.styles["Footer"]
        ooxml.run(footer._p, f.footer_left)
        ooxml.run(footer._p, tab=True)
        if f.draft:
            ooxml.run(footer._p, f.draft, bold=True)
        ooxml.run(footer._p, tab=True)
        ooxml.run(footer._p, f.footer_right)
        if numeral:
            sect_pr = section._sectPr
            pg = sect_pr.find(ooxml.qn("w:pgNumType"))
            if pg is None:
                pg = ooxml.el("w:pgNumType")
                sect_pr.append(pg)
            pg.set(ooxml.qn("w:start"), "1")

    @staticmethod
    def _watermark(header, text: str, number: int) -> None:
        """The draft mark across every page, as Word draws its own watermarks (a VML text
        shape in the header, behind the text), light grey like the PDF's."""
        from docx.oxml import parse_xml

        shape = parse_xml(WATERMARK.format(
            v="urn:schemas-microsoft-com:vml", o="urn:schemas-microsoft-com:office:office",
            w="http://schemas.openxmlformats.org/wordprocessingml/2006/main",
            text=escape(text, {'"': "&quot;"}), n=number, spid=2048 + number))
        header.paragraphs[0]._p.append(shape)

    def start_document(self, docname: str) -> None:
        """A document of the toctree begins: an annex starts a new section on a new page."""
        for hook in self.document_start_hooks:
            hook(docname)
        numeral = self.annexes.get(docname)
        if numeral:
            section = self.doc.add_section(WD_SECTION.NEW_PAGE)
            self._page(section)
            self._furniture(section, numeral)
            self.current_annex = numeral

    def end_document(self, docname: str) -> None:
        for hook in self.document_end_hooks:
            hook(docname)

    def after_title_block(self) -> None:
        if self.md.is_draft:
            para = self.doc.add_paragraph(style="Draft Mark")
            ooxml.run(para._p, self.furniture.draft or "DRAFT")
        self.title_block_done = True

    def table_of_contents(self) -> None:
        """The contents: a TOC field, pre-filled with the headings (hyperlinks to them) so
        that it reads right before Word updates it; page numbers come with the update
        (F9, or References > Update Table)."""
        self.doc.add_paragraph().add_run().add_break(_page_break())
        self.doc.add_paragraph(self.words.get("contents", TOC_TITLE), style="TOC Heading")
        entries = self.headings or [(1, "", "")]
        for index, (level, text, anchor) in enumerate(entries):
            para = self.doc.add_paragraph(style=f"toc {level}")
            if index == 0:
                ooxml.field_begin(para._p, f'TOC \\o "1-{TOC_LEVELS}" \\h \\z \\u')
            if anchor:
                link = ooxml.hyperlink(para._p, anchor=self.names.get(anchor) or ooxml.bookmark_name(anchor))
                ooxml.run(link, text)
            if index == len(entries) - 1:
                ooxml.field_end(para._p)
        self.doc.add_paragraph().add_run().add_break(_page_break())

    def block_written(self, block: dict) -> None:
        for hook in self.block_hooks:
            hook(block)

    # --- output ----------------------------------------------------------------------------

    def properties(self, when: datetime, title: str, subject: str, keywords: str, lang: str) -> None:
        core = self.doc.core_properties
        core.title, core.subject, core.keywords = title, subject, keywords
        core.author = self.md.prepared_by
        core.last_modified_by = self.md.prepared_by
        core.language = lang
        core.revision = 1
        core.created = core.modified = when.astimezone(timezone.utc).replace(tzinfo=None)
        core.category = "WIPO Standard"
        core.comments = f"Built from the sources of {self.md.number}, version {self.md.version}"

    def _clean_package(self) -> None:
        """python-docx's template carries a thumbnail of an empty page and says it was saved
        by "Microsoft Macintosh Word" with 0 words: drop the one, say what made the file."""
        package = self.doc.part.package
        for rid, rel in list(package.rels.items()):
            if rel.reltype == RT.THUMBNAIL:
                del package.rels[rid]
            elif rel.reltype == RT.EXTENDED_PROPERTIES:
                rel.target_part._blob = APP_XML.encode("utf-8")

    def to_bytes(self, epoch_stamp: tuple[int, int, int, int, int, int]) -> bytes:
        """The package, re-zipped in python-docx's part order with one fixed timestamp, so
        the same sources always give the same bytes."""
        self._clean_package()
        raw = io.BytesIO()
        self.doc.save(raw)
        raw.seek(0)
        out = io.BytesIO()
        with zipfile.ZipFile(raw) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
            for info in src.infolist():
                entry = zipfile.ZipInfo(info.filename, epoch_stamp)
                entry.compress_type = zipfile.ZIP_DEFLATED
                entry.create_system = 3
                entry.external_attr = (0o100000 | 0o644) << 16
                dst.writestr(entry, src.read(info.filename), compress_type=zipfile.ZIP_DEFLATED,
                             compresslevel=9)
        return out.getvalue()


def heading_text(title: nodes.title) -> str:
    """A heading's text for the contents, without a translation's "translation pending" mark
    (the heading itself shows it)."""
    return " ".join("".join(t.astext() for t in title.findall(nodes.Text)
                            if not any("stkit-pending" in a.get("classes", [])
                                       for a in _ancestors(t) if isinstance(a, nodes.Element))).split())


def _page_break():
    from docx.enum.text import WD_BREAK
    return WD_BREAK.PAGE


def _ancestors(node):
    current = node.parent
    while current is not None:
        yield current
        current = current.parent
