"""A pull request that commits a file into the build folder (`git add -f build/...`): Sphinx
would unpickle a committed `environment.pickle` and run the code it carries. The checker
reports it (SRC014) and the build refuses before anything is loaded from the folder."""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
from pathlib import Path

import pytest
from sphinx_site import REPO, copy_mini

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from gitrepo import commit, git, init_repository  # noqa: E402

from stkit.checks import run_checks  # noqa: E402
from stkit.project import FsTree, load_project  # noqa: E402

PICKLE = "build/html/.doctrees/environment.pickle"
PROBLEM = ("is committed to git inside a build folder; builds load what they find there (a pickled "
           "environment runs code when it is loaded), so nothing is built while one is tracked")


class Payload:
    """Unpickled, it creates the file named: the proof that the pickle was loaded."""

    def __init__(self, marker: str):
        self.marker = marker

    def __reduce__(self):
        return (Path.touch, (Path(self.marker),))


@pytest.fixture()
def planted(tmp_path):
    root = init_repository(copy_mini(tmp_path))
    marker = tmp_path / "payload-ran"
    target = root / PICKLE
    target.parent.mkdir(parents=True)
    target.write_bytes(pickle.dumps(Payload(str(marker))))
    git(root, "add", "-f", PICKLE)
    commit(root, "a pull request that plants a build file")
    return root, marker


def build(root: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "sphinx", "--no-color", "-b", "html", "-c", str(REPO), "-q",
                           str(root / "standard"), str(root / "build" / "html")],
                          capture_output=True, text=True, cwd=root, timeout=600,
                          env={**os.environ, "SOURCE_DATE_EPOCH": "1796342400"})


def test_the_checker_reports_a_committed_build_file(planted):
    root, _ = planted
    found = [(d.code, d.path, d.line, d.col, d.message, d.fix) for d in run_checks(load_project(FsTree(root)))
             if d.code == "SRC014"]
    assert found == [("SRC014", PICKLE, 1, 1, PROBLEM, "remove it from git: git rm -r --cached build")]


def test_the_build_refuses_before_loading_anything_from_the_folder(planted):
    root, marker = planted
    done = build(root)
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    assert done.stderr.strip().splitlines() == [
        f"ERROR: stkit: SRC014 {PICKLE} {PROBLEM}; remove it from git: git rm -r --cached build"]
    assert not marker.exists()  # the pickle was never loaded
    assert not (root / "build" / "html" / "index.html").exists()


def test_once_untracked_the_same_folder_builds(planted):
    """The refusal is about git tracking the file, not its presence: a local build folder is
    the normal case (Sphinx then reads its own environment; here the stale one is replaced)."""
    root, marker = planted
    git(root, "rm", "-q", "-r", "--cached", "build")
    (root / ".gitignore").write_text("build/\n", encoding="utf-8")
    commit(root, "the build file untracked, the folder ignored as in this repository")
    (root / PICKLE).unlink()
    done = build(root)
    assert done.returncode == 0, done.stderr
    assert (root / "build" / "html" / "index.html").exists()
    assert [d for d in run_checks(load_project(FsTree(root))) if d.code == "SRC014"] == []
