"""The fixture every other test breaks must itself be clean, or those tests prove nothing."""

from conftest import findings, run_cli


def test_mini_standard_has_no_errors_or_warnings(mini):
    assert [d for d in findings(mini) if d.severity != "note"] == []


def test_mini_standard_check_exits_0_and_says_clean(mini, capsys):
    code, out, _ = run_cli(["check", "--root", str(mini)], capsys)
    assert code == 0
    assert out.strip().splitlines()[-1].startswith("stkit check: clean")
