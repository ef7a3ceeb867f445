"""A filled form as the readers hand it over: tables of text cells, with the header found.

Offices add columns, merge header cells, put a title row or two above the table: the header
is the first row (of the first ten) naming at least the reference and comment columns; a
column whose header cell is empty takes the name written above it (a merged group header)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

from .errors import FormError, FormProblem
from .form import BY_KEY, COLUMNS, FormInfo, header_key

HEADER_SEARCH = 10


@dataclass
class Row:
    number: int  # as the program shows it (1-based, counting the rows above the header)
    cells: list[str]


@dataclass
class Table:
    name: str  # "table 2", "sheet 'Comments'", "" for a CSV file
    header_row: int
    columns: dict[str, int]  # column key -> 0-based index
    headers: list[str]  # the header cells as written
    rows: list[Row]
    column_name: Callable[[int], str] = lambda i: str(i + 1)  # how the program names column i

    def cell(self, row: Row, key: str) -> str:
        i = self.columns.get(key)
        if i is None or i >= len(row.cells):
            return ""
        return row.cells[i]

    def where(self, row: Row, key: str | None = None) -> str:
        parts = [self.name] if self.name else []
        parts.append(f"row {row.number}")
        if key is not None and key in self.columns:
            i = self.columns[key]
            written = self.headers[i] if i < len(self.headers) and self.headers[i] else BY_KEY[key].title
            parts.append(f"column {self.column_name(i)} ('{written}')")
        return ", ".join(parts)


@dataclass
class Form:
    name: str  # the file name as given
    info: FormInfo | None
    tables: list[Table] = field(default_factory=list)


def find_table(name: str, grid: list[list[str]], first_row: int = 1,
               column_name: Callable[[int], str] = lambda i: str(i + 1)) -> Table | None:
    """The form's table in `grid` (rows of cells), or None when no row is a header."""
    for h in range(min(HEADER_SEARCH, len(grid))):
        keys = [header_key(text) for text in grid[h]]
        if "ref" not in keys:
            continue
        columns: dict[str, int] = {}
        headers = list(grid[h])
        width = max(len(r) for r in grid[: h + 1])
        for c in range(width):
            key = header_key(grid[h][c]) if c < len(grid[h]) else None
            above = h - 1
            while key is None and above >= 0 and not (c < len(grid[h]) and grid[h][c].strip()):
                if c < len(grid[above]) and grid[above][c].strip():
                    key = header_key(grid[above][c])
                    if key is not None and c < len(headers):
                        headers[c] = grid[above][c]
                    break
                above -= 1
            if key is not None and key not in columns:
                columns[key] = c
        if "comment" not in columns and "proposed" not in columns:
            continue
        rows = [Row(first_row + i, cells) for i, cells in enumerate(grid[h + 1:], start=h + 1)]
        return Table(name, first_row + h, columns, headers, rows, column_name)
    return None


def no_table(form: str, what: str) -> FormError:
    names = ", ".join(f"'{BY_KEY[k].title}'" for k in ("ref", "comment"))
    return FormError(FormProblem(form, "", f"{what} has no table with the columns {names} "
                                 f"(as the template of `stkit comments template` has)"))


REQUIRED_HEADERS = [c.title for c in COLUMNS if c.required]
