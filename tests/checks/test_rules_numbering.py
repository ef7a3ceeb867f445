"""NUM: paragraph numbering and requirement IDs, and `stkit check --fix`."""

from __future__ import annotations

from conftest import line_of, problems, replace_in, run_cli
from rulehelp import ANNEX, GENERAL, REGISTRY, REQUIREMENTS, append, one, where


def test_gap_is_one_finding_with_the_expected_number(mini):
    path = mini / REQUIREMENTS
    replace_in(path, "4. Formats", "5. Formats")
    replace_in(path, "5. Delivery", "6. Delivery")
    # The paragraphs after the gap carry on from it: one mistake, one finding.
    assert problems(mini) == [("NUM001", REQUIREMENTS, line_of(path, "5. Formats"), 1)]
    d = one(mini, "NUM001")
    assert d.message == "paragraph numbered 5 in the main body, expected 4"
    assert "stkit check --fix" in d.fix


def test_numbering_runs_across_files(mini):
    # 02-requirements restarting at 1 is a repeat of 01-general's paragraph 1.
    path = mini / REQUIREMENTS
    replace_in(path, "4. Formats", "1. Formats")
    replace_in(path, "5. Delivery", "2. Delivery")
    d = one(mini, "NUM002")
    assert where(d) == ("NUM002", REQUIREMENTS, line_of(path, "1. Formats"), 1)


def test_repeat_names_the_first_occurrence(mini):
    path = mini / REQUIREMENTS
    replace_in(path, "4. Formats", "3. Formats")
    first = line_of(mini / GENERAL, "3. Paragraph")
    assert problems(mini) == [("NUM002", REQUIREMENTS, line_of(path, "3. Formats"), 1)]
    d = one(mini, "NUM002")
    assert d.message == (f"paragraph 3 in the main body is numbered again "
                         f"(first at {GENERAL}:{first}); expected 4")


def test_annex_restarts_at_1(mini):
    # The mini annex numbers 1, 2 after a body ending at 5: clean (the fixture test says so).
    path = mini / ANNEX
    replace_in(path, "1. The tables", "6. The tables")
    replace_in(path, "2. The IP5", "7. The IP5")
    assert problems(mini) == [("NUM001", ANNEX, line_of(path, "6. The tables"), 1)]
    assert one(mini, "NUM001").message == "paragraph numbered 6 in Annex I, expected 1"


def test_annex_gap(mini):
    path = mini / ANNEX
    replace_in(path, "2. The IP5", "3. The IP5")
    assert problems(mini) == [("NUM001", ANNEX, line_of(path, "3. The IP5"), 1)]
    assert "in Annex I, expected 2" in one(mini, "NUM001").message


def test_numbers_in_code_and_lists_are_not_paragraphs(mini):
    append(mini / REQUIREMENTS, "\n```text\n9. not a paragraph\n```\n\n6. A paragraph.\n"
                                "    7. an indented line of it\n")
    assert problems(mini) == []


def test_duplicate_id_suggests_the_next_free_id(mini):
    reg = mini / REGISTRY
    replace_in(reg, "id: IPDX-DLV-002", "id: IPDX-DLV-001")
    second = line_of(reg, "id: IPDX-DLV-001", 2)
    d = one(mini, "NUM003")
    assert where(d) == ("NUM003", REGISTRY, second, 9)
    assert d.message == (f"requirement ID IPDX-DLV-001 is already used (line {line_of(reg, 'id: IPDX-DLV-001')}); "
                         "IDs are never reused")
    # DLV-003 is withdrawn, and a withdrawn ID is never given again: the next free one is 004.
    assert d.fix == "give this requirement the next free ID, IPDX-DLV-004"


def test_unknown_group(mini):
    reg = mini / REGISTRY
    replace_in(reg, "id: IPDX-DLV-002", "id: IPDX-XYZ-002")
    replace_in(mini / REQUIREMENTS, "IPDX-DLV-002", "IPDX-XYZ-002")
    assert problems(mini) == [("NUM004", REGISTRY, line_of(reg, "IPDX-XYZ-002"), 9)]
    d = one(mini, "NUM004")
    assert "unknown group 'XYZ'" in d.message and "DAT, FMT, QUA, DLV" in d.message


# --- stkit check --fix ----------------------------------------------------------------------

