"""Read a form saved as CSV, as spreadsheet programs write it: UTF-8 with or without a
byte-order mark, UTF-16, or a Windows code page; commas, semicolons (Excel in much of Europe)
or tabs. The delimiter is the one under which a row reads as the form's header."""

from __future__ import annotations

import csv
import io

from .errors import FormError, FormProblem
from .form import parse_info
from .rows import Form, find_table, no_table

DELIMITERS = (",", ";", "\t")


def decode(raw: bytes) -> str:
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return raw.decode("utf-16")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace")


def read(name: str, raw: bytes) -> Form:
    if b"\0" in raw[:4096] and not raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise FormError(FormProblem(name, "", "is not a text (CSV) file"))
    text = decode(raw)
    best = None
    for delimiter in DELIMITERS:
        try:
            grid = [list(row) for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)]
        except csv.Error as exc:
            raise FormError(FormProblem(name, "", f"is not valid CSV: {exc}")) from None
        grid = [[cell.strip() for cell in row] for row in grid]
        table = find_table("", grid)
        if table is not None and (best is None or len(table.columns) > len(best[1].columns)):
            best = (grid, table)
    if best is None:
        raise no_table(name, "the file")
    grid, table = best
    info = None
    for row in grid[: table.header_row - 1]:
        # a cell, or a line a semicolon-separated save split into cells
        info = info or next(filter(None, map(parse_info, row)), None) or parse_info(";".join(row))
    return Form(name, info, [table])
