"""The `stkit check` and `stkit explain` command lines: formats, selection, exit codes."""

from __future__ import annotations

import json

import pytest
from conftest import line_of, replace_in, run_cli, run_json

from stkit.rules import RULES

REQS = "standard/02-requirements.md"
GENERAL = "standard/01-general.md"


def with_warning(root):
    """A REQ006 warning (and nothing else) in the mini standard; returns its line."""
    path = root / REQS
    path.write_text(path.read_text(encoding="utf-8") + "\n6. The provider should check the data.\n",
                    encoding="utf-8")
    return line_of(path, "should check")


def with_error(root):
    """An XRF007 error (and nothing else); returns its line."""
    path = root / GENERAL
    replace_in(path, "{req}`IPDX-FMT-001`", "{req}`IPDX-FMT-999`")
    return line_of(path, "IPDX-FMT-999")


def test_text_format(mini, capsys):
    line = with_error(mini)
    code, out, err = run_cli(["check", "--root", str(mini)], capsys)
    assert code == 1 and err == ""
    lines = out.strip().splitlines()
    assert lines[0] == (f"{GENERAL}:{line}:63: XRF007 [error] {{req}} names IPDX-FMT-999, "
                        "which is not in the registry")
    assert lines[-1] == "stkit check: 1 error, 3 notes"


def test_json_format(mini, capsys):
    line = with_error(mini)
    code, found = run_json(mini, capsys)
    assert code == 1
    assert isinstance(found, list)
    assert all(set(d) == {"code", "severity", "path", "line", "col", "message", "fix"} for d in found)
    errors = [d for d in found if d["severity"] == "error"]
    assert errors == [{"code": "XRF007", "severity": "error", "path": GENERAL, "line": line, "col": 63,
                       "message": "{req} names IPDX-FMT-999, which is not in the registry", "fix": None}]
    assert {d["code"] for d in found if d["severity"] == "note"} == {"XRF009", "IP5004"}


def test_json_of_a_clean_standard_is_a_list_of_notes(mini, capsys):
    code, found = run_json(mini, capsys)
    assert code == 0
    assert {d["severity"] for d in found} == {"note"}


def test_github_format(mini, capsys):
    line = with_error(mini)
    wline = with_warning(mini)
    code, out, _ = run_cli(["check", "--root", str(mini), "--format", "github"], capsys)
    assert code == 1
    lines = out.strip().splitlines()
    assert (f"::error file={GENERAL},line={line},col=63,title=XRF007::{{req}} names IPDX-FMT-999, "
            "which is not in the registry") in lines
    assert any(ln.startswith(f"::warning file={REQS},line={wline},col=17,title=REQ006::") for ln in lines)
    assert any(ln.startswith("::notice file=requirements_registry.yaml,") for ln in lines)


def test_select_a_family(mini, capsys):
    with_error(mini)
    with_warning(mini)
    code, found = run_json(mini, capsys, "--select", "REQ")
    assert code == 0  # the XRF007 error is not selected
    assert [d["code"] for d in found] == ["REQ006"]


def test_ignore_a_code_and_a_prefix(mini, capsys):
    with_error(mini)
    with_warning(mini)
    code, found = run_json(mini, capsys, "--ignore", "REQ006")
    assert code == 1 and "REQ006" not in {d["code"] for d in found}
    code, found = run_json(mini, capsys, "--ignore", "XRF00,IP5")
    assert code == 0
    assert [d["code"] for d in found] == ["REQ006"]


@pytest.mark.parametrize("args", [["--select", "NOPE"], ["--ignore", "REQ9"], ["--format", "xml"],
                                  ["--no-such-option"]])
def test_usage_errors_exit_2_with_one_line(mini, capsys, args):
    code, out, err = run_cli(["check", "--root", str(mini), *args], capsys)
    assert code == 2
    assert out == ""
    assert len(err.strip().splitlines()) == 1 and err.startswith("stkit: error: ")


def test_root_that_does_not_exist_is_a_usage_error(tmp_path, capsys):
    code, _, err = run_cli(["check", "--root", str(tmp_path / "nowhere")], capsys)
    assert code == 2 and "no such folder" in err


