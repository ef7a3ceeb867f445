"""The page "Changes since <base>" in a real Sphinx build of the mini standard, switched on
by DIFF_BASE through the main extension (as `make preview` does), and absent without it."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPO, replace_in
from diff_repo import commit, repo  # noqa: F401 (repo is a fixture)


def build(root: Path, out: Path, base: str | None, *options: str) -> subprocess.CompletedProcess:
    """sphinx-build of `root` with its own conf.py and DIFF_BASE=`base`; `options` such as
    `-D language=fr`."""
    env = {k: v for k, v in os.environ.items() if k != "DIFF_BASE"}
    if base is not None:
        env["DIFF_BASE"] = base
    return subprocess.run([sys.executable, "-m", "sphinx", "--no-color", "-b", "html", "-c", str(root), "-q",
                           *options, str(root / "standard"), str(out)], cwd=root, env=env,
                          capture_output=True, text=True, timeout=300)


@pytest.fixture
def edited(repo: Path) -> Path:
    shutil.copy(REPO / "conf.py", repo / "conf.py")
    commit(repo, "conf")
    # uncommitted: the page compares the base with the working tree being built
    replace_in(repo / "requirements_registry.yaml", "shall deliver XML data sets", "shall deliver XML data files & co")
    return repo


def test_changes_page_is_built_with_diff_base(edited, tmp_path):
    out = tmp_path / "html"
    done = build(edited, out, "HEAD")
    assert done.returncode == 0, done.stderr
    page = (out / "changes.html").read_text(encoding="utf-8")
    assert "<title>Changes since HEAD" in page
    assert "<h1>Changes since HEAD</h1>" in page
    assert "XML data <del>sets</del><ins>files &amp; co</ins>" in page
    assert '_static/stkit-diff.css' in page and (out / "_static" / "stkit-diff.css").is_file()
    assert "cannot be built" not in done.stderr


def test_no_changes_page_without_diff_base(edited, tmp_path):
    out = tmp_path / "html"
    done = build(edited, out, None)
    assert done.returncode == 0, done.stderr
    assert (out / "index.html").is_file() and not (out / "changes.html").exists()
    assert "stkit-diff.css" not in (out / "index.html").read_text(encoding="utf-8")


def test_a_wrong_diff_base_is_a_warning_naming_it(edited, tmp_path):
    done = build(edited, tmp_path / "html", "nope")
    assert "the page 'Changes since nope' cannot be built: unknown revision 'nope'" in done.stderr
    assert not (tmp_path / "html" / "changes.html").exists()
