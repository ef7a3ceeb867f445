"""The CMT rules on comments/<round>.yaml: each breaks a copy of the standard with a round
imported from a real form, and expects the exact code, file, line and column."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from conftest import findings, line_of, replace_in
from rulehelp import one, where

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "comments"))
from comment_repo import FIXTURES, make_repo  # noqa: E402

from stkit.cli import main  # noqa: E402

ROUND = "comments/r1.yaml"


@pytest.fixture
def root(tmp_path: Path, capsys) -> Path:
    root = make_repo(tmp_path / "std")
    assert main(["comments", "import", "--root", str(root), str(FIXTURES / "forms" / "EP.docx"),
                 "--round", "r1"]) == 0
    capsys.readouterr()
    return root


def col(root: Path, line: int, needle: str) -> int:
    return (root / ROUND).read_text(encoding="utf-8").split("\n")[line - 1].index(needle) + 1


def test_a_clean_round_has_only_notes(root):
    assert [d for d in findings(root) if d.code.startswith("CMT") and d.severity != "note"] == []


def test_cmt001_a_paragraph_its_revision_does_not_have(root):
    replace_in(root / ROUND, "    ref: '4'", "    ref: '44'")
    line = line_of(root / ROUND, "    kind: paragraph")
    d = one(root, "CMT001")
    assert where(d) == ("CMT001", ROUND, line, col(root, line, "kind"))
    assert d.message == "EP-001 is anchored to nothing: version 0.1 has no paragraph 44"


def test_cmt001_a_revision_this_repository_cannot_read(root):
    text = (root / ROUND).read_text(encoding="utf-8")
    commit = text.split("revision: ", 1)[1].split("\n", 1)[0]
    replace_in(root / ROUND, f"revision: {commit}", "revision: " + "deadbeef" * 5)
    line = line_of(root / ROUND, "    kind: paragraph")
    d = one(root, "CMT001")
    assert where(d) == ("CMT001", ROUND, line, 5)
    assert d.message == f"EP-001 is anchored to nothing: unknown revision '{'deadbeef' * 5}'"


def test_cmt002_a_decision_without_a_response(root):
    replace_in(root / ROUND, "    decision: open", "    decision: accepted")
    line = line_of(root / ROUND, "    decision: accepted")
    d = one(root, "CMT002")
    assert where(d) == ("CMT002", ROUND, line, 15)
    assert d.message == "EP-001 is accepted without a response to EP"


def test_cmt003_open_comments_are_notes(root):
    notes = [d for d in findings(root) if d.code == "CMT003"]
    assert [d.severity for d in notes] == ["note"] * 3
    line = line_of(root / ROUND, "- id: EP-002")
    assert where(notes[1]) == ("CMT003", ROUND, line, 7)
    assert notes[1].message == "EP-002 (EP, editorial, on IPDX-DLV-001) is still open"


def test_cmt004_a_comment_id_given_twice(root):
    replace_in(root / ROUND, "- id: EP-002", "- id: EP-001")
    line = line_of(root / ROUND, "- id: EP-001", occurrence=2)
    d = one(root, "CMT004")
    assert where(d) == ("CMT004", ROUND, line, 7)
    assert d.message == f"EP-001 is given twice in round 'r1' (first at line {line_of(root / ROUND, '- id: EP-001')})"


def test_a_round_file_that_breaks_the_schema_is_reg003(root):
    replace_in(root / ROUND, "  type: technical", "  type: major")
    line = line_of(root / ROUND, "  type: major")
    d = one(root, "REG003")
    assert (d.path, d.line, d.col) == (ROUND, line, 9)