def test_fix_renumbers_across_files_and_rewrites_numeric_references(mini, capsys):
    general, reqs, annex = mini / GENERAL, mini / REQUIREMENTS, mini / ANNEX
    # Paragraph 1 is deleted; numeric references to 4 and 5 must follow their paragraphs.
    replace_in(general, "1. This small standard exists for the tests. It uses each convention once.\n\n", "")
    replace_in(general, "see also {req}`IPDX-FMT-001`.", "see also {req}`IPDX-FMT-001` and {para}`4`.")
    replace_in(reqs, "5. Delivery follows, as {para}`para-terms` explains.",
               "5. Delivery follows, as {para}`para-terms` explains, after {para}`4`.")
    replace_in(annex, "2. The IP5", "5. The IP5")
    replace_in(annex, "1. The tables below", "1. The tables below (see {para}`5`)")
    before = {p: p.stat().st_mode for p in (general, reqs, annex)}
    assert [c for c, *_ in problems(mini)] == ["NUM001", "NUM001"]

    code, out, err = run_cli(["check", "--root", str(mini), "--fix"], capsys)
    assert code == 0, out
    assert out.strip().splitlines()[-1].startswith("stkit check: clean")
    assert err.splitlines() == [f"fixed: {GENERAL}", f"fixed: {REQUIREMENTS}", f"fixed: {ANNEX}"]

    assert "(para-terms)=\n1. A data provider" in general.read_text()
    assert "2. Paragraph {para}`para-terms` defines the parties; see also {req}`IPDX-FMT-001` and {para}`3`." \
        in general.read_text()
    text = reqs.read_text()
    assert "3. Formats come first." in text
    assert "4. Delivery follows, as {para}`para-terms` explains, after {para}`3`." in text
    assert "2. The IP5" in annex.read_text()
    assert "(see {para}`4`)" in annex.read_text()  # numeric references are to the main body
    assert {p: p.stat().st_mode for p in before} == before
    assert sorted(p.name for p in (mini / "standard").iterdir()) == [
        "01-general.md", "02-requirements.md", "annex-i-tables.md", "index.md"]  # no temp file left

    code, out, _ = run_cli(["check", "--root", str(mini)], capsys)
    assert code == 0 and problems(mini) == []


def test_fix_on_a_clean_standard_changes_nothing(mini, capsys):
    before = {p: p.read_bytes() for p in (mini / "standard").iterdir()}
    code, _, err = run_cli(["check", "--root", str(mini), "--fix"], capsys)
    assert code == 0 and err == ""
    assert {p: p.read_bytes() for p in (mini / "standard").iterdir()} == before


def test_fix_leaves_the_file_whole_when_it_cannot_write(mini, capsys, monkeypatch):
    import stkit.fix

    reqs = mini / REQUIREMENTS
    replace_in(reqs, "4. Formats", "7. Formats")
    original = reqs.read_bytes()

    def refuse(src, dst):
        raise PermissionError(13, "Permission denied", str(src), None, str(dst))

    monkeypatch.setattr(stkit.fix.os, "replace", refuse)
    code, out, err = run_cli(["check", "--root", str(mini), "--fix"], capsys)
    assert code == 1
    assert "Traceback" not in out + err
    assert err.strip() == ("stkit: error: --fix cannot write standard/02-requirements.md: "
                           "Permission denied; no file was changed")
    assert reqs.read_bytes() == original
    assert not [p for p in (mini / "standard").iterdir() if p.name.endswith(".tmp")]


def test_fix_with_a_bad_selection_writes_nothing(mini, capsys):
    reqs = mini / REQUIREMENTS
    replace_in(reqs, "4. Formats", "7. Formats")
    original = reqs.read_bytes()
    code, _, err = run_cli(["check", "--root", str(mini), "--fix", "--select", "NOPE"], capsys)
    assert code == 2 and "NOPE" in err
    assert reqs.read_bytes() == original


def test_annex_numerals_run_in_toctree_order(mini):
    replace_in(mini / ANNEX, "annex: I\n", "annex: II\n")
    d = one(mini, "NUM005")
    assert where(d) == ("NUM005", ANNEX, line_of(mini / ANNEX, "annex: II"), 1)
    assert d.message == "annex II is the first annex in the toctree; expected Annex I"


def test_two_annexes_with_one_numeral(mini):
    second = mini / "standard/annex-ii-more.md"
    second.write_text("---\nannex: I\n---\n# Annex II: More\n\n1. More text.\n", encoding="utf-8")
    replace_in(mini / "standard/index.md", "annex-i-tables\n", "annex-i-tables\nannex-ii-more\n")
    d = one(mini, "NUM005")
    assert where(d) == ("NUM005", "standard/annex-ii-more.md", 2, 1)
    assert "expected Annex II" in d.message
