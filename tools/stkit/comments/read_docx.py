"""Read a filled Word form (python-docx): the identification from the document properties or
the body, and the table(s) of comments. Merged cells are read as Word shows them: a cell
merged across columns counts once (in its first column), one merged down rows is read in
each of them."""

from __future__ import annotations

import io
import zipfile

from .errors import FormError, FormProblem
from .form import parse_info
from .rows import Form, find_table, no_table


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
            grid = _grid(table)
            found = find_table(f"table {number}", grid)
            if found is not None:
                form.tables.append(found)
        if not form.tables:
            raise no_table(name, "the document")
        return form
    except FormError:
        raise
    except Exception as exc:  # a damaged part python-docx trips over: still one line
        raise FormError(FormProblem(name, "", f"cannot be read as a Word document "
                                    f"({type(exc).__name__}: {exc})")) from None


def _grid(table) -> list[list[str]]:
    grid = []
    for row in table.rows:
        cells, previous = [], None
        for cell in row.cells:
            cells.append("" if cell._tc is previous else _text(cell))
            previous = cell._tc
        grid.append(cells)
    return grid


def _text(cell) -> str:
    return "\n".join(p.text for p in cell.paragraphs).strip()


def _why(raw: bytes, exc: Exception) -> str:
    if not raw.startswith(b"PK"):
        if raw.startswith(b"\xd0\xcf\x11\xe0"):
            return "is an old binary Word (.doc) or Excel (.xls) file; save it as .docx"
        return "is not a Word document (.docx); save the form as .docx"
    return "is a zip file but not a Word document (.docx); save the form as .docx"
