"""`stkit diff` between two commits: every change found, classified, and nothing else."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from conftest import replace_in, run_cli
from diff_repo import QUA_001, commit, git, repo  # noqa: F401 (repo is a fixture)


def edit_everything(root: Path) -> None:
    """The second commit: one change of each kind the brief names."""
    reg = root / "requirements_registry.yaml"
    # reworded
    replace_in(reg, "shall deliver XML data sets in the format of ST.96.",
               "shall deliver every XML data set in the format of ST.96.")
    # obligation should -> shall (the keyword in the statement follows)
    replace_in(reg, "A data provider should give notice", "A data provider shall give notice")
    replace_in(reg, "    obligation: should\n    category: coordination\n    level: 1",
               "    obligation: shall\n    category: coordination\n    level: 1")
    # withdrawn (and so no longer placed)
    replace_in(reg, "      - standard: ST.90\n    ip5: []\n    challenges: []\n    status: active",
               "      - standard: ST.90\n    ip5: []\n    challenges: []\n    status: withdrawn\n"
               "    withdrawn_in: \"0.2\"\n    withdrawn_reason: Web APIs are left to ST.90.")
    replace_in(root / "standard" / "02-requirements.md", "```{requirement} IPDX-DLV-002\n```\n\n", "")
    # added, and placed
    replace_in(reg, "ip5_deviations:", QUA_001 + "ip5_deviations:")
    replace_in(root / "standard" / "02-requirements.md", "```{requirement} IPDX-FMT-001\n```\n",
               "```{requirement} IPDX-FMT-001\n```\n\n```{requirement} IPDX-QUA-001\n```\n")
    # moved to another file
    replace_in(root / "standard" / "02-requirements.md", "```{requirement} IPDX-COO-001\n```\n\n", "")
    replace_in(root / "standard" / "01-general.md", "```{glossary}",
               "```{requirement} IPDX-COO-001\n```\n\n```{glossary}")
    # a paragraph inserted after 1, the later ones renumbered
    general = root / "standard" / "01-general.md"
    replace_in(general, "(para-terms)=\n2. A data provider", "(para-terms)=\n3. A data provider")
    replace_in(general, "3. Paragraph {para}", "4. Paragraph {para}")
    replace_in(general, "It uses each convention once.\n",
               "It uses each convention once.\n\n2. An inserted paragraph about nothing in particular.\n")
    replace_in(root / "standard" / "02-requirements.md", "4. Formats come first.", "5. Formats come first.")
    replace_in(root / "standard" / "02-requirements.md", "5. Delivery follows", "6. Delivery follows")


@pytest.fixture
def changed(repo: Path) -> Path:
    edit_everything(repo)
    commit(repo, "edit")
    return repo


def diff_json(root: Path, capsys, *args: str) -> tuple[int, dict]:
    code, out, err = run_cli(["diff", "--root", str(root), *args, "--format", "json"], capsys)
    assert out, err
    return code, json.loads(out)


def kinds(report: dict) -> dict[str, list[str]]:
    return {e["id"]: [c["kind"] for c in e["changes"]] for e in report["requirements"]}


def test_the_mini_edit_still_checks_clean(changed):
    from conftest import problems
    assert problems(changed) == []  # the scenario is a legal edit, not a broken standard


def test_json_reports_exactly_the_changes_made(changed, capsys):
    code, report = diff_json(changed, capsys, "HEAD~1", "HEAD")
    assert code == 0
    assert kinds(report) == {
        "IPDX-COO-001": ["moved"],
        "IPDX-DLV-001": ["obligation"],
        "IPDX-DLV-002": ["withdrawn"],
        "IPDX-FMT-001": ["reworded"],
        "IPDX-QUA-001": ["added"],
    }
    assert report["errors"] == [] and report["metadata"] == []
    for what in ("ip5", "challenges"):
        assert report["coverage"][what] == {"newly_covered": [], "left_uncovered": [], "changed": []}


def test_each_change_carries_its_details(changed, capsys):
    _, report = diff_json(changed, capsys, "HEAD~1", "HEAD")
    by_id = {e["id"]: e["changes"][0] for e in report["requirements"]}
    assert by_id["IPDX-DLV-001"]["before"] == "should" and by_id["IPDX-DLV-001"]["after"] == "shall"
    assert by_id["IPDX-DLV-001"]["direction"] == "stronger" and by_id["IPDX-DLV-001"]["significant"] is True
    reword = by_id["IPDX-FMT-001"]["redline"]
    assert [s for s in reword if s[0] != "="] == [["+", "every "], ["-", "sets"], ["+", "set"]]
    assert "".join(t for op, t in reword if op != "+") == "A data provider shall deliver XML data sets in the format of ST.96."
    assert by_id["IPDX-DLV-002"]["placed"] == {"file": "standard/02-requirements.md", "section": "Requirements"}
    assert by_id["IPDX-DLV-002"]["reason"] == "Web APIs are left to ST.90."
    assert by_id["IPDX-QUA-001"]["placed"] == {"file": "standard/02-requirements.md", "section": "Requirements"}
    assert by_id["IPDX-COO-001"]["before"] == {"file": "standard/02-requirements.md", "section": "Requirements"}
    assert by_id["IPDX-COO-001"]["after"] == {"file": "standard/01-general.md", "section": "General"}


def test_an_inserted_paragraph_is_one_addition_and_the_rest_renumbered(changed, capsys):
    _, report = diff_json(changed, capsys, "HEAD~1", "HEAD")
    got = [(p["change"], p["before"] and p["before"]["number"], p["after"] and p["after"]["number"])
           for p in report["paragraphs"]]
    assert got == [("added", None, "2"), ("renumbered", "2", "3"), ("renumbered", "3", "4"),
                   ("renumbered", "4", "5"), ("renumbered", "5", "6")]
    assert report["paragraphs"][0]["text"] == "An inserted paragraph about nothing in particular."
    assert report["summary"]["paragraphs_reworded"] == 0


def test_json_structure_is_stable(changed, capsys):
    code, out, _ = run_cli(["diff", "--root", str(changed), "HEAD~1", "HEAD", "--format", "json"], capsys)
    report = json.loads(out)
    assert list(report) == sorted(report)  # sorted keys
    assert set(report) == {"schema", "base", "head", "errors", "requirements", "paragraphs",
                           "metadata", "coverage", "summary", "translations"}
    assert report["translations"] == []  # the mini standard is in English only
    assert report["schema"] == "stkit-diff/1"
    assert report["base"]["commit"] == git(changed, "rev-parse", "HEAD~1").strip()
    assert report["head"]["rev"] == "HEAD" and report["head"]["version"] == "0.1"
    assert report["summary"] == {
        "errors": 0, "requirements_added": 1, "requirements_withdrawn": 1, "requirements_removed": 0,
        "statements_reworded": 1, "obligations_changed": 1, "obligations_stronger": 1,
        "obligations_weaker": 0, "requirements_moved": 1, "requirements_otherwise_changed": 0,
        "paragraphs_added": 1, "paragraphs_removed": 0, "paragraphs_reworded": 0,
        "paragraphs_renumbered": 4, "paragraphs_moved": 0, "metadata_changed": 0,
        "ip5_newly_covered": 0, "ip5_left_uncovered": 0, "challenges_newly_covered": 0,
        "challenges_left_uncovered": 0}
    # the same input gives the same bytes
    _, again, _ = run_cli(["diff", "--root", str(changed), "HEAD~1", "HEAD", "--format", "json"], capsys)
    assert again == out


def test_markdown_is_a_short_comment_with_the_summary_first(changed, capsys):
    code, out, _ = run_cli(["diff", "--root", str(changed), "HEAD~1", "HEAD"], capsys)
    assert code == 0
    lines = out.splitlines()
    assert lines[0].startswith("**Changes since `HEAD~1`**")
    assert ("requirements: 1 added, 1 withdrawn, 1 reworded, 1 obligation changed, 1 moved; "
            "paragraphs: 1 added, 4 renumbered") in lines[0]
    assert len(lines) < 40
    assert "- **IPDX-DLV-001** Notice before discontinuation: should → **shall** (stronger)" in lines
    assert ("- **IPDX-FMT-001** XML data in ST.96: A data provider shall deliver <ins>every</ins> "
            "XML data <del>sets</del><ins>set</ins> in the format of ST.96.") in lines
    assert "- renumbered, text unchanged (4): 2–5 → 3–6" in lines


def test_working_tree_is_the_default_head(changed, capsys):
    replace_in(changed / "requirements_registry.yaml", "title: Contact point", "title: Contact points")
    _, report = diff_json(changed, capsys, "HEAD")
    assert report["head"] == {**report["head"], "rev": "working tree", "commit": None}
    assert kinds(report) == {"IPDX-COO-001": ["title"]}


def test_diff_leaves_the_working_tree_untouched(changed, capsys):
    replace_in(changed / "standard" / "01-general.md", "This small", "This little")  # uncommitted
    (changed / "notes.txt").write_text("untracked\n")
    status = git(changed, "status", "--porcelain=v1", "--untracked-files=all")
    index = (changed / ".git" / "index").read_bytes()
    files = {p: p.read_bytes() for p in changed.rglob("*") if p.is_file() and ".git" not in p.parts}
    for args in (["HEAD~1", "HEAD"], ["HEAD~1"], ["HEAD~1", "HEAD", "--format", "html"]):
        run_cli(["diff", "--root", str(changed), *args], capsys)
    assert (changed / ".git" / "index").read_bytes() == index
    assert git(changed, "status", "--porcelain=v1", "--untracked-files=all") == status
    assert {p: p.read_bytes() for p in changed.rglob("*") if p.is_file() and ".git" not in p.parts} == files


def test_long_redlines_are_folded(repo, capsys):
    long_text = " ".join(f"word{n}" for n in range(80))
    replace_in(repo / "requirements_registry.yaml",
               "rationale: Three offices saw data sets stop without warning.",
               f"rationale: Three offices saw data sets stop without warning. {long_text}")
    replace_in(repo / "requirements_registry.yaml", "A data provider may offer a Web API",
               f"A data provider may offer, {long_text}, a Web API")
    commit(repo, "long")
    code, out, _ = run_cli(["diff", "--root", str(repo), "HEAD~1", "HEAD"], capsys)
    assert code == 0
    assert "<details><summary>**IPDX-DLV-002** Web API delivery</summary>" in out
    assert out.count("</details>") == 1


def test_metadata_and_coverage_changes(repo, capsys):
    reg = repo / "requirements_registry.yaml"
    replace_in(reg, 'version: "0.1"', 'version: "0.2"')
    # ip5/availability and share/nonstandard-formats lose their only requirement
    replace_in(reg, "    challenges: [share/nonstandard-formats]\n    status: active",
               "    challenges: [share/nonstandard-formats]\n    status: withdrawn\n    withdrawn_in: \"0.2\"\n"
               "    withdrawn_reason: Covered by the data set description.")
    replace_in(repo / "standard" / "02-requirements.md", "```{requirement} IPDX-FMT-001\n```\n", "")
    # ip5/user-support: deviation recorded -> implemented
    replace_in(reg, "  - principle: ip5/user-support\n    reason: Not addressed by this small fixture.\n", "")
    replace_in(reg, "    ip5: []\n    challenges: []\n    status: active\n    rationale: A named",
               "    ip5: [ip5/user-support]\n    challenges: [share/no-sharing]\n    status: active\n"
               "    rationale: A named")
    commit(repo, "coverage")
    _, report = diff_json(repo, capsys, "HEAD~1", "HEAD")
    assert report["metadata"] == [{"field": "version", "before": "0.1", "after": "0.2"}]
    assert report["coverage"]["ip5"] == {
        "newly_covered": [], "changed": [{"id": "ip5/user-support", "before": "deviation", "after": "implemented"}],
        "left_uncovered": [{"id": "ip5/availability", "before": "implemented", "after": "uncovered"}]}
    assert report["coverage"]["challenges"]["left_uncovered"] == [
        {"id": "share/nonstandard-formats", "before": "answered", "after": "uncovered"}]
    assert report["coverage"]["challenges"]["changed"] == [
        {"id": "share/no-sharing", "before": "out-of-scope", "after": "answered"}]
    assert kinds(report)["IPDX-COO-001"] == ["ip5", "challenges"]
    _, out, _ = run_cli(["diff", "--root", str(repo), "HEAD~1", "HEAD"], capsys)
    assert "metadata: 1 field" in out.splitlines()[0]
    assert "- ⚠️ IP5 principles left uncovered: `ip5/availability` (was implemented)" in out


def test_weaker_obligation_and_a_reword_with_it(repo, capsys):
    reg = repo / "requirements_registry.yaml"
    replace_in(reg, "A data provider shall deliver XML data sets", "Each data provider should deliver XML data sets")
    replace_in(reg, "    obligation: shall\n    category: technical\n    level: 1\n    applies_to",
               "    obligation: should\n    category: technical\n    level: 1\n    applies_to")
    commit(repo, "weaker")
    _, report = diff_json(repo, capsys, "HEAD~1", "HEAD")
    assert kinds(report) == {"IPDX-FMT-001": ["obligation", "reworded"]}
    assert report["requirements"][0]["changes"][0]["direction"] == "weaker"


def test_reworded_paragraph_keeps_its_identity(repo, capsys):
    replace_in(repo / "standard" / "02-requirements.md", "4. Formats come first.",
               "4. Formats come first, before delivery.")
    commit(repo, "reword")
    _, report = diff_json(repo, capsys, "HEAD~1", "HEAD")
    assert [(p["change"], p["after"]["number"]) for p in report["paragraphs"]] == [("reworded", "4")]
    assert [s for s in report["paragraphs"][0]["redline"] if s[0] != "="] == [["+", ", before delivery"]]


def test_a_waiver_added_and_removed_is_reported(repo, capsys):
    reg = repo / "requirements_registry.yaml"
    waiver = ("    waivers:\n      - code: QLT002\n"
              "        reason: The Task Force accepted the term as ST.96 defines it.\n")
    replace_in(reg, "    since: \"0.1\"\n  - id: IPDX-DLV-001", "    since: \"0.1\"\n" + waiver + "  - id: IPDX-DLV-001")
    replace_in(reg, "XML data sets in the format of ST.96.", "XML data sets in the format of ST.96 without delay.")
    commit(repo, "waive")
    _, report = diff_json(repo, capsys, "HEAD~1", "HEAD")
    change = next(c for c in report["requirements"][0]["changes"] if c["kind"] == "waivers")
    assert change == {"kind": "waivers", "removed": [],
                      "added": ["QLT002: The Task Force accepted the term as ST.96 defines it."]}
    _, out, _ = run_cli(["diff", "--root", str(repo), "HEAD~1", "HEAD"], capsys)
    assert "waivers +QLT002: The Task Force accepted the term as ST.96 defines it." in out
    replace_in(reg, waiver, "")
    commit(repo, "unwaive")
    _, report = diff_json(repo, capsys, "HEAD~1", "HEAD")
    assert report["requirements"][0]["changes"] == [
        {"kind": "waivers", "added": [], "removed": ["QLT002: The Task Force accepted the term as ST.96 defines it."]}]
