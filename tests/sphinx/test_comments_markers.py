"""Open comments in a draft build: a marker on each paragraph and requirement with open
comments, linking to the page "Comments"; release builds, the PDF's single page and a build
without open comments show neither."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

from sphinx_site import build, element

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "comments"))
from comment_repo import FIXTURES, commit_all, make_repo  # noqa: E402

from stkit.cli import main  # noqa: E402

REQS = "standard/02-requirements.md"
MINI = Path(__file__).resolve().parent.parent / "fixtures" / "mini"


def current_repo(dest: Path) -> Path:
    root = make_repo(dest)
    # The forms name the commit of the standard as it was sent for comment; the registry has
    # since been brought up to today's rules (a permission carries no level; no principle the
    # IP5 catalogue withdrew), as the mini standard has: a later commit, as in real life.
    shutil.copy(MINI / "requirements_registry.yaml", root / "requirements_registry.yaml")
    commit_all(root, "Registry brought up to the current rules")
    return root


@pytest.fixture
def commented(tmp_path: Path, capsys) -> Path:
    root = current_repo(tmp_path / "std")
    assert main(["comments", "import", "--root", str(root), str(FIXTURES / "forms" / "EP.docx"),
                 str(FIXTURES / "forms" / "JP.xlsx"), "--round", "r1"]) == 0
    capsys.readouterr()
    return root


def test_draft_build_marks_paragraphs_and_requirements_with_open_comments(commented):
    site = build(commented)
    assert site.code == 0, site.warnings
    page = site.page("02-requirements")
    para = element(page, "para-4")
    assert ('<a class="stkit-cmt-marker reference external" href="comments.html#on-para-4" '
            'title="Open comments on this text: EP-001">1 open comment</a>') in para
    req = element(page, "req-ipdx-fmt-001")
    assert 'href="comments.html#on-req-ipdx-fmt-001"' in req
    assert "stkit-cmt-marker" not in element(page, "para-5")
    comments = site.page("comments")
    assert '<span id="on-para-4"></span>EP-001' in comments
    assert 'href="02-requirements.html#para-4"' in comments
    assert "<title>Comments" in comments


def test_markers_follow_renumbering_in_an_incremental_build(commented):
    site = build(commented)
    assert 'href="comments.html#on-para-4"' in site.page("02-requirements")
    req = commented / REQS
    req.write_text(req.read_text(encoding="utf-8")
                   .replace("4. Formats come first.", "4. Inserted.\n\n5. Formats come first.")
                   .replace("5. Delivery follows", "6. Delivery follows"), encoding="utf-8")
    site = build(commented, out=site.out)
    assert site.code == 0, site.warnings
    page = site.page("02-requirements")
    assert 'href="comments.html#on-para-5"' in element(page, "para-5")
    assert "stkit-cmt-marker" not in element(page, "para-4")


def test_answering_every_comment_removes_the_markers_on_rebuild(commented, capsys):
    site = build(commented)
    ids = [f"EP-00{i}" for i in (1, 2, 3)] + [f"JP-00{i}" for i in (1, 2, 3, 4)]
    assert main(["comments", "dispose", "--root", str(commented), "--round", "r1", *ids,
                 "--decision", "noted", "--response", "Thanks."]) == 0
    site = build(commented, out=site.out)
    page = site.page("02-requirements")
    assert "stkit-cmt-marker" not in page and "stkit-comments.css" not in page


def _strip_editor_note(root: Path) -> None:
    path = root / REQS
    path.write_text(path.read_text(encoding="utf-8").replace(
        "```{editor-note}\nConfirm the version of ST.96 to cite.\n```\n", ""), encoding="utf-8")


def test_release_build_and_single_page_carry_no_marker(commented, monkeypatch):
    _strip_editor_note(commented)
    monkeypatch.setenv("STKIT_RELEASE", "1")
    site = build(commented)
    assert site.code == 0, site.warnings
    assert "stkit-cmt-marker" not in site.page("02-requirements")
    assert not (site.out / "comments.html").exists()
    monkeypatch.delenv("STKIT_RELEASE")
    single = build(commented, builder="singlehtml")
    assert single.code == 0, single.warnings
    assert "stkit-cmt-marker" not in single.page("index")


def test_without_open_comments_the_build_is_unchanged(tmp_path, capsys):
    plain = current_repo(tmp_path / "plain")
    before = build(plain)
    answered = current_repo(tmp_path / "answered")
    assert main(["comments", "import", "--root", str(answered), str(FIXTURES / "forms" / "EP.docx"),
                 "--round", "r1"]) == 0
    assert main(["comments", "dispose", "--root", str(answered), "--round", "r1", "EP-001", "EP-002",
                 "EP-003", "--decision", "accepted", "--response", "Done."]) == 0
    capsys.readouterr()
    after = build(answered)
    assert before.code == after.code == 0

    def files(out: Path) -> dict[str, bytes]:
        return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*"))
                if p.is_file() and ".doctrees" not in p.parts and p.name != ".buildinfo"}

    a, b = files(before.out), files(after.out)
    assert sorted(a) == sorted(b)
    assert [name for name in a if a[name] != b[name]] == []
