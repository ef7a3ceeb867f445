"""A release under hostile conditions: the deciding reason first, a crash (a full disk) in one
line with no log file left behind, and the temporary folder of a killed release removed by
the next one."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from release_repo import commit_all, dist_entries, make_repo

from stkit.cli import main
from stkit.release.build import crash_cause


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    return make_repo(tmp_path / "mini")


def release(root: Path, capsys, *args: str) -> tuple[int, list[str]]:
    code = main(["release", "--root", str(root), *args])
    _, err = capsys.readouterr()
    return code, err.strip().splitlines()


def test_a_draft_released_without_draft_says_so_first(repo, capsys):
    # The mini standard is a working draft with an editor's note and no adoption fields:
    # several problems, of which the status decides.
    code, lines = release(repo, capsys)
    assert code == 1
    assert lines[0] == ("requirements_registry.yaml:7:11: status is working-draft; a release needs "
                        "status: adopted (for a draft, run `stkit release --draft` or "
                        "`make release DRAFT=1`)")
    assert len(lines) > 3


def test_a_killed_release_leaves_a_temporary_folder_that_the_next_release_removes(repo, capsys):
    dist = repo / "dist"
    stale = dist / ".tmp-ST.XX-0.1-draft-999999-abcd1234"  # no process 999999
    (stale / "build").mkdir(parents=True)
    (stale / "build" / "half.html").write_text("half written", encoding="utf-8")
    older = dist / ".tmp-ST.XX-0.1-draft-x1y2z3"  # named before the process id was in the name
    older.mkdir()
    code, lines = release(repo, capsys)  # refused (a draft), but it cleans up first
    assert code == 1
    assert "stkit release: removed dist/.tmp-ST.XX-0.1-draft-999999-abcd1234, left by a release " \
           "that was killed" in lines
    assert dist_entries(repo) == []


def test_the_temporary_folder_of_a_release_still_running_is_left_alone(repo, capsys):
    import os

    running = repo / "dist" / f".tmp-ST.XX-0.1-draft-{os.getppid()}-abcd1234"
    running.mkdir(parents=True)
    release(repo, capsys)
    assert running.is_dir()


def test_a_full_disk_is_one_line_and_leaves_no_log_file(repo, capsys):
    # A conf.py whose build fails as a full disk makes it fail: with OSError 28 while writing.
    conf = repo / "conf.py"
    conf.write_text(conf.read_text(encoding="utf-8") + '''

def _full(app):
    import errno
    raise OSError(errno.ENOSPC, "No space left on device", app.outdir + "/index.html")


def setup(app):
    app.connect("builder-inited", _full)
''', encoding="utf-8")
    commit_all(repo, "A build that meets a full disk")
    logs_before = set(Path(tempfile.gettempdir()).glob("sphinx-err-*.log"))
    code, lines = release(repo, capsys, "--draft")
    assert code == 1
    assert lines[-2:] == ["stkit release: sphinx-build -b html failed: the disk is full: No space "
                          "left on device (writing dist/" + lines[-2].split("(writing dist/", 1)[1],
                          "stkit release: failed; nothing was written"]
    assert "Traceback" not in "\n".join(lines)
    assert len(lines) == 4  # two progress lines, the cause, the verdict
    # Only this release's logs count (they name its repository): other builds on the machine
    # may leave logs of their own meanwhile.
    new_logs = set(Path(tempfile.gettempdir()).glob("sphinx-err-*.log")) - logs_before
    assert [p for p in new_logs if str(repo) in p.read_text(encoding="utf-8", errors="replace")] == []
    assert dist_entries(repo) == []


@pytest.mark.parametrize("output,cause", [
    ("Running Sphinx\n\nException occurred:\n  File \"x.py\", line 3, in f\nOSError: [Errno 28] No space "
     "left on device: '/r/dist/.tmp-a/build/html/x.html'\nThe full traceback has been saved in:\n/tmp/x.log\n",
     "the disk is full: No space left on device (writing /r/dist/.tmp-a/build/html/x.html)"),
    ("Exception occurred:\n  File \"y.py\", line 1\nMemoryError\n", "MemoryError"),
    ("Traceback (most recent call last):\n  File \"z.py\"\nsphinx.errors.ExtensionError: boom\n",
     "ExtensionError: boom"),
    ("standard/01-general.md:3: WARNING: a warning [stkit.XRF001]\n", None),
])
def test_the_cause_of_a_crash_is_found_in_its_report(output, cause):
    assert crash_cause(output) == cause
