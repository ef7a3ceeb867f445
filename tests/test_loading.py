"""REG: loading the registry. Each test breaks the mini standard's registry one way and
expects one located finding, and `stkit check` exits 1 with no traceback."""

from __future__ import annotations

import subprocess
import sys

import pytest
import yaml
from conftest import findings, line_of, problems, replace_in, run_cli

from stkit import yamlsrc
from stkit.registry import load_registry

REG = "requirements_registry.yaml"


def reg_findings(root):
    return [d for d in findings(root) if d.code.startswith("REG")]


def only(root):
    """The single finding on a registry that cannot be loaded."""
    found = reg_findings(root)
    assert len(found) == 1, found
    return found[0]


def assert_check_fails_cleanly(root, capsys, code):
    status, out, err = run_cli(["check", "--root", str(root)], capsys)
    assert status == 1
    assert "Traceback" not in out + err
    assert f" {code} [error] " in out


# --- REG001: not YAML -----------------------------------------------------------------------

def test_tab_indentation_is_reported_at_the_tab(mini, capsys):
    reg = mini / REG
    replace_in(reg, "  title: Recommendation", "\ttitle: Recommendation")
    d = only(mini)
    assert (d.code, d.path, d.line, d.col) == ("REG001", REG, line_of(reg, "\ttitle:"), 1)
    assert "tab" in d.message
    assert_check_fails_cleanly(mini, capsys, "REG001")


def test_unclosed_quote_is_reported_where_the_quote_opens(mini, capsys):
    reg = mini / REG
    replace_in(reg, "title: XML data in ST.96", 'title: "XML data in ST.96')
    line = line_of(reg, 'title: "XML data')
    d = only(mini)
    # The parser only gives up 13 lines further on, where the next quote closes the value.
    assert (d.code, d.path, d.line, d.col) == ("REG001", REG, line, len('    title: "'))
    assert "closing quote missing" in d.message
    assert_check_fails_cleanly(mini, capsys, "REG001")


def test_quote_never_closed_before_the_end_of_the_file(mini):
    reg = mini / REG
    text = reg.read_text(encoding="utf-8").replace('"', "")  # no quote left to close it
    reg.write_text(text.replace("title: XML data in ST.96", 'title: "XML data in ST.96'), encoding="utf-8")
    d = only(mini)
    assert (d.code, d.line, d.col) == ("REG001", line_of(reg, 'title: "XML'), len('    title: "'))
    assert "never closed" in d.message


def test_python_object_tag_is_refused(mini, capsys):
    reg = mini / REG
    replace_in(reg, "title: XML data in ST.96", "title: !!python/object:os.system {}")
    d = only(mini)
    assert (d.code, d.line, d.col) == ("REG001", line_of(reg, "!!python"), len("    title: ") + 1)
    assert "'!!python/object:os.system' is not accepted" in d.message
    assert_check_fails_cleanly(mini, capsys, "REG001")


