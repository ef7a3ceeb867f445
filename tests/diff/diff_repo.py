"""Helpers of the diff tests: a scratch git repository holding a copy of the mini standard
(import the `repo` fixture from here)."""

from __future__ import annotations

from pathlib import Path

import pytest

from gitrepo import GIT_ID, commit, git, init_repository  # noqa: F401 (re-exported)

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

# A requirement a change adds.
QUA_001 = """  - id: IPDX-QUA-001
    title: Validation before delivery
    statement: A data provider shall validate each delivery against its schema.
    obligation: shall
    category: technical
    level: 1
    references: []
    ip5: []
    challenges: []
    status: active
    rationale: Invalid files cost every recipient time.
    since: "0.2"
"""


@pytest.fixture
def repo(mini: Path) -> Path:
    """The mini standard plus IPDX-COO-001 (placed in 02-requirements.md), committed once."""
    return init_repository(mini, COO_001, "IPDX-COO-001")
