"""`stkit diff BASE [HEAD] --format docx`: the text of HEAD with every change since BASE as
Word revisions. A scripted edit gives exactly the expected w:ins and w:del, and accepting
every revision gives HEAD's text, rejecting every one BASE's."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from docx_build import REPO, W, bookmarks, build, part, text

from conftest import replace_in, run_cli
from stkit.docx.check import check_package

AUTHOR_DATE = "2026-11-20T10:00:00Z"
GIT_ID = ["-c", "user.name=Test Editor", "-c", "user.email=editor@example.org",
          "-c", "commit.gpgsign=false", "-c", "init.defaultBranch=main"]


def git(root: Path, *args: str, author: str = "Test Editor") -> None:
    env = {**os.environ, "GIT_AUTHOR_NAME": author, "GIT_AUTHOR_EMAIL": "a@example.org",
           "GIT_AUTHOR_DATE": AUTHOR_DATE, "GIT_COMMITTER_DATE": AUTHOR_DATE}
    done = subprocess.run(["git", *GIT_ID, *args], cwd=root, capture_output=True, text=True, env=env)
    assert done.returncode == 0, done.stderr


def commit(root: Path, message: str, author: str = "Test Editor") -> None:
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", message, author=author)


@pytest.fixture
def repo(mini: Path) -> Path:
    shutil.copy(REPO / "conf.py", mini / "conf.py")
    git(mini, "init", "-q")
    commit(mini, "base")
    return mini


def scripted_edit(root: Path) -> None:
    """Reword a requirement, insert a paragraph (renumbering the next), delete a word."""
    replace_in(root / "requirements_registry.yaml", "in the format of ST.96.",
               "in the format of ST.96 version 8.0 or later.")
    replace_in(root / "standard" / "02-requirements.md", "4. Formats come first.",
               "4. Formats come first.\n\n5. Each format is described in the data set description.")
    replace_in(root / "standard" / "02-requirements.md", "5. Delivery follows", "6. Delivery follows")
    replace_in(root / "standard" / "01-general.md", "It uses each convention once.",
               "It uses each convention.")


def revisions(root) -> list[tuple[str, str, str, str]]:
    """(kind, text, author, date) of every run-level revision, in document order."""
    out = []
    for mark in root.iter(W + "ins", W + "del"):
        if mark.getparent().tag == W + "rPr":
            continue  # a paragraph mark: counted by paragraph_marks()
        kind = "ins" if mark.tag == W + "ins" else "del"
        out.append((kind, text(mark), mark.get(W + "author"), mark.get(W + "date")))
    return out


def paragraph_marks(root) -> list[tuple[str, str]]:
    """(kind, paragraph text) of every paragraph inserted or deleted whole."""
    out = []
    for p in root.iter(W + "p"):
        rpr = p.find(f"{W}pPr/{W}rPr")
        for kind in ("ins", "del"):
            if rpr is not None and rpr.find(W + kind) is not None:
                out.append((kind, text(p)))
    return out


def view(root, keep: str) -> list[str]:
    """The body's paragraph texts with every revision accepted (keep='ins') or rejected
    (keep='del'), hanging numbers left out (a renumbering is not a revision), tables left
    out (the generated tables are HEAD's: docs/word.md)."""
    drop = W + ("del" if keep == "ins" else "ins")
    out = []
    for p in root.find(W + "body").findall(W + "p"):
        rpr = p.find(f"{W}pPr/{W}rPr")
        if rpr is not None and rpr.find(drop) is not None:
            continue
        parts = []
        for node in p.iter(W + "t", W + "delText", W + "noBreakHyphen", W + "tab"):
            if any(a.tag == drop for a in node.iterancestors()):
                continue
            parts.append({W + "noBreakHyphen": "-", W + "tab": "\t"}.get(node.tag, node.text or ""))
        line = re.sub(r"^\d+\.\t", "", "".join(parts))
        out.append(" ".join(line.split()))
    return out


def plain(root) -> list[str]:
    return view(root, "ins")  # a file without revisions: every paragraph as it is


def test_a_scripted_edit_gives_exactly_the_expected_insertions_and_deletions(repo, tmp_path, capsys):
    scripted_edit(repo)
    commit(repo, "edit", author="Ed Itor")
    out = tmp_path / "changes.docx"
    code, stdout, stderr = run_cli(["diff", "HEAD~1", "HEAD", "--root", str(repo), "--format", "docx",
                                    "-o", str(out)], capsys)
    assert code == 0, stderr
    assert stdout.strip() == f"{out}: 2 insertions, 1 deletion tracked"
    root = part(out)
    assert revisions(root) == [
        ("del", " once", "Ed Itor", AUTHOR_DATE),
        ("ins", "5.\tEach format is described in the data set description.", "Ed Itor", AUTHOR_DATE),
        ("ins", " version 8.0 or later", "Ed Itor", AUTHOR_DATE),
    ]
    assert paragraph_marks(root) == [("ins", "5.\tEach format is described in the data set description.")]
    assert check_package(out) == []


def test_accepting_every_revision_gives_head_and_rejecting_gives_base(repo, tmp_path, capsys):
    base = part(build(repo, tmp_path / "base").path)
    scripted_edit(repo)
    replace_in(repo / "standard" / "01-general.md",
               "3. Paragraph {para}`para-terms` defines the parties; see also {req}`IPDX-FMT-001`. Any IP office, and the International Bureau, can be either party.\n", "")
    # Withdraw IPDX-DLV-002: its box leaves the text.
    replace_in(repo / "requirements_registry.yaml", "    challenges: []\n    status: active\n    rationale: A Web API",
               "    challenges: []\n    status: withdrawn\n    withdrawn_in: \"0.1\"\n"
               "    withdrawn_reason: Covered by the delivery channels.\n    rationale: A Web API")
    replace_in(repo / "standard" / "02-requirements.md", "```{requirement} IPDX-DLV-002\n```\n\n", "")
    commit(repo, "edit")
    head = part(build(repo, tmp_path / "head").path)
    out = tmp_path / "changes.docx"
    code, _, stderr = run_cli(["diff", "HEAD~1", "HEAD", "--root", str(repo), "--format", "docx",
                               "-o", str(out)], capsys)
    assert code == 0, stderr
    tracked = part(out)
    marks = paragraph_marks(tracked)
    assert ("del", "3.\tParagraph 2 defines the parties; see also IPDX-FMT-001. Any IP office, and the International Bureau, can be either party.") in marks
    assert ("del", "[IPDX-DLV-002] A data provider may offer a Web API that follows ST.90.") in marks
    assert view(tracked, "ins") == plain(head)
    assert view(tracked, "del") == plain(base)


def test_bookmarks_are_the_same_in_the_tracked_file_as_in_a_plain_build(repo, tmp_path, capsys):
    scripted_edit(repo)
    commit(repo, "edit")
    head = build(repo, tmp_path / "head").path
    out = tmp_path / "changes.docx"
    code, _, stderr = run_cli(["diff", "HEAD~1", "HEAD", "--root", str(repo), "--format", "docx",
                               "-o", str(out)], capsys)
    assert code == 0, stderr
    assert bookmarks(part(out)) == bookmarks(part(head))


def test_the_working_tree_is_head_by_default(repo, tmp_path, capsys):
    replace_in(repo / "standard" / "01-general.md", "It uses each convention once.", "It uses each convention.")
    out = tmp_path / "changes.docx"
    code, _, stderr = run_cli(["diff", "HEAD", "--root", str(repo), "--format", "docx", "-o", str(out)], capsys)
    assert code == 0, stderr
    assert [(k, t) for k, t, _, _ in revisions(part(out))] == [("del", " once")]


def test_docx_needs_an_output_file(repo, capsys):
    code, out, err = run_cli(["diff", "HEAD", "--root", str(repo), "--format", "docx"], capsys)
    assert (code, out) == (2, "")
    assert err == "stkit diff: --format docx writes a Word file: give it with -o FILE.docx\n"


def test_a_base_that_cannot_be_built_is_one_line_and_leaves_no_file(repo, tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("CI", "true")  # as CI runs it: Sphinx would colour its messages; the one line has none
    path = repo / "standard" / "02-requirements.md"
    path.write_text(path.read_text(encoding="utf-8") + "\n6. A note.[^n]\n\n[^n]: The footnote.\n",
                    encoding="utf-8")
    commit(repo, "a footnote")
    out = tmp_path / "changes.docx"
    code, _, err = run_cli(["diff", "HEAD", "--root", str(repo), "--format", "docx", "-o", str(out)], capsys)
    assert code == 1
    assert err == ("stkit diff: the DOCX build of BASE failed: standard/02-requirements.md:20: ERROR: DOCX "
                   "the Word output has no form for a 'footnote_reference' node (markup the DOCX builder "
                   "does not know yet); nothing was written [stkit.DOCX] (and 1 more)\n")
    assert not out.exists() and list(tmp_path.glob(".changes.docx.*")) == []


def test_a_reference_renumbered_by_an_insertion_is_not_a_revision(repo, tmp_path, capsys):
    general = repo / "standard" / "01-general.md"
    replace_in(general, "(para-terms)=\n2. ", "2. A paragraph inserted before the definitions.\n\n(para-terms)=\n3. ")
    replace_in(general, "3. Paragraph {para}", "4. Paragraph {para}")
    commit(repo, "insert")
    out = tmp_path / "changes.docx"
    code, _, stderr = run_cli(["diff", "HEAD~1", "HEAD", "--root", str(repo), "--format", "docx",
                               "-o", str(out)], capsys)
    assert code == 0, stderr
    root = part(out)
    assert [(k, t) for k, t, _, _ in revisions(root)] == [
        ("ins", "2.\tA paragraph inserted before the definitions.")]
    assert "4.\tParagraph 3 defines the parties; see also IPDX-FMT-001. Any IP office, and the International Bureau, can be either party." in [text(p) for p in root.iter(W + "p")]
