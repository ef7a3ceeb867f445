"""`stkit conformance` as a user meets it: one located line and exit 1 for bad input (never a
traceback), the three output formats, the rules documented by `stkit explain`."""

from __future__ import annotations

import json

from cnf import TODAY, statement

from conftest import replace_in, run_cli


def _run(mini, capsys, *args):
    code, out, err = run_cli(["conformance", "check", "--root", str(mini), "--today", TODAY, *map(str, args)], capsys)
    assert "Traceback" not in out + err
    return code, out, err


def test_bad_yaml_is_one_located_line(mini, capsys):
    path = statement(mini)
    replace_in(path, "  name: Industrial", "  name: Industrial: Office\n name")
    code, out, _ = _run(mini, capsys, path)
    assert code == 1
    lines = out.splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"{path}:5:")
    assert " REG001 [error] YAML syntax error" in lines[0]


def test_json_syntax_error_is_located(mini, capsys):
    path = mini / "x.json"
    path.write_text('{\n  "statement_format": 1,\n  "office": {"code": "XA",}\n}\n')
    code, out, _ = _run(mini, capsys, path)
    assert code == 1
    assert out.splitlines() == [f"{path}:3:27: REG001 [error] JSON syntax error: Expecting property name "
                                "enclosed in double quotes"]


def test_missing_file_is_one_located_line(mini, capsys):
    code, out, _ = _run(mini, capsys, mini / "nowhere.yaml")
    assert code == 1
    assert out.splitlines() == [f"{mini / 'nowhere.yaml'}:1:1: REG005 [error] file not found (fix: give the "
                                "path of a conformance statement (.yaml or .json))"]


def test_unknown_version_is_one_located_line(mini, capsys):
    path = statement(mini)
    replace_in(path, 'version: "0.1"', 'version: "9.9"')
    code, out, err = _run(mini, capsys, path)
    assert code == 1
    assert len(out.splitlines()) == 1 and out.startswith(f"{path}:9:12: CNF003 [error] no version 9.9")
    assert err == "stkit conformance check: 0 of 1 statement valid (1 error)\n"


def test_valid_statement_says_what_it_claims(mini, capsys):
    path = statement(mini)
    code, out, _ = _run(mini, capsys, path)
    assert code == 0
    assert out == (f"{path}: valid: XA Industrial Property Office of Examplia (fictitious), ST.XX 0.1 "
                   "(provider): XA-PAT-BIB: level 1 (1 mandatory requirements met; 0 of 1 recommendations "
                   "followed)\n")


def test_github_and_json_formats(mini, capsys):
    path = statement(mini)
    replace_in(path, "requirement: IPDX-DLV-001", "requirement: IPDX-FMT-001")
    code, out, _ = _run(mini, capsys, "--format", "github", path)
    assert code == 1
    assert out.startswith(f"::error file={path},line=19,col=22,title=CNF006::IPDX-FMT-001")
    code, out, _ = _run(mini, capsys, "--format", "json", path)
    assert [d["code"] for d in json.loads(out)] == ["CNF006"]


def test_warnings_fail_with_W(mini, capsys):
    path = statement(mini)
    code, _, _ = run_cli(["conformance", "check", "--root", str(mini), "--today", "2028-01-01", str(path)], capsys)
    assert code == 0
    code, _, _ = run_cli(["conformance", "check", "--root", str(mini), "--today", "2028-01-01", "-W", str(path)],
                         capsys)
    assert code == 1


def test_explain_documents_every_conformance_rule(capsys):
    code, out, _ = run_cli(["explain", "CNF"], capsys)
    assert code == 0
    assert [line.split()[0] for line in out.splitlines()[2:]] == [f"CNF{n:03d}" for n in range(1, 20)]
    code, out, _ = run_cli(["explain", "CNF006"], capsys)
    assert "there is no partial claim within a level" in out


def test_usage_errors_exit_2(mini, capsys):
    code, _, err = run_cli(["conformance", "--root", str(mini)], capsys)
    assert code == 2 and err.startswith("stkit: error:")
    code, _, err = run_cli(["conformance", "template", "--root", str(mini), "--role", "provider",
                            "--level", "x"], capsys)
    assert code == 2 and "'x' is not a level" in err
    code, _, err = run_cli(["conformance", "template", "--root", str(mini), "--role", "provider",
                            "--level", "1", "--version", "0.9"], capsys)
    assert code == 1 and err.startswith("--version:1:1: CNF003 no version 0.9")


def test_check_against_a_release_bundles_registry_outside_any_repository(mini, tmp_path, capsys, monkeypatch):
    """An office with only the bundle's registry file checks its claim, no clone, no git."""
    elsewhere = tmp_path / "office"
    elsewhere.mkdir()
    registry = elsewhere / "ST.XX-0.1-registry.yaml"
    registry.write_bytes((mini / "requirements_registry.yaml").read_bytes())
    path = statement(mini)
    monkeypatch.chdir(elsewhere)
    code, out, err = run_cli(["conformance", "check", "--registry", str(registry), "--today", TODAY, str(path)],
                             capsys)
    assert code == 0 and out.startswith(f"{path}: valid: XA"), err
    replace_in(path, 'version: "0.1"', 'version: "0.2"')
    code, out, _ = run_cli(["conformance", "check", "--registry", str(registry), "--today", TODAY, str(path)],
                           capsys)
    assert code == 1 and out.startswith(f"{path}:9:12: CNF003 [error] no version 0.2")
    code, _, err = run_cli(["conformance", "check", "--registry", str(elsewhere / "none.yaml"), str(path)], capsys)
    assert code == 2 and "--registry" in err and "no such file" in err
