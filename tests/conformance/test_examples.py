"""The example statements in conformance/ hold against the current registry: every one valid
except the one invalid on purpose, which fails exactly as documented. A change of the
registry that breaks an example fails here, loudly."""

from __future__ import annotations

import json

import pytest
import yaml

from conftest import REPO, run_cli
from stkit.conformance.codes import for_individual_use

EXAMPLES = sorted(p for p in (REPO / "conformance").iterdir() if p.suffix in (".yaml", ".json"))
INVALID = "xc-2026-05-04.yaml"
OLDER = "xa-2025-03-10.yaml"  # made against version 0.2, the version of its day
TODAY = "2026-12-03"


def _check(capsys, path, today=TODAY):
    code, out, err = run_cli(["conformance", "check", "--root", str(REPO), "--format", "json",
                              "--today", today, str(path)], capsys)
    assert "Traceback" not in err
    return code, json.loads(out)


@pytest.mark.parametrize("path", [p for p in EXAMPLES if p.name != INVALID], ids=lambda p: p.name)
def test_each_valid_example_is_valid_against_the_current_registry(path, capsys):
    code, found = _check(capsys, path)
    assert code == 0, found
    assert [d for d in found if d["severity"] == "error"] == []


def test_the_invalid_example_fails_at_its_line_with_the_requirement_id(capsys):
    path = REPO / "conformance" / INVALID
    code, found = _check(capsys, path)
    assert code == 1
    assert [(d["code"], d["line"], d["col"]) for d in found] == [("CNF006", 20, 22)]
    assert found[0]["message"].startswith('IPDX-QUA-001 (level 1, "shall") cannot be an exception')


def test_one_valid_example_at_each_level(capsys):
    levels = set()
    for path in EXAMPLES:
        if path.name == INVALID:
            continue
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        levels |= {c["level"] for c in data["claims"]}
    assert {1, 2, 3} <= levels


def test_examples_use_only_codes_left_for_individual_use():
    offices = {yaml.safe_load(p.read_text(encoding="utf-8"))["office"]["code"] for p in EXAMPLES}
    assert offices == {"XA", "XB", "XC"}
    assert all(for_individual_use(code) for code in offices)
    assert not for_individual_use("XX") and not for_individual_use("EP")


def test_the_current_examples_claim_against_the_current_version():
    from stkit.conformance.versions import Editions

    current = Editions(REPO).current.version
    for path in EXAMPLES:
        if path.name != OLDER:
            assert yaml.safe_load(path.read_text(encoding="utf-8"))["standard"]["version"] == current, path.name


def test_the_older_example_is_checked_against_version_0_2_from_the_git_history(capsys):
    from stkit.conformance.versions import Editions

    edition = Editions(REPO).get("0.2")
    assert edition.source.startswith(("commit ", "tag ")) and edition.registry.metadata.version == "0.2"
    code, found = _check(capsys, REPO / "conformance" / OLDER)
    assert code == 0
    assert [d for d in found if d["severity"] == "error"] == []
    assert found[0]["code"] == "CNF011" and found[0]["line"] == 11
    assert found[0]["message"].startswith("the statement claims against version 0.2; the current version is 0.3")


def test_an_exception_under_law_in_an_example(capsys):
    code, out, err = run_cli(["conformance", "check", "--root", str(REPO), "--today", TODAY,
                              str(REPO / "conformance" / "xc-2026-11-20.yaml")], capsys)
    assert code == 0, out + err
    assert "1 excepted under the law applicable to the office: IPDX-DLV-015 (" in out
