"""Each rule of `stkit conformance check` (CNF001-CNF019): a valid statement against the
mini standard, broken one way, gives exactly that code at the statement's line and column."""

from __future__ import annotations

import pytest
from cnf import check, statement, where

from conftest import replace_in


def test_the_fixture_statement_is_valid(mini, capsys):
    path = statement(mini)
    assert check(mini, capsys, path) == (0, [])


def test_cnf001_schema(mini, capsys):
    path = statement(mini)
    replace_in(path, "roles: [provider]", "roles: [provider, owner]")
    code, found = check(mini, capsys, path)
    assert code == 1
    assert where(found) == [("CNF001", str(path), 6, 19)]
    assert "roles[1]: 'owner' is not allowed; expected one of: provider, recipient" in found[0]["message"]


def test_cnf002_unknown_field_with_suggestion(mini, capsys):
    path = statement(mini)
    replace_in(path, "last_review:", "last_reviewed:")
    code, found = check(mini, capsys, path)
    assert where(found) == [("CNF002", str(path), 11, 1)]
    assert "did you mean 'last_review'?" in found[0]["message"]


def test_cnf003_unknown_version_is_one_located_error(mini, capsys):
    path = statement(mini)
    replace_in(path, 'version: "0.1"', 'version: "0.7"')
    code, found = check(mini, capsys, path)
    assert code == 1
    assert where(found) == [("CNF003", str(path), 9, 12)]
    assert "no version 0.7 of the standard is known here (known: 0.1)" in found[0]["message"]


def test_cnf003_wrong_number(mini, capsys):
    path = statement(mini)
    replace_in(path, "number: ST.XX", "number: ST.96")
    _, found = check(mini, capsys, path)
    assert where(found) == [("CNF003", str(path), 8, 11)]
    assert found[0]["message"] == "the statement claims against ST.96; version 0.1 of this standard is ST.XX"


def test_cnf004_unknown_requirement(mini, capsys):
    path = statement(mini)
    replace_in(path, "requirement: IPDX-DLV-001", "requirement: IPDX-DLV-011")
    _, found = check(mini, capsys, path)
    assert where(found) == [("CNF004", str(path), 19, 22)]
    assert "did you mean IPDX-DLV-001?" in found[0]["message"]


def test_cnf005_withdrawn_requirement(mini, capsys):
    path = statement(mini)
    replace_in(path, "requirement: IPDX-DLV-001", "requirement: IPDX-DLV-003")
    _, found = check(mini, capsys, path)
    assert where(found) == [("CNF005", str(path), 19, 22)]
    assert found[0]["message"] == "IPDX-DLV-003 is withdrawn in ST.XX 0.1"


def test_cnf006_mandatory_exception_names_the_requirement_and_the_level_supported(mini, capsys):
    path = statement(mini)
    replace_in(path, "requirement: IPDX-DLV-001", "requirement: IPDX-FMT-001")
    code, found = check(mini, capsys, path)
    assert code == 1
    assert where(found) == [("CNF006", str(path), 19, 22)]
    message = found[0]["message"]
    assert message.startswith('IPDX-FMT-001 (level 1, "shall") cannot be an exception')
    assert message.endswith("supports no level (level 0, with a plan)")


def test_cnf007_exception_without_reason(mini, capsys):
    path = statement(mini)
    replace_in(path, "        reason: The schedule is published in the national gazette only.\n", "")
    _, found = check(mini, capsys, path)
    assert where(found) == [("CNF007", str(path), 19, 9)]
    replace_in(path, "        target_date:", '        reason: "  "\n        target_date:')
    _, found = check(mini, capsys, path)
    assert where(found) == [("CNF007", str(path), 20, 17)]


def test_cnf008_requirement_not_for_the_role(mini, capsys):
    path = statement(mini)
    replace_in(path, "roles: [provider]", "roles: [recipient]")
    _, found = check(mini, capsys, path)
    assert where(found) == [("CNF008", str(path), 19, 22)]


def test_cnf009_a_may_needs_no_exception(mini, capsys):
    """IPDX-DLV-002 is a permission: it carries no level, and listing it is still a finding."""
    path = statement(mini)
    replace_in(path, "requirement: IPDX-DLV-001", "requirement: IPDX-DLV-002")
    _, found = check(mini, capsys, path)
    assert where(found) == [("CNF009", str(path), 19, 22)]
    assert "permission" in found[0]["message"]


def test_cnf010_review_more_than_a_year_ago_is_a_warning(mini, capsys):
    path = statement(mini)
    code, found = check(mini, capsys, path, today="2027-11-02")
    assert code == 0
    assert where(found) == [("CNF010", str(path), 11, 14)]
    assert found[0]["severity"] == "warning"
    assert check(mini, capsys, path, today="2027-11-01") == (0, [])


def test_cnf015_placeholder_left_in(mini, capsys):
    path = statement(mini)
    replace_in(path, "code: XA", "code: TODO")
    _, found = check(mini, capsys, path)
    assert where(found) == [("CNF015", str(path), 4, 9)]  # once, not also as a schema error


def test_cnf016_plan(mini, capsys):
    path = statement(mini)
    replace_in(path, "level: 1", "level: 0")
    replace_in(path, "    exceptions:\n", "    plan:\n")
    replace_in(path, "        reason: The schedule is published in the national gazette only.\n", "")
    assert check(mini, capsys, path) == (0, [])
    replace_in(path, "level: 0", "level: 1")
    _, found = check(mini, capsys, path)
    assert where(found) == [("CNF016", str(path), 18, 5)]
    path = statement(mini, "b.yaml")
    replace_in(path, "level: 1", "level: 0")
    _, found = check(mini, capsys, path)
    codes = [d["code"] for d in found]
    assert codes == ["CNF016", "CNF009"]  # no plan, and exceptions to a level-0 claim
    assert where(found)[0] == ("CNF016", str(path), 17, 12)


def test_cnf017_listed_twice(mini, capsys):
    path = statement(mini)
    replace_in(path, "        target_date: \"2027-06-30\"\n",
               "        target_date: \"2027-06-30\"\n      - requirement: IPDX-DLV-001\n        reason: Again.\n")
    _, found = check(mini, capsys, path)
    assert where(found) == [("CNF017", str(path), 22, 22)]


def test_cnf018_dates(mini, capsys):
    path = statement(mini)
    replace_in(path, 'last_review: "2026-11-01"', 'last_review: "2026-10-01"')
    _, found = check(mini, capsys, path)
    assert where(found) == [("CNF018", str(path), 11, 14)]


def test_cnf019_unknown_level(mini, capsys):
    path = statement(mini)
    replace_in(path, "level: 1", "level: 4")
    _, found = check(mini, capsys, path)
    assert ("CNF019", str(path), 17, 12) in where(found)
