"""Each gate of `stkit release` refuses with its one-line message, and leaves nothing in
dist/. None of these tests gets as far as a full build (except the two failure tests, whose
build stops at once)."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import line_of
from release_repo import commit_all, dist_entries, make_repo, replace

from stkit.cli import main

REGISTRY = "requirements_registry.yaml"
NOTE_LINE = ("standard/02-requirements.md:16:1: editor's note left in the text; settle the "
             "question and delete the {editor-note} (or release a draft with --draft)")


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    return make_repo(tmp_path / "mini")


def release(root: Path, capsys, *args: str) -> tuple[int, list[str]]:
    code = main(["release", "--root", str(root), *args])
    _, err = capsys.readouterr()
    return code, err.strip().splitlines()


def adopt(root: Path, version: str = "1.0") -> None:
    """Make the registry that of an adopted standard and commit it."""
    replace(root / REGISTRY, 'version: "0.1"', f'version: "{version}"')
    replace(root / REGISTRY, "status: working-draft",
            'status: adopted\n  adoption_date: "2026-11-27"')
    commit_all(root, "Adopted")


def assert_refused(code: int, lines: list[str], root: Path) -> None:
    assert code == 1
    assert lines[-1].startswith("stkit release: refused (")
    assert lines[-1].endswith("nothing was written")
    assert not (root / "dist").exists()


def test_editors_note_refused_for_a_release_with_its_place(repo, capsys):
    adopt(repo)
    code, lines = release(repo, capsys)
    assert_refused(code, lines, repo)
    assert NOTE_LINE in lines


def test_editors_note_allowed_in_a_draft(repo, capsys):
    (repo / "conf.py").write_text("raise SystemExit('stop the build here')\n", encoding="utf-8")
    commit_all(repo, "A conf.py that stops the build")
    code, lines = release(repo, capsys, "--draft")
    # The gates passed (the build was reached and failed on purpose): no refusal line.
    assert code == 1
    assert not any("editor's note" in line for line in lines)
    assert "stkit release: failed; nothing was written" in lines


def test_failing_check_and_warning_refused_with_their_places(repo, capsys):
    path = repo / "standard" / "02-requirements.md"
    replace(path, "5. Delivery", "6. Delivery")
    replace(path, "Formats come first.", "Formats must come first.")
    commit_all(repo, "Break the numbering, use 'must'")
    code, lines = release(repo, capsys, "--draft")
    assert_refused(code, lines, repo)
    assert ("standard/02-requirements.md:8:1: NUM001 paragraph numbered 6 in the main body, "
            "expected 5; run `stkit check --fix` to renumber") in lines
    assert any(line.startswith("standard/02-requirements.md:3:12: REQ006 normative keyword 'must'")
               for line in lines)


def test_unverified_facts_refused_only_for_an_adopted_release(repo, capsys):
    adopt(repo)
    code, lines = release(repo, capsys)
    assert_refused(code, lines, repo)
    st96 = line_of(repo / REGISTRY, "- standard: ST.96")
    ip5 = line_of(repo / REGISTRY, "ip5: [ip5/redistribution]")
    assert (f"requirements_registry.yaml:{st96}:9: XRF009 ST.96: catalogue facts not yet verified "
            "(current_version, versions, rule_pattern); an adopted release cites only verified "
            "facts: confirm the fact against WIPO's (or the IP5's) publication and set verified "
            "to true") in lines
    assert any(line.startswith(f"requirements_registry.yaml:{ip5}:10: IP5004 ") for line in lines)


def test_dirty_tree_refused_file_by_file(repo, capsys):
    (repo / "standard" / "index.md").write_text("changed\n", encoding="utf-8")
    (repo / "notes.txt").write_text("scratch\n", encoding="utf-8")
    code, lines = release(repo, capsys, "--draft")
    assert_refused(code, lines, repo)
    assert ("notes.txt: untracked; commit or remove it, a release is built from a clean "
            "working tree") in lines
    assert ("standard/index.md: modified, not committed; commit or remove it, a release is built "
            "from a clean working tree") in lines


def test_not_a_git_repository_refused(tmp_path, capsys):
    import shutil

    from release_repo import MINI, REPO
    root = tmp_path / "plain"
    shutil.copytree(MINI, root)
    shutil.copyfile(REPO / "conf.py", root / "conf.py")
    code, lines = release(root, capsys, "--draft")
    assert_refused(code, lines, root)
    assert lines[0] == ("plain: not a git repository; a release is built from a commit: put the "
                        "standard under git and commit it")


def test_draft_status_refused_without_draft_option(repo, capsys):
    code, lines = release(repo, capsys)
    assert_refused(code, lines, repo)
    assert ("requirements_registry.yaml:7:11: status is working-draft; a release needs status: "
            "adopted (for a draft, run `stkit release --draft` or `make release DRAFT=1`)") in lines
    assert ("requirements_registry.yaml:6:12: version 0.1 is a draft version; an adopted release "
            "is version 1.0 or later") in lines
    assert any(line.startswith("requirements_registry.yaml:4:3: adoption_date is missing")
               for line in lines)


def test_adopted_version_below_1_refused(repo, capsys):
    adopt(repo, version="0.9")
    code, lines = release(repo, capsys)
    assert_refused(code, lines, repo)
    assert ("requirements_registry.yaml:6:12: version 0.9 is a draft version; an adopted release "
            "is version 1.0 or later") in lines
    assert not any("status is" in line for line in lines)


def test_adopted_status_refused_as_a_draft(repo, capsys):
    adopt(repo)
    code, lines = release(repo, capsys, "--draft")
    assert_refused(code, lines, repo)
    assert ("requirements_registry.yaml:7:11: status is adopted, not a draft status; release an "
            "adopted standard without --draft") in lines


def test_existing_version_refused_and_left_alone(repo, capsys):
    old = repo / "dist" / "ST.XX-0.1-draft"
    old.mkdir(parents=True)
    (old / "keep.txt").write_text("the earlier release\n", encoding="utf-8")
    code, lines = release(repo, capsys, "--draft")
    assert code == 1
    assert lines[0] == ("dist/ST.XX-0.1-draft: a release of this version exists already; give the "
                        "registry a new version, or replace it with --force (make release FORCE=1)")
    assert dist_entries(repo) == ["ST.XX-0.1-draft"]
    assert (old / "keep.txt").read_text(encoding="utf-8") == "the earlier release\n"


def test_failed_build_with_force_keeps_the_old_release(repo, capsys):
    (repo / "conf.py").write_text("raise SystemExit('stop the build here')\n", encoding="utf-8")
    commit_all(repo, "A conf.py that stops the build")
    (repo / "dist").mkdir()
    (repo / "dist" / "ST.XX-0.1-draft.zip").write_bytes(b"the earlier release")
    code, lines = release(repo, capsys, "--draft", "--force")
    assert code == 1
    assert any(line.startswith("stkit release: sphinx-build -b html failed") for line in lines)
    assert dist_entries(repo) == ["ST.XX-0.1-draft.zip"]
    assert (repo / "dist" / "ST.XX-0.1-draft.zip").read_bytes() == b"the earlier release"


def test_sigterm_during_the_build_leaves_nothing(repo):
    proc = subprocess.Popen([sys.executable, "-m", "stkit", "release", "--draft"], cwd=repo,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while not list((repo / "dist").glob(".tmp-*")) and time.monotonic() < deadline:
        if proc.poll() is not None:
            break
        time.sleep(0.05)
    assert proc.poll() is None, proc.communicate()
    time.sleep(1)  # let sphinx-build start
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 143, err
    assert "stkit release: terminated; nothing was written" in err
    assert not (repo / "dist").exists()
