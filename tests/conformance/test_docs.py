"""docs/conformance.md's section "What a claim to each level requires" is generated from the
registry; it must be what `stkit conformance levels --update docs/conformance.md` writes."""

from __future__ import annotations

from conftest import REPO, run_cli
from stkit.conformance.levels import BEGIN, END, replace_section

DOC = REPO / "docs" / "conformance.md"


def test_the_generated_section_is_current(capsys):
    code, out, err = run_cli(["conformance", "levels", "--root", str(REPO), "--format", "markdown"], capsys)
    assert code == 0, err
    document = DOC.read_text(encoding="utf-8")
    assert replace_section(document, out) == document, (
        "docs/conformance.md is stale: run `stkit conformance levels --update docs/conformance.md`")


def test_update_rewrites_only_the_section(tmp_path, capsys):
    doc = tmp_path / "c.md"
    doc.write_text(f"# Title\n\nText.\n\n{BEGIN}\nold\n{END}\n\nAfter.\n", encoding="utf-8")
    code, _, err = run_cli(["conformance", "levels", "--root", str(REPO), "--update", str(doc)], capsys)
    assert code == 0 and err == f"updated: {doc}\n"
    text = doc.read_text(encoding="utf-8")
    assert text.startswith("# Title\n\nText.\n\n" + BEGIN) and text.endswith(END + "\n\nAfter.\n")
    assert "old" not in text and "| 1 | provider |" in text


def test_levels_as_json_and_text(capsys):
    import json

    code, out, _ = run_cli(["conformance", "levels", "--root", str(REPO), "--format", "json"], capsys)
    assert code == 0
    data = json.loads(out)
    level1 = data["levels"][0]
    assert level1["level"] == 1
    # every level-1 "shall" for a provider is in the claim, and the cumulative lists only grow
    for role in ("provider", "recipient"):
        counts = [len(entry["roles"][role]["mandatory"]) for entry in data["levels"]]
        assert counts == sorted(counts)
        assert set(level1["roles"][role]["mandatory"]) == set(level1["roles"][role]["mandatory_added"])
    code, out, _ = run_cli(["conformance", "levels", "--root", str(REPO)], capsys)
    assert out.splitlines()[1].startswith("  level 1, provider: ")
