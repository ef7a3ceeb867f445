"""Findings of the checker, and their three views: text, JSON, GitHub annotations."""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass

from .model import Loc

SEVERITIES = ("error", "warning", "note")
# Control characters (a line break, an escape sequence that rewrites the terminal) and
# bidirectional overrides, as a file name or a quoted value can carry them.
# A file name that is not UTF-8 reaches Python with surrogates, which cannot be printed.
_UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def printable(text: str) -> str:
    """`text` as one line with every control character shown as an escape (`\\x1b`), so a
    message quoting hostile input cannot break lines or drive the terminal."""
    if not _UNPRINTABLE.search(text):
        return text
    return _UNPRINTABLE.sub(lambda m: _escape(m.group(0)), text)


def _escape(char: str) -> str:
    if "\udc80" <= char <= "\udcff":  # an undecodable byte of a file name, as os.fsdecode keeps it
        return f"\\x{ord(char) - 0xdc00:02x}"
    return char.encode("unicode_escape", "backslashreplace").decode("ascii")


@dataclass(frozen=True)
class Diagnostic:
    """One finding: its rule code and severity, where it is (path, line, column), what and how to fix it."""

    code: str
    severity: str  # error | warning | note
    path: str
    line: int
    col: int
    message: str
    fix: str | None = None  # how to fix it, one line

    @classmethod
    def at(cls, code: str, loc: Loc, message: str, *, fix: str | None = None,
           severity: str | None = None) -> "Diagnostic":
        from .rules import RULES  # the rule table gives the default severity

        sev = severity or RULES[code].severity
        return cls(code, sev, printable(loc.path), loc.line, loc.col, printable(message),
                   printable(fix) if fix else fix)

    @property
    def sort_key(self) -> tuple:
        return (self.path, self.line, self.col, self.code, self.message)


def format_text(diags: list["Diagnostic"]) -> str:
    lines = []
    for d in diags:
        line = f"{d.path}:{d.line}:{d.col}: {d.code} [{d.severity}] {d.message}"
        if d.fix:
            line += f" (fix: {d.fix})"
        lines.append(line)
    return "\n".join(lines)


def format_json(diags: list["Diagnostic"]) -> str:
    return json.dumps([asdict(d) for d in diags], indent=2, ensure_ascii=False)


def _gh_escape(text: str, *, prop: bool = False) -> str:
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if prop:
        text = text.replace(":", "%3A").replace(",", "%2C")
    return text


def format_github(diags: list["Diagnostic"]) -> str:
    """GitHub Actions workflow commands: each finding becomes an annotation on its line."""
    level = {"error": "error", "warning": "warning", "note": "notice"}
    lines = []
    for d in diags:
        message = d.message + (f" (fix: {d.fix})" if d.fix else "")
        lines.append(
            f"::{level[d.severity]} file={_gh_escape(d.path, prop=True)},line={d.line},"
            f"col={d.col},title={_gh_escape(d.code, prop=True)}::{_gh_escape(message)}"
        )
    return "\n".join(lines)


FORMATTERS = {"text": format_text, "json": format_json, "github": format_github}


def summary(diags: list["Diagnostic"]) -> str:
    counts = {s: sum(1 for d in diags if d.severity == s) for s in SEVERITIES}
    parts = [f"{n} {s}{'s' if n != 1 else ''}" for s, n in counts.items() if n]
    if not counts["error"] and not counts["warning"]:
        return "stkit check: clean" + (f" ({parts[0]})" if parts else "")
    return "stkit check: " + ", ".join(parts)
