"""Numbered paragraphs: MyST reads `12. text` at the top level as an enumerated list; this
transform turns each item into a paragraph block with its number hanging in the margin and a
permanent anchor (`para-12`, `annex-i-para-3`).

The number is the one *written* in the source, as the line scanner (stkit.sources) read it:
items are matched to the scanner's paragraphs by line, so the HTML, the PDF and the checker
agree even where Markdown would renumber a list (`3.` followed by `5.`). An item the scanner
does not know falls back to the list's start attribute.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.transforms import SphinxTransform

from ..model import Loc, Paragraph
from . import envdata
from .context import state


def _source_file(project, docname: str):
    for sf in project.sources:
        if sf.docname == docname:
            return sf
    return None


def _is_numbered_paragraphs(node: nodes.enumerated_list) -> bool:
    return (isinstance(node.parent, (nodes.section, nodes.document))
            and node.get("enumtype") == "arabic" and node.get("suffix") == "."
            and not node.get("prefix"))


def _top_level_lists(document: nodes.document) -> list[nodes.enumerated_list]:
    """The enumerated lists directly in the document or a section, in document order: only
    those can be numbered paragraphs, so the walk never goes into their text."""
    found: list[nodes.enumerated_list] = []
    stack = [document]
    while stack:
        node = stack.pop()
        for child in reversed(node.children):
            if isinstance(child, nodes.section):
                stack.append(child)
        found.extend(child for child in node.children if isinstance(child, nodes.enumerated_list))
    return found


class NumberedParagraphs(SphinxTransform):
    default_priority = 400  # after docutils has moved `(label)=` targets onto the list (260)

    def apply(self, **kwargs) -> None:
        docname = self.env.docname
        sf = _source_file(state(self.env).project, docname)
        by_line = {p.loc.line: p for p in sf.paragraphs} if sf else {}
        annex = sf.annex if sf else None
        rec = envdata.record(self.env, docname)
        for lst in _top_level_lists(self.document):
            if not _is_numbered_paragraphs(lst):
                continue
            start = int(lst.get("start", 1))
            blocks = []
            for index, item in enumerate(lst.children):
                written = by_line.get(item.line)
                number = written.number if written else start + index
                para = Paragraph(number=number, text="", loc=Loc(docname), annex=annex)
                labels = list(lst["names"]) if index == 0 else []
                if written and written.label and written.label not in labels:
                    labels.append(written.label)
                block = self._block(item, para, lst if index == 0 else None)
                blocks.append(block)
                rec["paragraphs"].append({"number": number, "anchor": para.anchor, "annex": annex,
                                          "display": para.display, "labels": labels})
            lst.replace_self(blocks)

    def _block(self, item: nodes.list_item, para: Paragraph, lst: nodes.Element | None) -> nodes.Element:
        block = nodes.container(classes=["stkit-para"])
        block.source, block.line = item.source, item.line
        if para.anchor not in self.document.ids:  # a repeated number is the checker's NUM002
            block["ids"].append(para.anchor)
            self.document.ids[para.anchor] = block
        if lst is not None:  # the list carries the ids of a `(label)=` above it
            for ident in lst["ids"]:
                block["ids"].append(ident)
                self.document.ids[ident] = block
            block["names"].extend(lst["names"])
        number = nodes.reference("", f"{para.number}.", refid=para.anchor,
                                 classes=["stkit-para-num"], reftitle="Permanent link to this paragraph")
        children = list(item.children)
        item.clear()
        if children and isinstance(children[0], nodes.paragraph):
            children[0].insert(0, [number, nodes.Text(" ")])
        else:
            children.insert(0, nodes.paragraph("", "", number))
        block.extend(children)
        return block


def register(app) -> None:
    app.add_transform(NumberedParagraphs)
