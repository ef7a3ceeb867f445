"""The doctree -> WordprocessingML translator: one `visit_`/`depart_` pair per docutils node,
as sphinx.writers.text does. A node it has no Word form for stops the build with its file
and line (`unknown_visit`), so a new directive can never vanish silently from the DOCX.

What it writes (docs/word.md): the title block, a table of contents field, the text with
Word's heading styles, numbered paragraphs with hanging numbers, lettered items, requirement
boxes, editor's notes, model text, lists, the glossary, code, and tables with repeated
header rows; a bookmark at every anchor of the HTML (Word-valid names, ooxml.bookmark_name)
and every internal link as a hyperlink to its bookmark. Page furniture and sections are the
writer's (document.py); what each requirement and numbered paragraph holds is recorded in
`blocks` for the tracked-changes report (stkit.diff.render_docx).
"""

from __future__ import annotations

import re

from docutils import nodes
from sphinx import addnodes
from sphinx.util import logging
from docx.text.paragraph import Paragraph
from sphinx.util.docutils import SphinxTranslator

from ..sphinx.context import node_location
from ..translation.languages import known_languages, words
from . import ooxml

logger = logging.getLogger("stkit")

LETTERED = re.compile(r"^\(([a-z]{1,2}|[ivxlc]+)\)\s+")
EXTERNAL = re.compile(r"^(https?|mailto|ftp):", re.I)
BOX_STYLES = {"stkit-editor-note": ("Editor Note", "Editor's note"),
              "stkit-template": ("Model Text", "Model text")}
TITLE_BLOCK = {"stkit-tb-number": "Title Block Number", "stkit-tb-title": "Title Block Title",
               "stkit-tb-version": "Title Block Line", "stkit-tb-status": "Title Block Status",
               "stkit-tb-date": "Title Block Line"}
HEADINGS = 4  # Heading 1..4; deeper sections use Heading 4
_ENUM = {"arabic": lambda n: str(n), "loweralpha": lambda n: chr(96 + n),
         "upperalpha": lambda n: chr(64 + n), "lowerroman": lambda n: _roman(n).lower(),
         "upperroman": lambda n: _roman(n)}
ID_CLASSES = {"stkit-req-ref", "stkit-req-id"}


class UnknownNode(Exception):
    """A node with no Word form (reported with its location by the builder)."""


