"""Helpers of the diff tests: a scratch git repository holding a copy of the mini standard
(import the `repo` fixture from here)."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from conftest import replace_in

GIT_ID = ["-c", "user.name=Test Editor", "-c", "user.email=editor@example.org",
          "-c", "commit.gpgsign=false", "-c", "init.defaultBranch=main"]

# A fifth active requirement in the base revision, so that one can be moved.
COO_001 = """  - id: IPDX-COO-001
    title: Contact point
    statement: A data provider should name a contact point for data exchange.
    obligation: should
    category: coordination
    level: 1
    references: []
    ip5: []
    challenges: []
    status: active
    rationale: A named contact shortens the resolution of delivery problems.
    since: "0.1"
"""


def git(root: Path, *args: str) -> str:
    out = subprocess.run(["git", *GIT_ID, *args], cwd=root, capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    return out.stdout


def commit(root: Path, message: str) -> None:
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", message)


@pytest.fixture
def repo(mini: Path) -> Path:
    """The mini standard plus IPDX-COO-001 (placed in 02-requirements.md), committed once."""
    replace_in(mini / "requirements_registry.yaml", "ip5_deviations:", COO_001 + "ip5_deviations:")
    replace_in(mini / "standard" / "02-requirements.md", "```{editor-note}",
               "```{requirement} IPDX-COO-001\n```\n\n```{editor-note}")
    git(mini, "init", "-q")
    commit(mini, "base")
    return mini
