"""A statement against an older version is checked against that version's registry, read
from git by release tag or, failing a tag, from the history of metadata.version; what changed
since (added, withdrawn, made mandatory) is reported at the statement's lines."""

from __future__ import annotations

from cnf import check, commit, git, repo, statement, where  # noqa: F401 (repo is a fixture)

from conftest import replace_in

NEW_REQ = """  - id: IPDX-QUA-001
    title: Validation before delivery
    statement: A data provider shall validate each delivery against its schema.
    obligation: shall
    category: technical
    level: 1
    applies_to: provider
    references: []
    ip5: []
    challenges: []
    status: active
    rationale: Errors found before delivery cost less.
    since: "0.2"
"""


def _version_02(repo):
    """Version 0.2: QUA-001 added, COO-001 withdrawn, DLV-001 made mandatory."""
    reg = repo / "requirements_registry.yaml"
    replace_in(reg, 'version: "0.1"', 'version: "0.2"')
    replace_in(reg, "ip5_deviations:", NEW_REQ + "ip5_deviations:")
    text = reg.read_text()
    start = text.index("  - id: IPDX-COO-001")
    block = text[start:text.index("ip5_deviations:")]
    block = block[:block.index("  - id: IPDX-QUA-001")] if "IPDX-QUA-001" in block else block
    withdrawn = block.replace("status: active", 'status: withdrawn\n    withdrawn_in: "0.2"\n'
                              "    withdrawn_reason: Merged into the coordinator requirement.")
    reg.write_text(text.replace(block, withdrawn))
    replace_in(reg, "A data provider should give notice", "A data provider shall give notice")
    replace_in(reg, "    obligation: should\n    category: coordination\n    level: 1",
               "    obligation: shall\n    category: coordination\n    level: 1")
    src = repo / "standard" / "02-requirements.md"
    replace_in(src, "```{requirement} IPDX-COO-001\n```\n\n", "")
    replace_in(src, "```{editor-note}", "```{requirement} IPDX-QUA-001\n```\n\n```{editor-note}")
    commit(repo, "version 0.2")


def test_a_statement_against_the_older_version_reports_the_changes_since(repo, capsys):
    git(repo, "tag", "v0.1")
    _version_02(repo)
    path = statement(repo)
    code, found = check(repo, capsys, path)
    assert code == 0  # valid against 0.1, where DLV-001 was a recommendation
    assert where(found) == [
        ("CNF011", str(path), 9, 12),
        ("CNF012", str(path), 9, 12),
        ("CNF014", str(path), 19, 22),  # listed as an exception: a warning at its line
    ]
    by_code = {d["code"]: d for d in found}
    assert "current version is 0.2" in by_code["CNF011"]["message"]
    assert by_code["CNF012"]["message"].startswith("IPDX-QUA-001 (level 1, \"shall\") was added in 0.2")
    assert by_code["CNF014"]["severity"] == "warning"


def test_without_a_tag_the_version_is_found_in_the_history(repo, capsys):
    replace_in(repo / "requirements_registry.yaml", "    category: coordination\n    level: 2",
               "    category: coordination\n    applies_to: provider\n    level: 1")
    commit(repo, "COO-001 for providers at level 1")
    _version_02(repo)
    path = statement(repo)
    _, found = check(repo, capsys, path)
    withdrawn = [d for d in found if d["code"] == "CNF013"]
    assert [(d["line"], d["severity"]) for d in withdrawn] == [(9, "note")]
    assert withdrawn[0]["message"] == "IPDX-COO-001 was withdrawn in 0.2"
    replace_in(path, "requirement: IPDX-DLV-001", "requirement: IPDX-COO-001")
    replace_in(repo / "requirements_registry.yaml", "A named contact", "A named contact point")
    _, found = check(repo, capsys, path)
    assert ("CNF013", str(path), 19, 22) in where(found)  # named in the statement: a warning there


def test_a_version_neither_tagged_nor_in_the_history_is_one_located_error(repo, capsys):
    path = statement(repo)
    replace_in(path, 'version: "0.1"', 'version: "0.3"')
    code, found = check(repo, capsys, path)
    assert code == 1
    assert where(found) == [("CNF003", str(path), 9, 12)]


def test_a_template_for_an_older_version(repo, capsys):
    from conftest import run_cli

    git(repo, "tag", "v0.1")
    _version_02(repo)
    code, old, err = run_cli(["conformance", "template", "--root", str(repo), "--role", "provider",
                              "--level", "1", "--version", "0.1"], capsys)
    assert code == 0, err
    assert 'version: "0.1"' in old and "IPDX-QUA-001" not in old and "IPDX-COO-001" not in old
    code, new, _ = run_cli(["conformance", "template", "--root", str(repo), "--role", "provider", "--level", "1"],
                           capsys)
    assert 'version: "0.2"' in new and "IPDX-QUA-001" in new


def test_a_folder_stands_for_its_statements(repo, capsys):
    path = statement(repo)
    statement(repo, "b.json").write_text("{}")
    code, found = check(repo, capsys, path.parent)
    assert code == 1
    assert sorted({d["path"] for d in found}) == [(path.parent / "b.json").as_posix()]