def _roman(n: int) -> str:
    out = ""
    for value, numeral in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
                           (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= value:
            out, n = out + numeral, n - value
    return out


class DocxTranslator(SphinxTranslator):
    def __init__(self, document: nodes.document, builder, writer) -> None:
        super().__init__(document, builder)
        self.w = writer  # document.WordWriter
        self.container = writer.body  # where paragraphs go: the body or a table cell
        self.fresh_cell = None  # a new cell's own empty paragraph, used by its first paragraph
        self.p = None  # the current w:p element
        self.last_p = None  # the last w:p started
        self.target = None  # where runs go: self.p or a w:hyperlink inside it
        self.bold = 0
        self.italic = 0
        self.char_styles: list[str] = []
        self.pending: list[str] = []  # anchors to bookmark at the next paragraph
        self.boxes: list[str] = []  # the paragraph style of the box we are in
        self.lists: list[dict] = []  # the lists we are in (for markers and indents)
        self.block = None  # the requirement or numbered paragraph being written
        self.blocks: list[dict] = []  # every block, in document order (for the diff)
        self.number_run = False  # the next text follows a paragraph's hanging number
        self.lettered = False  # the next text starts with a lettered item's "(a) " marker
        self.marker = None  # a list item's bullet or number, written before its first text
        self.id_run = False  # inside an identifier (written with no-break hyphens)
        self.after_block = None  # the block just written, until a paragraph follows it
        self.in_table = 0
        self.header_row = False
        self.toc_written = False
        self.errors: list[tuple[str, str]] = []  # (location, message)
        self.docname = builder.config.root_doc
        # the language of the runs being written, when a node says it is not the document's
        # (in a translation, the English shown pending: class language-en, w:lang en-GB)
        self.languages: list[str | None] = [None]

    # --- the machinery -----------------------------------------------------------------------

    def unknown_visit(self, node: nodes.Node) -> None:
        path, line = node_location(self.builder.env, node, self.docname)
        where = f"{path}:{line}" if line else f"{path}:"
        self.errors.append((where, f"the Word output has no form for a '{node.__class__.__name__}' "
                            "node (markup the DOCX builder does not know yet); nothing was written"))
        raise nodes.SkipNode

    def unknown_departure(self, node: nodes.Node) -> None:  # pragma: no cover - visit raised
        pass

    def dispatch_visit(self, node: nodes.Node) -> None:
        """Every node: a `language-xx` class sets the language of the runs inside it."""
        pushed = isinstance(node, nodes.Element) and self._push_language(node)
        try:
            super().dispatch_visit(node)
        except (nodes.SkipNode, nodes.SkipDeparture):
            if pushed:
                self.languages.pop()
                node["_docx_lang"] = False
            raise

    def dispatch_departure(self, node: nodes.Node) -> None:
        super().dispatch_departure(node)
        if isinstance(node, nodes.Element) and node.get("_docx_lang"):
            self.languages.pop()

    def _push_language(self, node: nodes.Element) -> bool:
        tags = [c[len("language-"):] for c in node.get("classes", []) if c.startswith("language-")]
        if not tags:
            return False
        tag = words(tags[-1]).get("word_language") if tags[-1] in known_languages() else tags[-1]
        self.languages.append(None if tag == self.w.language else tag)
        node["_docx_lang"] = True
        return True

    def _ids(self, node: nodes.Element) -> None:
        self.pending.extend(node.get("ids", []))

    def new_paragraph(self, style: str):
        """Start a paragraph of `style` in the current container, with pending bookmarks.
        The first paragraph after a block that belongs to no block is remembered in it (where
        a deleted block goes back in the tracked-changes report)."""
        if self.fresh_cell is not None:
            p, self.fresh_cell = self.fresh_cell, None
            p.get_or_add_pPr().style = self.w.style_id(style)
        else:
            p = ooxml.paragraph(self.w.style_id(style))
            self.w.append(self.container, p)
        self.p = self.target = self.last_p = p
        if self.block is None and self.after_block is not None and not self.in_table:
            self.after_block["next"] = p  # its text is read when the blocks are recorded
            self.after_block = None
        for anchor in self.pending:
            self.w.bookmark(self.p, anchor)
        self.pending = []
        if self.block is not None:
            self.block["paragraphs"].append(self.p)
        return Paragraph(p, None)

    def ensure_paragraph(self, style: str | None = None) -> None:
        if self.p is None:
            self.new_paragraph(style or self.body_style())

    def end_paragraph(self) -> None:
        self.p = self.target = None

    def add_text(self, text: str) -> None:
        if not text:
            return
        self.ensure_paragraph()
        style = self.char_styles[-1] if self.char_styles else None
        ident = style == "Requirement ID" or self.id_run
        r = ooxml.run(self.target, "" if ident else text,
                      style=self.w.style_id(style) if style else None,
                      bold=bool(self.bold) and style is None, italic=bool(self.italic),
                      lang=self.languages[-1])
        if ident:  # an identifier never breaks at its hyphens: w:noBreakHyphen between parts
            parts = text.split("-")
            for index, part in enumerate(parts):
                if index:
                    r.append(ooxml.el("w:noBreakHyphen"))
                if part:
                    t = ooxml.OxmlElement("w:t")
                    t.text = part
                    t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
                    r.append(t)

    def body_style(self) -> str:
        if self.boxes:
            return self.boxes[-1]
        if self.in_table:
            return "Table Heading" if self.header_row else "Table Text"
        if self.lists:
            return "List Item"
        return "Normal"

    # --- document structure -----------------------------------------------------------------

    def visit_document(self, node) -> None:
        pass

    def depart_document(self, node) -> None:
        pass

    def visit_start_of_file(self, node) -> None:
        self.after_block = None
        self.w.start_document(node["docname"])
        self.docname = node["docname"]
        self.pending.append("document-" + node["docname"])

    def depart_start_of_file(self, node) -> None:
        self.w.end_document(node["docname"])

    def visit_compound(self, node) -> None:
        if "toctree-wrapper" in node.get("classes", []) and not self.toc_written:
            self.toc_written = True
            self.w.table_of_contents()

    def depart_compound(self, node) -> None:
        pass

    def visit_section(self, node) -> None:
        self._ids(node)

    def depart_section(self, node) -> None:
        pass

    def visit_title(self, node) -> None:
        parent = node.parent
        if isinstance(parent, nodes.section):
            depth = sum(1 for a in _ancestors(node) if isinstance(a, nodes.section))
            self.new_paragraph(f"Heading {min(depth, HEADINGS)}")
        elif isinstance(parent, nodes.table):
            self.new_paragraph("Table Caption")
        elif isinstance(parent, nodes.admonition):
            raise nodes.SkipNode  # the box's own title paragraph is written by visit_admonition
        else:
            self.unknown_visit(node)

    def depart_title(self, node) -> None:
        self.end_paragraph()

    def visit_paragraph(self, node) -> None:
        classes = set(node.get("classes", []))
        style = None
        for cls, name in TITLE_BLOCK.items():
            if cls in classes:
                style = name
        parent = node.parent
        if style is None and self.block is not None and self.block["kind"] == "req":
            style = "Requirement" if "stkit-req-statement" in classes else "Requirement Details"
        elif style is None and self.block is not None and self.block["kind"] == "para" \
                and parent is self.block["node"]:
            first = parent.index(node) == 0
            text = node.astext()
            if first:
                style = "Numbered Paragraph"
            elif LETTERED.match(text):
                style = "Lettered Item"
                self.lettered = True
            else:
                style = "Paragraph Continuation"
        elif style is None and self.lists and isinstance(parent, nodes.list_item):
            style = self._list_paragraph(node)
        elif style is None and isinstance(parent, nodes.definition):
            style = "Definition"
        elif style is None and isinstance(parent, nodes.block_quote):
            style = "Block Quote"
        self._ids(node)
        para = self.new_paragraph(style or self.body_style())
        if self.lists and isinstance(parent, nodes.list_item) and self.boxes:
            para.paragraph_format.left_indent = ooxml_mm(12 + 8 * len(self.lists))
            para.paragraph_format.first_line_indent = ooxml_mm(-6)

    def depart_paragraph(self, node) -> None:
        self.end_paragraph()

    def _list_paragraph(self, node) -> str:
        item = node.parent
        current = self.lists[-1]
        style = self.boxes[-1] if self.boxes else "List Item"
        if item.index(node) == 0:
            self.marker = current["markers"][current["items"].index(item)]
        return style

    def visit_Text(self, node) -> None:
        text = node.astext()
        if not isinstance(node.parent, nodes.literal_block):
            text = re.sub(r"\s+", " ", text)
        if self.lettered:  # "(a) text": the marker hangs, then a tab, then the text
            self.ensure_paragraph()
            self.lettered = False
            m = LETTERED.match(text)
            if m:
                ooxml.run(self.target, m.group(0).strip())
                ooxml.run(self.target, tab=True)
                text = text[m.end():]
        if self.marker:
            self.ensure_paragraph()
            ooxml.run(self.target, self.marker)
            ooxml.run(self.target, tab=True)
            self.marker = None
        if self.number_run:
            text = text.lstrip()
            self.number_run = False
        self.add_text(text)

    def depart_Text(self, node) -> None:
        pass

    # --- inline markup -------------------------------------------------------------------------

    def visit_emphasis(self, node) -> None:
        self.italic += 1

    def depart_emphasis(self, node) -> None:
        self.italic -= 1

    def visit_strong(self, node) -> None:
        if "kw" in node.get("classes", []):
            self.char_styles.append("Keyword")
        else:
            self.bold += 1

    def depart_strong(self, node) -> None:
        if "kw" in node.get("classes", []):
            self.char_styles.pop()
        else:
            self.bold -= 1

    def visit_literal(self, node) -> None:
        self.char_styles.append("Code Char")

    def depart_literal(self, node) -> None:
        self.char_styles.pop()

    def visit_inline(self, node) -> None:
        classes = set(node.get("classes", []))
        node["_docx_pushed"] = False
        if "kw-mention" in classes:
            self.char_styles.append("Keyword Mention")
            node["_docx_pushed"] = True
        elif "stkit-pending" in classes:  # a translation's "[traduction en attente]"
            self.char_styles.append("Translation Pending")
            node["_docx_pushed"] = True
        self.id_run = bool(classes & ID_CLASSES)
        self._ids(node)

    def depart_inline(self, node) -> None:
        if node.get("_docx_pushed"):
            self.char_styles.pop()
        self.id_run = False

    def visit_reference(self, node) -> None:
        classes = set(node.get("classes", []))
        if "stkit-para-num" in classes:  # the hanging number of a numbered paragraph
            self.ensure_paragraph()
            ooxml.run(self.target, node.astext(), style=self.w.style_id("Paragraph Number"))
            ooxml.run(self.target, tab=True)
            self.number_run = True
            raise nodes.SkipNode
        if "stkit-req-id" in classes:  # the requirement's own ID: no link to itself
            self.ensure_paragraph()
            self.char_styles.append("Requirement ID")
            self.add_text(node.astext())
            self.char_styles.pop()
            raise nodes.SkipNode
        self.ensure_paragraph()
        anchor = self.w.link_anchor(node)
        title = node.get("reftitle", "")
        if anchor is not None:
            self.target = ooxml.hyperlink(self.p, anchor=anchor, tooltip=title)
        elif EXTERNAL.match(node.get("refuri", "")):
            rid = self.w.external(node["refuri"])
            self.target = ooxml.hyperlink(self.p, rid=rid, tooltip=title)
        else:
            node["_docx_plain"] = True
            return
        self.char_styles.append("Hyperlink")

    def depart_reference(self, node) -> None:
        if node.get("_docx_plain"):
            return
        self.char_styles.pop()
        self.target = self.p

    def visit_target(self, node) -> None:
        self._ids(node)

    def depart_target(self, node) -> None:
        pass

    def visit_index(self, node) -> None:
        raise nodes.SkipNode

    def visit_comment(self, node) -> None:
        raise nodes.SkipNode

    def visit_substitution_definition(self, node) -> None:
        raise nodes.SkipNode

    def visit_system_message(self, node) -> None:
        raise nodes.SkipNode

    def visit_raw(self, node) -> None:
        raise nodes.SkipNode  # raw HTML is refused by the checker (SRC003); nothing for Word

    def visit_problematic(self, node) -> None:
        self.add_text(node.astext())
        raise nodes.SkipNode

    # --- blocks ----------------------------------------------------------------------------

    def visit_container(self, node) -> None:
        classes = set(node.get("classes", []))
        self._ids(node)
        node["_docx_block"] = False
        if self.block is None and ("stkit-para" in classes or "stkit-req" in classes):
            kind = "para" if "stkit-para" in classes else "req"
            anchor = node["ids"][0] if node.get("ids") else None
            sections = [a for a in _ancestors(node) if isinstance(a, nodes.section)]
            section = sections[0] if sections else None
            self.block = {"kind": kind, "anchor": anchor, "node": node, "paragraphs": [],
                          "doc": self.docname,
                          "section": section["ids"][0] if section is not None and section.get("ids") else None,
                          "depth": len(sections)}
            node["_docx_block"] = True

    def depart_container(self, node) -> None:
        classes = set(node.get("classes", []))
        if node.get("_docx_block"):
            block, self.block = self.block, None
            if block["kind"] == "req" and block["paragraphs"]:
                ooxml_last_in_box(block["paragraphs"][-1])
            self.blocks.append(block)
            self.after_block = block
            self.w.block_written(block)
        if "stkit-title-block" in classes:
            self.w.after_title_block()

    def visit_admonition(self, node) -> None:
        classes = set(node.get("classes", []))
        style, default = next((v for k, v in BOX_STYLES.items() if k in classes), ("Editor Note", "Note"))
        self._ids(node)
        title = node.next_node(nodes.title)
        self.new_paragraph(style)
        ooxml.run(self.target, title.astext() if title is not None else default, bold=True)
        self.end_paragraph()
        self.boxes.append(style)

    def depart_admonition(self, node) -> None:
        self.boxes.pop()
        if self.last_p is not None:
            ooxml_last_in_box(self.last_p)

    visit_note = visit_warning = visit_attention = visit_important = visit_tip = visit_admonition
    depart_note = depart_warning = depart_attention = depart_important = depart_tip = depart_admonition

    def visit_literal_block(self, node) -> None:
        self._ids(node)
        self.new_paragraph("Code")
        lines = node.astext().split("\n")
        for index, line in enumerate(lines):
            if index:
                ooxml.line_break(self.target)
            if line:
                ooxml.run(self.target, line)
        self.end_paragraph()
        raise nodes.SkipNode

    def visit_block_quote(self, node) -> None:
        self._ids(node)

    def depart_block_quote(self, node) -> None:
        pass

    # --- lists -----------------------------------------------------------------------------

    def _start_list(self, node, markers: list[str]) -> None:
        self._ids(node)
        self.lists.append({"items": list(node.children), "markers": markers})

    def visit_bullet_list(self, node) -> None:
        self._start_list(node, ["\u2022" if len(self.lists) % 2 == 0 else "\u2013"] * len(node.children))

    def depart_bullet_list(self, node) -> None:
        self.lists.pop()

    def visit_enumerated_list(self, node) -> None:
        start = int(node.get("start", 1))
        fmt = _ENUM.get(node.get("enumtype", "arabic"), _ENUM["arabic"])
        markers = [f"{node.get('prefix', '')}{fmt(start + i)}{node.get('suffix', '.')}"
                   for i in range(len(node.children))]
        self._start_list(node, markers)

    depart_enumerated_list = depart_bullet_list

    def visit_list_item(self, node) -> None:
        self._ids(node)

    def depart_list_item(self, node) -> None:
        pass

    def visit_definition_list(self, node) -> None:
        self._ids(node)

    def depart_definition_list(self, node) -> None:
        pass

    def visit_glossary(self, node) -> None:
        pass

    def depart_glossary(self, node) -> None:
        pass

    def visit_definition_list_item(self, node) -> None:
        self._ids(node)

    def depart_definition_list_item(self, node) -> None:
        pass

    def visit_term(self, node) -> None:
        self._ids(node)
        self.new_paragraph("Term")

    def depart_term(self, node) -> None:
        self.end_paragraph()

    def visit_definition(self, node) -> None:
        pass

    def depart_definition(self, node) -> None:
        pass

    # --- tables ------------------------------------------------------------------------------

    def visit_table(self, node) -> None:
        self._ids(node)
        title = node.next_node(nodes.title)
        if title is not None and title.parent is node:
            self.new_paragraph("Table Caption")
            self.add_text(title.astext())
            self.end_paragraph()
        self.in_table += 1
        node["_docx_container"] = self.container

    def depart_table(self, node) -> None:
        self.in_table -= 1
        self.container = node["_docx_container"]
        self.fresh_cell = None
        self.new_paragraph("Table Spacer")  # Word draws the next paragraph against the table
        self.end_paragraph()

    def visit_tgroup(self, node) -> None:
        self.table = self.w.table(self.container, column_weights(node))

    def depart_tgroup(self, node) -> None:
        pass

    def visit_colspec(self, node) -> None:
        raise nodes.SkipNode

    def visit_thead(self, node) -> None:
        self.header_row = True

    def depart_thead(self, node) -> None:
        self.header_row = False

    def visit_tbody(self, node) -> None:
        pass

    def depart_tbody(self, node) -> None:
        pass

    def visit_row(self, node) -> None:
        self.row, self.cells = self.w.add_row(self.table)
        self.cell_index = 0
        if self.header_row:
            ooxml.repeat_header(self.row)
        else:
            ooxml.keep_row_together(self.row)
        self._ids(node)
        self.group_row = "stkit-group" in node.get("classes", [])

    def depart_row(self, node) -> None:
        pass

    def visit_entry(self, node) -> None:
        span = int(node.get("morecols", 0))
        cell = self.w.merge(self.cells, self.cell_index, span)
        if self.header_row or self.group_row:
            ooxml.cell_shading(cell._tc, "E8E8E8" if self.header_row else "F2F2F2")
        self.cell_index += 1 + span
        self.container = cell
        self.fresh_cell = cell._tc.p_lst[0]

    def depart_entry(self, node) -> None:
        if self.fresh_cell is not None and self.pending:  # an empty cell keeps its bookmarks
            self.new_paragraph(self.body_style())
            self.end_paragraph()
        self.fresh_cell = None


def column_weights(tgroup) -> list[float]:
    """Relative column widths: the source's colspecs when they differ, else the length of
    the longest word-run in each column (clamped), so an ID column is narrow and a title
    column wide."""
    specs = [int(c.get("colwidth", 1)) for c in tgroup.findall(nodes.colspec)]
    cols = len(specs) or int(tgroup.get("cols", 1))
    if specs and len(set(specs)) > 1:
        return specs
    longest = [6.0] * cols
    for row in tgroup.findall(nodes.row):
        index = 0
        for entry in row.children:
            span = int(entry.get("morecols", 0))
            if not span and index < cols:
                longest[index] = max(longest[index], min(len(entry.astext()), 48.0))
            index += 1 + span
    return longest


def _ancestors(node):
    current = node.parent
    while current is not None:
        yield current
        current = current.parent


def ooxml_mm(value: float):
    from docx.shared import Mm
    return Mm(value)


def ooxml_last_in_box(p) -> None:
    """The last paragraph of a box: space after it, and not kept with the next paragraph."""
    from docx.shared import Pt
    from docx.text.paragraph import Paragraph
    pf = Paragraph(p, None).paragraph_format
    pf.space_after = Pt(8)
    pf.keep_with_next = False
