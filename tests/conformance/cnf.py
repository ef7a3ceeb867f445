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


# --- a git repository of the mini standard (for statements against older versions) --------
import pytest  # noqa: E402

from gitrepo import GIT_ID, commit, git, init_repository  # noqa: E402,F401 (re-exported)

COO_001 = """  - id: IPDX-COO-001
    title: Contact point
    statement: An office should name a contact point for data exchange.
    obligation: should
    category: coordination
    level: 2
    references: []
    ip5: []
    challenges: []
    status: active
    rationale: A named contact shortens the resolution of delivery problems.
    since: "0.1"
"""


@pytest.fixture
def repo(mini: Path) -> Path:
    """The mini standard (version 0.1) plus IPDX-COO-001, committed once."""
    return init_repository(mini, COO_001, "IPDX-COO-001")
