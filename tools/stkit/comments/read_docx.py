"""Read a filled Word form (python-docx): the identification from the document properties or
the body, and the table(s) of comments. Merged cells are read as Word shows them: a cell
merged across columns counts once (in its first column), one merged down rows is read in
each of them."""

from __future__ import annotations

import io
import zipfile

from .errors import FormError, FormProblem
from .form import parse_info
from .rows import HEADER_SEARCH, Form, Row, find_table, no_table


def read(name: str, raw: bytes) -> Form:
    try:
        import docx
        from docx.opc.exceptions import PackageNotFoundError

        try:
            doc = docx.Document(io.BytesIO(raw))
        except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as exc:
            raise FormError(FormProblem(name, "", _why(raw, exc))) from None
        props = doc.core_properties
        info = None
        for text in (props.keywords, props.comments, props.subject,
                     *(p.text for p in doc.paragraphs[:20])):
            info = parse_info(text)
            if info:
                break
        if not doc.tables:
            raise FormError(FormProblem(name, "", "the document has no table; comments are read "
                                        "from the table of the comment form"))
        form = Form(name, info)
        for number, table in enumerate(doc.tables, start=1):
            rows = list(table.rows)  # once: indexing table.rows lists them all again
            head = [_cells(row) for row in rows[:HEADER_SEARCH]]
            found = find_table(f"table {number}", head)
            if found is None:
                continue
            # The rows below the first ten: a form has thousands, nearly all left empty, so a
            # row's other cells are read only when it has a comment or a proposed change.
            wanted = [found.columns[k] for k in ("comment", "proposed") if k in found.columns]
            for index in range(len(head), len(rows)):
                cells = _cells(rows[index], only=wanted)
                if any(cells[i] for i in wanted if i < len(cells)):
                    cells = _cells(rows[index])
                found.rows.append(Row(index + 1, cells))
            form.tables.append(found)
        if not form.tables:
            raise no_table(name, "the document")
        return form
    except FormError:
        raise
    except Exception as exc:  # a damaged part python-docx trips over: still one line
        raise FormError(FormProblem(name, "", f"cannot be read as a Word document "
                                    f"({type(exc).__name__}: {exc})")) from None


def _cells(row, only: list[int] | None = None) -> list[str]:
    """The row's cells as text (a cell merged across columns in its first column only);
    with `only`, the other columns are left empty."""
    cells, previous = [], None
    for i, cell in enumerate(row.cells):
        merged = cell._tc is previous
        previous = cell._tc
        cells.append("" if merged or (only is not None and i not in only) else _text(cell))
    return cells


def _text(cell) -> str:
    return "\n".join(p.text for p in cell.paragraphs).strip()


def _why(raw: bytes, exc: Exception) -> str:
    if not raw.startswith(b"PK"):
        if raw.startswith(b"\xd0\xcf\x11\xe0"):
            return "is an old binary Word (.doc) or Excel (.xls) file; save it as .docx"
        return "is not a Word document (.docx); save the form as .docx"
    return "is a zip file but not a Word document (.docx); save the form as .docx"
