"""A comment stays on the text it was made on: a form made at one revision, filled in by a
script and imported after the text moved on, shows each comment where its text is now."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest

from comment_repo import commit_all, make_repo

from stkit.cli import main

REQS = "standard/02-requirements.md"
REGISTRY = "requirements_registry.yaml"


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def fill(template: Path, out: Path, comments: dict[str, tuple[str, str, str]]) -> None:
    """Fill the Word form as a delegate would: office, type and comment in each row named."""
    doc = docx.Document(str(template))
    table = doc.tables[0]
    for row in table.rows[1:]:
        ref = row.cells[0].text
        if ref in comments:
            office, kind, text = comments[ref]
            row.cells[2].text, row.cells[3].text, row.cells[4].text = office, kind, text
    doc.save(str(out))


@pytest.fixture
def commented(tmp_path: Path, capsys) -> Path:
    """The standard, a form made at its first commit, filled in."""
    root = make_repo(tmp_path / "std")
    form = tmp_path / "form.docx"
    code, _, err = run(capsys, "comments", "template", "--root", str(root), "-o", str(form))
    assert code == 0, err
    fill(form, tmp_path / "EP.docx", {
        "4": ("EP", "technical", "On formats."),
        "5": ("EP", "editorial", "On delivery."),
        "IPDX-FMT-001": ("EP", "technical", "On the ST.96 requirement."),
        "IPDX-DLV-001": ("EP", "general", "On notice."),
        "1": ("EP", "general", "On the purpose."),
    })
    return root


def listing(root: Path, capsys) -> list[str]:
    code, out, err = run(capsys, "comments", "list", "--root", str(root), "--round", "r1")
    assert code == 0, err
    return out.splitlines()


def test_comments_follow_their_paragraphs_after_one_is_inserted_above(commented, capsys):
    root = commented
    # The text moves on before the form comes back: a paragraph inserted above the
    # commented ones, and the ones after renumbered (as `stkit check --fix` would).
    replace(root / REQS, "4. Formats come first.", "4. A new paragraph, inserted.\n\n5. Formats come first.")
    replace(root / REQS, "5. Delivery follows", "6. Delivery follows")
    commit_all(root, "Insert a paragraph")
    code, _, err = run(capsys, "comments", "import", "--root", str(root), str(root.parent / "EP.docx"),
                       "--round", "r1")
    assert code == 0, err
    assert listing(root, capsys) == [
        "EP-001\tgeneral\tparagraph 1\topen",
        "EP-002\ttechnical\tparagraph 5 [paragraph 4 in version 0.1, now 5]\topen",
        "EP-003\ttechnical\tIPDX-FMT-001\topen",
        "EP-004\teditorial\tparagraph 6 [paragraph 5 in version 0.1, now 6]\topen",
        "EP-005\tgeneral\tIPDX-DLV-001\topen",
    ]
    # The record keeps what the comment was made on.
    text = (root / "comments" / "r1.yaml").read_text(encoding="utf-8")
    assert "ref: '4'\n    file: standard/02-requirements.md\n    text: Formats come first." in text


def test_the_working_tree_counts_too(commented, capsys):
    """An editor's uncommitted renumbering is already shown (the current text is the working tree)."""
    root = commented
    run(capsys, "comments", "import", "--root", str(root), str(root.parent / "EP.docx"), "--round", "r1")
    replace(root / REQS, "4. Formats come first.", "4. Inserted.\n\n5. Formats come first.")
    replace(root / REQS, "5. Delivery follows", "6. Delivery follows")
    assert "EP-002\ttechnical\tparagraph 5 [paragraph 4 in version 0.1, now 5]\topen" in listing(root, capsys)


def test_removed_paragraph_and_withdrawn_or_reworded_requirement_say_so(commented, capsys):
    root = commented
    run(capsys, "comments", "import", "--root", str(root), str(root.parent / "EP.docx"), "--round", "r1")
    # Paragraph 4 removed; the requirement under it reworded; IPDX-DLV-001 withdrawn.
    replace(root / REQS, "4. Formats come first.\n\n", "")
    replace(root / REQS, "5. Delivery follows", "4. Delivery follows")
    replace(root / REGISTRY, "A data provider shall deliver XML data sets in the format of ST.96.",
            "A data provider shall deliver every XML data set in the format of ST.96.")
    replace(root / REGISTRY, "    status: active\n    rationale: Three offices",
            "    status: withdrawn\n    withdrawn_in: \"0.2\"\n    withdrawn_reason: Merged into another."
            "\n    rationale: Three offices")
    replace(root / REQS, "```{requirement} IPDX-DLV-001\n```\n\n", "")
    lines = listing(root, capsys)
    assert "EP-002\ttechnical\t\u2014 [paragraph 4 of version 0.1 has been removed since]\topen" in lines
    assert "EP-003\ttechnical\tIPDX-FMT-001 [reworded since version 0.1]\topen" in lines
    assert "EP-004\teditorial\tparagraph 4 [paragraph 5 in version 0.1, now 4]\topen" in lines
    assert "EP-005\tgeneral\tIPDX-DLV-001 [IPDX-DLV-001 was withdrawn in version 0.2]\topen" in lines


def test_a_reworded_paragraph_is_still_found_and_marked(commented, capsys):
    root = commented
    run(capsys, "comments", "import", "--root", str(root), str(root.parent / "EP.docx"), "--round", "r1")
    replace(root / REQS, "5. Delivery follows, as", "5. Delivery then follows, as")
    assert "EP-004\teditorial\tparagraph 5 [reworded since]\topen" in listing(root, capsys)
