"""The comment form as a spreadsheet (openpyxl): a sheet "Comments" with a title, the
identification line and the table; a hidden sheet "stkit-form" with what it was made on."""

from __future__ import annotations

import io

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from .form import COLUMNS, FORM_FORMAT, TYPES, FormInfo
from .targets import Target

SHEET = "Comments"
INFO_SHEET = "stkit-form"
HEADER_ROW = 3


def write(info: FormInfo, targets: list[Target]) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = SHEET
    wb.properties.title = info.title()
    wb.properties.subject = FORM_FORMAT
    wb.properties.keywords = info.line()
    wb.properties.creator = "stkit"

    ws.cell(1, 1, info.title()).font = Font(bold=True, size=14)
    ident = ws.cell(2, 1, "Form identification: " + info.line())
    ident.font = Font(size=8, color="595959")
    for col, column in enumerate(COLUMNS, start=1):
        cell = ws.cell(HEADER_ROW, col, column.title)
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="D9E2F3")
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        ws.column_dimensions[get_column_letter(col)].width = column.width_cm * 5
    for row, target in enumerate(targets, start=HEADER_ROW + 1):
        ref = ws.cell(row, 1, target.ref)
        ref.number_format = "@"  # "12" stays text, as written
        ws.cell(row, 2, target.excerpt).alignment = Alignment(wrap_text=True, vertical="top")
        for col in range(3, len(COLUMNS) + 1):
            ws.cell(row, col).alignment = Alignment(wrap_text=True, vertical="top")
    last = HEADER_ROW + max(len(targets), 1) + 200  # room for rows an office adds
    types = DataValidation(type="list", formula1='"' + ",".join(TYPES) + '"', allow_blank=True)
    types.add(f"{get_column_letter(_col('type'))}{HEADER_ROW + 1}:{get_column_letter(_col('type'))}{last}")
    ws.add_data_validation(types)
    ws.freeze_panes = ws.cell(HEADER_ROW + 1, 1)

    meta = wb.create_sheet(INFO_SHEET)
    for row, (key, value) in enumerate((("form", FORM_FORMAT), ("standard", info.standard),
                                        ("version", info.version), ("revision", info.revision),
                                        ("line", info.line())), start=1):
        meta.cell(row, 1, key)
        meta.cell(row, 2, value)
    meta.sheet_state = "hidden"
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _col(key: str) -> int:
    return next(i for i, c in enumerate(COLUMNS, start=1) if c.key == key)
