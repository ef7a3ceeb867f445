"""Read a filled spreadsheet form (openpyxl): the identification from the hidden sheet, the
workbook properties or the first rows, and the comments of every visible sheet that has the
form's header. A cell merged down rows is read in each of them; one merged across columns
in its first column only."""

from __future__ import annotations

import io
import zipfile

from openpyxl.utils import get_column_letter

from .errors import FormError, FormProblem
from .form import cell_text, parse_info
from .rows import Form, find_table, no_table
from .template_xlsx import INFO_SHEET


def read(name: str, raw: bytes) -> Form:
    try:
        from openpyxl import load_workbook
        from openpyxl.utils.exceptions import InvalidFileException

        try:
            wb = load_workbook(io.BytesIO(raw), data_only=True)
        except (InvalidFileException, zipfile.BadZipFile, KeyError, ValueError, TypeError) as exc:
            raise FormError(FormProblem(name, "", _why(raw, exc))) from None
        info = None
        if INFO_SHEET in wb.sheetnames:
            for row in wb[INFO_SHEET].iter_rows(values_only=True):
                info = info or parse_info(" ".join(cell_text(v) for v in row))
        info = info or parse_info(wb.properties.keywords)
        form = Form(name, info)
        for ws in wb.worksheets:
            if ws.title == INFO_SHEET:
                continue
            grid = _grid(ws)
            if form.info is None:
                for row in grid[:5]:
                    form.info = form.info or next(filter(None, map(parse_info, row)), None)
            if ws.sheet_state != "visible":
                continue
            found = find_table(f"sheet '{ws.title}'", grid, column_name=get_column_letter_0)
            if found is not None:
                form.tables.append(found)
        if not form.tables:
            raise no_table(name, "the workbook")
        return form
    except FormError:
        raise
    except Exception as exc:
        raise FormError(FormProblem(name, "", f"cannot be read as a spreadsheet "
                                    f"({type(exc).__name__}: {exc})")) from None


def get_column_letter_0(i: int) -> str:
    return get_column_letter(i + 1)


def _grid(ws) -> list[list[str]]:
    grid = [[cell_text(v) for v in row] for row in ws.iter_rows(values_only=True)]
    for merged in ws.merged_cells.ranges:
        top = merged.min_row - 1
        col = merged.min_col - 1
        if top >= len(grid) or col >= len(grid[top]):
            continue
        value = grid[top][col]
        for r in range(merged.min_row, min(merged.max_row, len(grid))):
            while len(grid[r]) <= col:
                grid[r].append("")
            grid[r][col] = value
    return grid


def _why(raw: bytes, exc: Exception) -> str:
    if not raw.startswith(b"PK"):
        if raw.startswith(b"\xd0\xcf\x11\xe0"):
            return "is an old binary Excel (.xls) file; save it as .xlsx"
        return "is not a spreadsheet (.xlsx); save the form as .xlsx"
    return "is a zip file but not a spreadsheet (.xlsx); save the form as .xlsx"
