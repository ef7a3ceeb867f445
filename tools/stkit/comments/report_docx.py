"""The compilation as a Word document (python-docx), the form the Secretariat circulates to
the CWS: the counts first, then one row per comment in the standard's order."""

from __future__ import annotations

import io

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.shared import Cm, Pt

from .compilation import Compilation
from .records import DECISION_NAMES
from .targets import plain

COLUMNS = (("ID", 1.8), ("Office", 1.4), ("Now on", 3.0), ("Made on", 5.0), ("Type", 2.0),
           ("Comment", 5.0), ("Proposed change", 4.0), ("Disposition and response", 5.0))


def render(comp: Compilation) -> bytes:
    doc = Document()
    section = doc.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(29.7), Cm(21.0)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(1.2))
    title = f"Compilation of comments: {comp.standard}, round {comp.round.name}"
    doc.core_properties.title = title
    doc.core_properties.author = "stkit"
    doc.add_heading(title, level=1)
    n = len(comp.entries)
    doc.add_paragraph(f"{n} comment{'s' if n != 1 else ''}, {comp.open} still open. The text is "
                      f"shown as it is now (version {comp.version}); each comment also names the "
                      f"paragraph or requirement it was made on.")
    for what, head in (("office", "Office"), ("type", "Type"), ("decision", "Disposition")):
        rows = comp.counts(what)
        table = doc.add_table(rows=1, cols=2)
        table.style = "Table Grid"
        table.rows[0].cells[0].text, table.rows[0].cells[1].text = head, "Comments"
        for value, count in rows:
            cells = table.add_row().cells
            cells[0].text = DECISION_NAMES.get(value, value) if what == "decision" else value
            cells[1].text = str(count)
        doc.add_paragraph()
    table = doc.add_table(rows=1, cols=len(COLUMNS))
    table.style = "Table Grid"
    for cell, (head, _) in zip(table.rows[0].cells, COLUMNS):
        cell.text = ""
        cell.paragraphs[0].add_run(head).bold = True
    for e in comp.entries:
        c, p = e.comment, e.placed
        now = p.current + (f"\n({p.note})" if p.note else "")
        made_on = f"{c.anchor.shown()} (version {c.version})" + (f"\n{plain(c.anchor.text)}" if c.anchor.text else "")
        disposition = DECISION_NAMES[c.disposition.decision]
        if c.disposition.response:
            disposition += f"\n{c.disposition.response}"
        if c.disposition.change:
            disposition += f"\nChange: {c.disposition.change}"
        values = (c.id, c.office, now, made_on, c.type, c.comment, c.proposed_change, disposition)
        for cell, value in zip(table.add_row().cells, values):
            cell.text = value
            for para in cell.paragraphs:
                for run in para.runs:
                    run.font.size = Pt(9)
    for i, (_, width) in enumerate(COLUMNS):
        for cell in table.columns[i].cells:
            cell.width = Cm(width)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
