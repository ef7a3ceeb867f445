"""The errors of comment rounds: one line each, naming the form and the cell."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class FormProblem:
    """A problem in a filled form: the file, where in it (table/sheet, row, column), what."""

    form: str  # the file name as given
    where: str  # "table 1, row 7, column 1 ('Paragraph or requirement')", or "" for the file
    message: str

    def __str__(self) -> str:
        return f"{self.form}: {self.where}: {self.message}" if self.where else f"{self.form}: {self.message}"


class FormError(Exception):
    """A form that cannot be read at all (not a docx, no table, no header): one problem."""

    def __init__(self, problem: FormProblem):
        super().__init__(str(problem))
        self.problem = problem


class CommentsError(Exception):
    """Anything else a user must fix before the command can go on; one line."""
