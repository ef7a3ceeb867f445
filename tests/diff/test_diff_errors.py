"""`stkit diff` refuses with one clear line: a deleted requirement ID, an unknown revision,
a revision whose registry is missing or broken, a folder outside git, an unwritable -o."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from conftest import replace_in, run_cli
from diff_repo import commit, git, repo  # noqa: F401 (repo is a fixture)


def test_deleting_a_requirement_outright_is_an_error(repo, capsys):
    text = (repo / "requirements_registry.yaml").read_text()
    start = text.index("  - id: IPDX-DLV-002")
    end = text.index("  - id: IPDX-DLV-003")
    (repo / "requirements_registry.yaml").write_text(text[:start] + text[end:])
    replace_in(repo / "standard" / "02-requirements.md", "```{requirement} IPDX-DLV-002\n```\n\n", "")
    commit(repo, "delete")
    code, out, err = run_cli(["diff", "--root", str(repo), "HEAD~1", "HEAD", "--format", "json"], capsys)
    assert code == 1
    assert err == ("stkit diff: error: IPDX-DLV-002 is in the base revision but not in the head revision: "
                   "requirement IDs are never deleted; set status: withdrawn instead\n")
    report = json.loads(out)  # the report is still written, and says so too
    assert [(e["id"], [c["kind"] for c in e["changes"]]) for e in report["requirements"]] == \
        [("IPDX-DLV-002", ["removed"])]
    assert report["summary"]["errors"] == 1
    code, out, _ = run_cli(["diff", "--root", str(repo), "HEAD~1", "HEAD"], capsys)
    assert code == 1
    assert out.startswith("❌ **Changes since `HEAD~1`**") and "1 removed (error)" in out.splitlines()[0]


def test_unknown_revision(repo, capsys):
    code, out, err = run_cli(["diff", "--root", str(repo), "foo"], capsys)
    assert (code, out, err) == (2, "", "stkit: error: unknown revision 'foo'\n")
    code, _, err = run_cli(["diff", "--root", str(repo), "HEAD", "no-such-branch"], capsys)
    assert (code, err) == (2, "stkit: error: unknown revision 'no-such-branch'\n")


def test_an_option_is_not_taken_for_a_revision(repo, capsys):
    code, _, err = run_cli(["diff", "--root", str(repo), "--", "--output=x"], capsys)
    assert (code, err) == (2, "stkit: error: unknown revision '--output=x'\n")
    assert not (repo / "x").exists()


def test_folder_outside_git(mini, capsys, monkeypatch):
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(mini.parent))
    code, out, err = run_cli(["diff", "--root", str(mini), "HEAD"], capsys)
    assert (code, out) == (2, "")
    assert err == f"stkit: error: {mini} is not inside a git repository; stkit diff compares git revisions\n"


def test_revision_without_a_registry(repo, capsys):
    git(repo, "rm", "-q", "requirements_registry.yaml")
    commit(repo, "no registry")
    git(repo, "checkout", "-q", "HEAD~1", "--", "requirements_registry.yaml")
    commit(repo, "registry back")
    code, out, err = run_cli(["diff", "--root", str(repo), "HEAD~1", "HEAD"], capsys)
    assert (code, out) == (1, "")
    assert err == ("stkit diff: revision 'HEAD~1': the registry does not load: "
                   "requirements_registry.yaml does not exist there\n")


def test_revision_with_a_broken_registry_gives_the_located_message(repo, capsys):
    replace_in(repo / "requirements_registry.yaml", "  number: ST.XX", "  number: [ST.XX")
    commit(repo, "broken")
    code, out, err = run_cli(["diff", "--root", str(repo), "HEAD~1", "HEAD", "-o", str(repo / "r.md")], capsys)
    assert (code, out) == (1, "")
    assert err.startswith("stkit diff: revision 'HEAD': the registry does not load: "
                          "requirements_registry.yaml:")
    assert " REG001 YAML syntax error" in err and err.count("\n") == 1
    assert not (repo / "r.md").exists()  # nothing half-written


def test_output_is_written_atomically_and_whole(repo, capsys):
    target = repo / "build" / "preview" / "changes.md"
    code, out, _ = run_cli(["diff", "--root", str(repo), "HEAD", "-o", str(target)], capsys)
    assert (code, out) == (0, "")
    assert target.read_text().startswith("**Changes since `HEAD`**")
    assert sorted(p.name for p in target.parent.iterdir()) == ["changes.md"]  # no temporary left


def test_unwritable_output_is_one_line(repo, capsys):
    (repo / "folder").mkdir()
    code, _, err = run_cli(["diff", "--root", str(repo), "HEAD", "-o", str(repo / "folder")], capsys)
    assert code == 1
    assert err.startswith(f"stkit diff: cannot write {repo / 'folder'}: ") and err.count("\n") == 1
    assert list((repo / "folder").iterdir()) == []


def test_project_in_a_subfolder_of_the_repository(tmp_path, capsys):
    from conftest import FIXTURES
    top = tmp_path / "top"
    shutil.copytree(FIXTURES / "mini", top / "std")
    git(top, "init", "-q")
    commit(top, "base")
    replace_in(top / "std" / "requirements_registry.yaml", "title: Web API delivery", "title: Web API access")
    commit(top, "edit")
    code, out, _ = run_cli(["diff", "--root", str(top / "std"), "HEAD~1", "HEAD", "--format", "json"], capsys)
    assert code == 0
    assert [e["id"] for e in json.loads(out)["requirements"]] == ["IPDX-DLV-002"]