def test_values_nested_absurdly_deep_are_refused_without_crashing(mini):
    # 100 000 brackets crash libyaml's recursive composer (a segfault), so this runs the
    # real command in a child process.
    reg = mini / REG
    replace_in(reg, "languages: [en]", "languages: " + "[" * 100_000 + "]" * 100_000)
    run = subprocess.run([sys.executable, "-m", "stkit", "check", "--root", str(mini)],
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 1, run.stderr
    assert "Traceback" not in run.stdout + run.stderr
    line = line_of(reg, "languages: [[[")
    assert f"{REG}:{line}:" in run.stdout and "REG001" in run.stdout
    assert "nested more than 64 levels" in run.stdout


# --- REG002: duplicate key ------------------------------------------------------------------

def test_duplicate_key_is_refused_where_plain_yaml_keeps_the_last(mini, capsys):
    reg = mini / REG
    replace_in(reg, "    obligation: may\n", "    obligation: may\n    obligation: shall\n")
    yaml.safe_load(reg.read_text(encoding="utf-8"))  # PyYAML alone accepts the file
    d = only(mini)
    first = line_of(reg, "obligation: may")
    assert (d.code, d.path, d.line, d.col) == ("REG002", REG, first + 1, 5)
    assert f"duplicate key 'obligation' (first given on line {first})" in d.message
    assert_check_fails_cleanly(mini, capsys, "REG002")


# --- REG003: schema -------------------------------------------------------------------------

def test_wrong_type_names_the_field_the_value_and_the_type(mini, capsys):
    reg = mini / REG
    replace_in(reg, "level: 1", 'level: "two"')
    d = only(mini)
    assert (d.code, d.line, d.col) == ("REG003", line_of(reg, 'level: "two"'), len("    level: ") + 1)
    assert d.message == "requirements[0].level: expected a whole number, got text 'two'"
    assert_check_fails_cleanly(mini, capsys, "REG003")


def test_bad_enum_lists_the_allowed_values(mini):
    reg = mini / REG
    replace_in(reg, "obligation: may", "obligation: must")
    d = only(mini)
    assert (d.code, d.line, d.col) == ("REG003", line_of(reg, "obligation: must"), len("    obligation: ") + 1)
    assert "'must' is not allowed; expected one of: shall, should, may" in d.message


def test_missing_required_field_is_reported_at_the_object(mini):
    reg = mini / REG
    replace_in(reg, "    rationale: A Web API lets a data recipient take incremental updates as they come.\n", "")
    d = only(mini)
    assert (d.code, d.line, d.col) == ("REG003", line_of(reg, "- id: IPDX-DLV-002"), 5)
    assert d.message == "requirements[2]: missing required field 'rationale'"


def test_bad_id_pattern_explains_the_form(mini):
    reg = mini / REG
    replace_in(reg, "id: IPDX-DLV-002", "id: IPDX-DL-002")
    d = only(mini)
    assert (d.code, d.line, d.col) == ("REG003", line_of(reg, "IPDX-DL-002"), 9)
    assert "requirements[2].id: 'IPDX-DL-002' is not of the expected form" in d.message
    assert "IPDX-<GROUP>-<NNN>" in d.message


@pytest.mark.parametrize("date", ['"2026-13-45"', "2026-02-30", '"25 November 2026"'])
def test_bad_date(mini, date):
    reg = mini / REG
    replace_in(reg, 'date: "2026-11-25"', f"date: {date}")
    d = only(mini)
    assert (d.code, d.line, d.col) == ("REG003", line_of(reg, "  date:"), len("  date: ") + 1)
    assert d.message.startswith("metadata.date: ")
    assert "YYYY-MM-DD" in d.message


# --- REG004: unknown field ------------------------------------------------------------------

def test_misspelt_field_suggests_the_closest_name_at_the_key(mini, capsys):
    reg = mini / REG
    replace_in(reg, "obligation: may", "obligaton: may")
    line = line_of(reg, "obligaton:")
    assert (("REG004", REG, line, 5) in problems(mini))
    d = next(d for d in findings(mini) if d.code == "REG004")
    assert d.message == "requirements[2].obligaton: unknown field 'obligaton'; did you mean 'obligation'?"
    # One mistake, one finding: the field it was meant to be is missing too, but saying so
    # again would only repeat the suggestion.
    assert problems(mini) == [("REG004", REG, line, 5)]
    assert_check_fails_cleanly(mini, capsys, "REG004")


def test_unknown_field_without_a_close_name_lists_the_known_ones(mini):
    reg = mini / REG
    replace_in(reg, "  task: 67\n", "  task: 67\n  colour: blue\n")
    d = only(mini)
    assert (d.code, d.line, d.col) == ("REG004", line_of(reg, "colour:"), 3)
    assert "unknown field 'colour'; known fields: adoption_date, cws_session, date" in d.message


# --- REG005: unreadable -------------------------------------------------------------------

def test_missing_registry(mini, capsys):
    (mini / REG).unlink()
    d = only(mini)
    assert (d.code, d.path, d.line, d.col) == ("REG005", REG, 1, 1)
    assert "file not found" in d.message
    assert_check_fails_cleanly(mini, capsys, "REG005")


def test_registry_not_utf8_names_the_line_and_column_of_the_byte(mini, capsys):
    reg = mini / REG
    reg.write_bytes(reg.read_bytes().replace(b"Web API delivery", b"Web API d\xe9livery"))
    d = only(mini)
    line = reg.read_bytes().split(b"\n").index(b"    title: Web API d\xe9livery") + 1
    assert (d.code, d.path, d.line, d.col) == ("REG005", REG, line, len("    title: Web API d") + 1)
    assert "not UTF-8: byte 0xe9" in d.message
    assert_check_fails_cleanly(mini, capsys, "REG005")


def test_source_not_utf8(mini, capsys):
    path = mini / "standard/02-requirements.md"
    path.write_bytes(path.read_bytes().replace(b"Formats come", b"Formats \xe9come"))
    # Only the real problem: not one REQ001 for each requirement the unread file places.
    assert problems(mini) == [("REG005", "standard/02-requirements.md", 3, 1)]
    assert_check_fails_cleanly(mini, capsys, "REG005")


def test_missing_source_listed_in_the_toctree(mini, capsys):
    (mini / "standard/02-requirements.md").unlink()
    index = mini / "standard/index.md"
    assert ("SRC001", "standard/index.md", line_of(index, "02-requirements"), 1) in problems(mini)
    assert_check_fails_cleanly(mini, capsys, "SRC001")


def test_missing_root_document_is_a_missing_file(mini):
    (mini / "standard/index.md").unlink()
    assert ("REG005", "standard/index.md", 1, 1) in problems(mini)
    assert not [p for p in problems(mini) if p[0] == "SRC001"]


# --- REG006: alias bombs ----------------------------------------------------------------------

def billion_laughs(levels: int = 9) -> str:
    names = "abcdefghijklmnopqrstuvwxyz"[:levels]
    lines = [f"{names[0]}: &{names[0]} [" + ", ".join(['"lol"'] * 9) + "]"]
    for prev, cur in zip(names, names[1:]):
        lines.append(f"{cur}: &{cur} [" + ", ".join([f"*{prev}"] * 9) + "]")
    return "\n".join(lines) + "\n"


def test_billion_laughs_stops_early_with_reg006(mini, capsys, monkeypatch):
    reg = mini / REG
    reg.write_text(billion_laughs() + reg.read_text(encoding="utf-8"), encoding="utf-8")
    built = 0
    real_build = yamlsrc._Builder.build

    def counting_build(self, node):
        nonlocal built
        built += 1
        return real_build(self, node)

    monkeypatch.setattr(yamlsrc._Builder, "build", counting_build)
    d = only(mini)
    assert (d.code, d.path) == ("REG006", REG)
    assert d.line <= 9  # at an anchor of the bomb
    assert "alias" in d.message
    # 9**9 (387 million) values if expanded; the loader gives up after a bounded amount of work.
    assert built < 200_000
    assert_check_fails_cleanly(mini, capsys, "REG006")


def test_recursive_alias(mini, capsys):
    reg = mini / REG
    reg.write_text("loop: &loop [*loop]\n" + reg.read_text(encoding="utf-8"), encoding="utf-8")
    d = only(mini)
    assert (d.code, d.line, d.col) == ("REG006", 1, 7)
    assert "recursive alias" in d.message
    assert_check_fails_cleanly(mini, capsys, "REG006")


def test_a_few_aliases_are_fine():
    text = 'x: &x [1, 2]\ny: *x\n'
    doc = yamlsrc.load_yaml_text(text, "t.yaml")
    assert doc.data == {"x": [1, 2], "y": [1, 2]}


def test_load_registry_never_raises_for_bad_bytes():
    for raw in (b"\x00\x01", b"- [", b"a: b: c", b"\xff\xfe", b"", b"[]", b"a: !!binary AAAA"):
        loaded = load_registry(raw)
        assert loaded.registry is None
        assert all(d.code.startswith("REG") and d.severity == "error" for d in loaded.diagnostics)
        assert loaded.diagnostics
