"""The repository the committed forms were made on: tests/comments/fixtures/base committed
with a fixed author, committer and date, so that its commit is the same everywhere (the
forms name it). `make_forms.py` made the forms from it; each test builds it afresh."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

HERE = Path(__file__).resolve().parent
FIXTURES = HERE / "fixtures"
BASE = FIXTURES / "base"
# The commit of BASE as made by make_repo(); the committed forms name it.
BASE_COMMIT = "5a7ef4baa375e288c4531fd6e312be6bf4b6bc2a"

_ENV = {"GIT_AUTHOR_NAME": "Task Force", "GIT_AUTHOR_EMAIL": "tf@example.invalid",
        "GIT_COMMITTER_NAME": "Task Force", "GIT_COMMITTER_EMAIL": "tf@example.invalid",
        "GIT_AUTHOR_DATE": "2026-11-25T12:00:00+00:00",
        "GIT_COMMITTER_DATE": "2026-11-25T12:00:00+00:00",
        "GIT_CONFIG_NOSYSTEM": "1", "HOME": "/nonexistent", "LC_ALL": "C"}


def git(root: Path, *args: str, date: str | None = None) -> str:
    env = {**os.environ, **_ENV}
    if date:
        env["GIT_AUTHOR_DATE"] = env["GIT_COMMITTER_DATE"] = date
    out = subprocess.run(["git", "-c", "core.autocrlf=false", "-c", "commit.gpgsign=false", *args],
                         cwd=root, env=env, capture_output=True, text=True, check=True)
    return out.stdout.strip()


def make_repo(dest: Path) -> Path:
    """A git repository holding BASE in one commit, the same commit every time."""
    shutil.copytree(BASE, dest)
    git(dest, "init", "-q")
    git(dest, "add", "-A")
    git(dest, "commit", "-q", "-m", "Standard as sent for comment")
    return dest


def commit_all(root: Path, message: str, date: str = "2026-12-01T12:00:00+00:00") -> str:
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", message, date=date)
    return git(root, "rev-parse", "HEAD")
