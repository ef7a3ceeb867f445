"""The release of an adopted standard refuses a comment still open; a draft release lists
the open comments and goes on."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest

from conftest import line_of
from release_repo import commit_all, make_repo

from stkit.cli import main

ROUND = "comments/cws14.yaml"


def run(capsys, *args: str) -> tuple[int, list[str]]:
    code = main(list(args))
    _, err = capsys.readouterr()
    return code, err.strip().splitlines()


@pytest.fixture
def commented(tmp_path: Path, capsys) -> Path:
    """The mini standard with one round of two comments from EP, imported and committed."""
    root = make_repo(tmp_path / "mini")
    form = tmp_path / "form.docx"
    assert run(capsys, "comments", "template", "--root", str(root), "-o", str(form))[0] == 0
    doc = docx.Document(str(form))
    for row in doc.tables[0].rows:
        if row.cells[0].text in ("4", "IPDX-DLV-001"):
            row.cells[2].text, row.cells[3].text, row.cells[4].text = "EP", "technical", "Why?"
    doc.save(str(tmp_path / "EP.docx"))
    code, lines = run(capsys, "comments", "import", "--root", str(root), str(tmp_path / "EP.docx"),
                      "--round", "cws14")
    assert code == 0, lines
    commit_all(root, "Comments of round cws14")
    return root


def adopt(root: Path) -> None:
    path = root / "requirements_registry.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace('version: "0.1"', 'version: "1.0"').replace(
        "status: working-draft", 'status: adopted\n  adoption_date: "2026-11-27"')
    path.write_text(text, encoding="utf-8")
    # the editor's note of the mini standard is refused too; settle it
    req = root / "standard" / "02-requirements.md"
    req.write_text(req.read_text(encoding="utf-8").replace(
        "```{editor-note}\nConfirm the version of ST.96 to cite.\n```\n", ""), encoding="utf-8")
    commit_all(root, "Adopted")


def test_adopted_release_refuses_an_open_comment_with_its_place(commented, capsys):
    adopt(commented)
    code, lines = run(capsys, "release", "--root", str(commented))
    assert code == 1
    first = line_of(commented / ROUND, "- id: EP-001")
    assert (f"{ROUND}:{first}:7: EP-001 (EP, technical, on paragraph 4) is still open; an adopted "
            f"release answers every comment: record the decision and the response with "
            f"`stkit comments dispose`") in lines
    assert sum("is still open" in line for line in lines) == 2
    assert lines[-1].startswith("stkit release: refused (")
    assert not (commented / "dist").exists()


def test_answered_comments_do_not_refuse_it(commented, capsys):
    assert run(capsys, "comments", "dispose", "--root", str(commented), "--round", "cws14",
               "EP-001", "EP-002", "--decision", "noted", "--response", "Thank you.")[0] == 0
    adopt(commented)
    _, lines = run(capsys, "release", "--root", str(commented))
    assert not any("still open" in line for line in lines)


def test_a_draft_release_lists_the_open_comments(commented, capsys):
    (commented / "conf.py").write_text("raise SystemExit('stop the build here')\n", encoding="utf-8")
    commit_all(commented, "A conf.py that stops the build")
    code, lines = run(capsys, "release", "--root", str(commented), "--draft")
    assert lines[0] == ("stkit release: 2 comments still open (listed; an adopted release "
                        "refuses them):")
    assert lines[1].startswith(f"  {ROUND}:") and lines[1].endswith(
        "EP-001 (EP, technical, on paragraph 4) is still open")
    # the gates passed: the build was reached (and stopped on purpose)
    assert "stkit release: failed; nothing was written" in lines
