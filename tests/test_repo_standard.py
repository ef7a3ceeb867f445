"""The contract of `make check`: the repository's own standard has no errors."""

from __future__ import annotations

from conftest import REPO, findings, run_cli


def test_the_standard_in_this_repository_has_no_errors():
    errors = [f"{d.path}:{d.line}:{d.col}: {d.code} {d.message}"
              for d in findings(REPO) if d.severity == "error"]
    assert errors == []


def test_stkit_check_on_the_repository_exits_0(capsys):
    code, out, err = run_cli(["check", "--root", str(REPO)], capsys)
    assert code == 0, out
    assert "Traceback" not in out + err
