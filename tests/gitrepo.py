"""A scratch git repository holding a copy of the mini standard, for the tests that compare
revisions (stkit diff, statements against older versions). One helper for all of them."""

from __future__ import annotations

import subprocess
from pathlib import Path

from conftest import replace_in

GIT_ID = ["-c", "user.name=Test Editor", "-c", "user.email=editor@example.org",
          "-c", "commit.gpgsign=false", "-c", "init.defaultBranch=main"]


def git(root: Path, *args: str) -> str:
    out = subprocess.run(["git", *GIT_ID, *args], cwd=root, capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    return out.stdout


def commit(root: Path, message: str) -> None:
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", message)


def add_requirement(root: Path, block: str, rid: str) -> None:
    """Append a requirement (its YAML `block`) to the registry and place it in
    02-requirements.md, before the editor's note."""
    replace_in(root / "requirements_registry.yaml", "ip5_deviations:", block + "ip5_deviations:")
    replace_in(root / "standard" / "02-requirements.md", "```{editor-note}",
               f"```{{requirement}} {rid}\n```\n\n```{{editor-note}}")


def init_repository(root: Path, extra: str | None = None, rid: str | None = None) -> Path:
    """`root` as a git repository with one commit "base" (and the requirement `extra` first)."""
    if extra:
        add_requirement(root, extra, rid)
    git(root, "init", "-q")
    commit(root, "base")
    return root
