"""Helpers of the conformance tests: a valid statement against the mini standard, broken in
precise ways, and `stkit conformance check` run on it in-process."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from conftest import FIXTURES, run_cli

STATEMENT = FIXTURES / "statements" / "xa-valid.yaml"
TODAY = "2026-12-01"


def statement(root: Path, name: str = "xa.yaml") -> Path:
    """A copy of the valid statement, inside the mini standard's folder."""
    target = root / "statements" / name
    target.parent.mkdir(exist_ok=True)
    shutil.copyfile(STATEMENT, target)
    return target


def check(root: Path, capsys, *files: Path | str, today: str = TODAY) -> tuple[int, list[dict]]:
    args = ["conformance", "check", "--root", str(root), "--format", "json", "--today", today,
            *[str(f) for f in files]]
    code, out, err = run_cli(args, capsys)
    assert "Traceback" not in err
    return code, json.loads(out)


def where(found: list[dict]) -> list[tuple[str, str, int, int]]:
    return [(d["code"], d["path"], d["line"], d["col"]) for d in found]