def test_exit_codes_and_warnings_as_errors(mini, capsys):
    assert run_cli(["check", "--root", str(mini)], capsys)[0] == 0
    with_warning(mini)
    code, out, _ = run_cli(["check", "--root", str(mini)], capsys)
    assert code == 0 and out.strip().splitlines()[-1] == "stkit check: 1 warning, 3 notes"
    assert run_cli(["check", "--root", str(mini), "-W"], capsys)[0] == 1
    assert run_cli(["check", "--root", str(mini), "--warnings-as-errors", "--ignore", "REQ006"], capsys)[0] == 0
    with_error(mini)
    assert run_cli(["check", "--root", str(mini)], capsys)[0] == 1


def test_notes_are_summed_up_and_listed_on_request(mini, capsys):
    code, out, _ = run_cli(["check", "--root", str(mini)], capsys)
    lines = out.strip().splitlines()
    assert lines == [
        f"note: IP5004 {RULES['IP5004'].summary} (1 place; `stkit check --notes` lists them)",
        f"note: XRF009 {RULES['XRF009'].summary} (2 places; `stkit check --notes` lists them)",
        "stkit check: clean (3 notes)",
    ]
    code, out, _ = run_cli(["check", "--root", str(mini), "--notes"], capsys)
    lines = out.strip().splitlines()
    assert code == 0
    assert [ln.split(" ")[1] for ln in lines[:-1]] == ["XRF009", "IP5004", "XRF009"]
    assert lines[0].startswith("requirements_registry.yaml:22:9: XRF009 [note] ST.96: catalogue facts not yet verified")
    assert lines[-1] == "stkit check: clean (3 notes)"


def test_check_finds_the_root_from_a_subfolder(mini, capsys, monkeypatch):
    monkeypatch.chdir(mini / "standard")
    code, out, _ = run_cli(["check"], capsys)
    assert code == 0 and "clean" in out


def test_explain_a_rule(capsys):
    code, out, _ = run_cli(["explain", "REQ006"], capsys)
    assert code == 0
    assert out.startswith("REQ006 (accidental-keyword) [warning], family REQ: the registry and the text agree")
    assert "How to fix:" in out and "{kw}`shall`" in out


def test_explain_is_case_insensitive(capsys):
    assert run_cli(["explain", "req006"], capsys)[1] == run_cli(["explain", "REQ006"], capsys)[1]


def test_explain_a_family_lists_its_rules(capsys):
    code, out, _ = run_cli(["explain", "REQ"], capsys)
    assert code == 0
    lines = out.strip().splitlines()
    assert lines[0] == "REQ: the registry and the text agree"
    assert [ln.split()[0] for ln in lines[2:]] == [f"REQ00{i}" for i in range(1, 8)]


def test_explain_unknown_code(capsys):
    code, out, err = run_cli(["explain", "NOPE"], capsys)
    assert (code, out) == (2, "")
    assert err.strip().splitlines() == [
        "stkit: error: unknown rule code 'NOPE'; codes are listed by `stkit explain --list`"]


def test_explain_list_names_every_rule(capsys):
    code, out, _ = run_cli(["explain", "--list"], capsys)
    assert code == 0
    listed = {ln.split()[0] for ln in out.splitlines() if ln.startswith("  ")}
    assert listed == set(RULES)


def test_every_rule_has_what_explain_prints():
    for rule in RULES.values():
        assert rule.severity in ("error", "warning", "note"), rule.code
        assert rule.summary and rule.fix, rule.code
        assert rule.name == rule.name.lower() and " " not in rule.name, rule.code


def test_json_output_is_valid_even_with_unusual_text(mini, capsys):
    path = mini / REQS
    path.write_text(path.read_text(encoding="utf-8") + '\n6. «Unicode» "quotes" \\ and a tab\tshould do.\n',
                    encoding="utf-8")
    code, out, _ = run_cli(["check", "--root", str(mini), "--format", "json"], capsys)
    assert [d["code"] for d in json.loads(out) if d["severity"] == "warning"] == ["REQ006"]


@pytest.mark.parametrize("code", sorted(RULES))
def test_explain_every_rule(capsys, code):
    status, out, err = run_cli(["explain", code], capsys)
    assert (status, err) == (0, "")
    assert out.startswith(f"{code} ({RULES[code].name}) [{RULES[code].severity}], family {code[:-3]}: ")


def test_explain_every_family(capsys):
    for family in {code[:-3] for code in RULES}:
        status, out, _ = run_cli(["explain", family], capsys)
        assert status == 0 and len(out.strip().splitlines()) >= 3, family
