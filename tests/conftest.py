"""Shared fixtures: a small valid standard (tests/fixtures/mini) copied for each test, and
helpers to run stkit on it in-process and to break it in precise ways."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from stkit.checks import run_checks
from stkit.cli import main
from stkit.diagnostics import Diagnostic
from stkit.project import FsTree, load_project

FIXTURES = Path(__file__).parent / "fixtures"
REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True, scope="session")
def _stkit_cache(tmp_path_factory):
    """stkit check's cache of parsed catalogues and judged sources (stkit/usercache.py) goes to
    a folder of this session, not the user's: every test starts without it, and the tests
    (in-process and their subprocesses) run with it on, as a user's checks do."""
    patch = pytest.MonkeyPatch()
    patch.setenv("STKIT_CACHE_DIR", str(tmp_path_factory.mktemp("stkit-cache")))
    yield
    patch.undo()


@pytest.fixture
def mini(tmp_path: Path) -> Path:
    """A fresh copy of the small valid standard; tests edit it freely."""
    root = tmp_path / "mini"
    shutil.copytree(FIXTURES / "mini", root)
    return root


def findings(root: Path) -> list[Diagnostic]:
    """Every finding of `stkit check` on `root`, notes included."""
    return run_checks(load_project(FsTree(root)))


def problems(root: Path) -> list[tuple[str, str, int, int]]:
    """(code, path, line, col) of the errors and warnings, the form most tests assert."""
    return [(d.code, d.path, d.line, d.col) for d in findings(root) if d.severity != "note"]


def replace_in(path: Path, old: str, new: str, count: int = 1) -> None:
    """Edit a fixture file, failing loudly when `old` is not there (a test that edits nothing
    would pass for the wrong reason)."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not found in {path}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def line_of(path: Path, needle: str, occurrence: int = 1) -> int:
    """1-based line number of the n-th line containing `needle`."""
    seen = 0
    for number, line in enumerate(path.read_text(encoding="utf-8").split("\n"), start=1):
        if needle in line:
            seen += 1
            if seen == occurrence:
                return number
    raise AssertionError(f"{needle!r} not in {path}")


def run_cli(args: list[str], capsys) -> tuple[int, str, str]:
    code = main(args)
    out, err = capsys.readouterr()
    return code, out, err


def run_json(root: Path, capsys, *extra: str) -> tuple[int, list[dict]]:
    code, out, _ = run_cli(["check", "--root", str(root), "--format", "json", *extra], capsys)
    return code, json.loads(out)
