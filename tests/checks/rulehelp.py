"""Helpers of the rule tests: pick the findings of one code, and edit the mini standard."""

from __future__ import annotations

from pathlib import Path

from conftest import findings

from stkit.diagnostics import Diagnostic

REGISTRY = "requirements_registry.yaml"
GENERAL = "standard/01-general.md"
REQUIREMENTS = "standard/02-requirements.md"
ANNEX = "standard/annex-i-tables.md"
INDEX = "standard/index.md"


def of(root: Path, code: str) -> list[Diagnostic]:
    """Every finding of `code` (notes included)."""
    return [d for d in findings(root) if d.code == code]


def one(root: Path, code: str) -> Diagnostic:
    """The single finding of `code`; fails when there are none or several."""
    found = of(root, code)
    assert len(found) == 1, f"expected one {code}, got {found}"
    return found[0]


def where(d: Diagnostic) -> tuple[str, str, int, int]:
    return (d.code, d.path, d.line, d.col)


def append(path: Path, text: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def col_of(path: Path, line: int, needle: str) -> int:
    """1-based column of `needle` on a 1-based line."""
    text = path.read_text(encoding="utf-8").split("\n")[line - 1]
    assert needle in text, f"{needle!r} not on line {line} of {path}: {text!r}"
    return text.index(needle) + 1
