"""The one exception a user's mistake raises: located, one line, no traceback."""

from __future__ import annotations


class LoadError(Exception):
    """A file that cannot be loaded at all (broken YAML, not UTF-8, missing).

    The command line prints it as ``path:line:col: CODE message`` and exits 1; it never
    reaches the user as a traceback.
    """

    def __init__(self, code: str, path: str, line: int, col: int, message: str):
        super().__init__(f"{path}:{line}:{col}: {code} {message}")
        self.code = code
        self.path = path
        self.line = line
        self.col = col
        self.message = message


class UsageError(Exception):
    """A command used wrongly (unknown option value, unknown rule code). Exit status 2."""
