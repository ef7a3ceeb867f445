"""The blank forms name what they were made on, inside the file, and have one row per
paragraph and requirement in the standard's order."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import docx
import openpyxl
import pytest

from comment_repo import BASE_COMMIT, make_repo

from stkit.cli import main

IDENT = f"stkit-form/1; standard=ST.XX; version=0.1; revision={BASE_COMMIT}"
REFS = ["General", "1", "2", "3", "4", "IPDX-FMT-001", "5", "IPDX-DLV-001", "IPDX-DLV-002",
        "Annex I", "I.1", "I.2"]


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    return make_repo(tmp_path / "std")


def template(root: Path, capsys, fmt: str, out: Path) -> str:
    code = main(["comments", "template", "--root", str(root), "--format", fmt, "-o", str(out)])
    _, err = capsys.readouterr()
    assert code == 0, err
    return err


def test_word_form(repo, capsys, tmp_path):
    out = tmp_path / "form.docx"
    err = template(repo, capsys, "docx", out)
    assert err == f"{out}: comment form for ST.XX 0.1 (revision {BASE_COMMIT[:10]}), 12 rows\n"
    doc = docx.Document(str(out))
    assert doc.core_properties.keywords == IDENT
    assert any(p.text == "Form identification: " + IDENT for p in doc.paragraphs)
    table = doc.tables[0]
    assert [c.text for c in table.rows[0].cells] == [
        "Paragraph or requirement", "Text commented on (excerpt)", "Office",
        "Type (general, technical, editorial)", "Comment", "Proposed change"]
    assert [r.cells[0].text for r in table.rows[1:]] == REFS
    # Roles are shown as a reader sees them.
    assert table.rows[3].cells[1].text == ("A data provider sends a data set to a data recipient, "
                                           "following ST.96 Annex III.")


def test_spreadsheet_form_has_a_hidden_sheet(repo, capsys, tmp_path):
    out = tmp_path / "form.xlsx"
    template(repo, capsys, "xlsx", out)
    wb = openpyxl.load_workbook(str(out))
    assert wb.sheetnames == ["Comments", "stkit-form"]
    assert wb["stkit-form"].sheet_state == "hidden"
    assert wb["stkit-form"]["B4"].value == BASE_COMMIT
    ws = wb["Comments"]
    assert [ws.cell(r, 1).value for r in range(4, 4 + len(REFS))] == REFS


def test_csv_form_starts_with_its_identification(repo, capsys, tmp_path):
    out = tmp_path / "form.csv"
    template(repo, capsys, "csv", out)
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0] == [IDENT]
    assert [r[0] for r in rows[2:]] == REFS


def test_the_form_shows_the_committed_text(repo, capsys, tmp_path):
    """Uncommitted edits are not in a form: the revision it names is the text it shows."""
    path = repo / "standard" / "02-requirements.md"
    path.write_text(path.read_text(encoding="utf-8").replace("Formats come first.", "Edited."),
                    encoding="utf-8")
    out = tmp_path / "form.docx"
    template(repo, capsys, "docx", out)
    texts = [r.cells[1].text for r in docx.Document(str(out)).tables[0].rows]
    assert "Formats come first." in texts and "Edited." not in texts


def test_outside_a_repository(tmp_path, capsys):
    import shutil

    from comment_repo import BASE

    root = tmp_path / "plain"
    shutil.copytree(BASE, root)
    code = main(["comments", "template", "--root", str(root), "-o", str(tmp_path / "f.docx")])
    _, err = capsys.readouterr()
    assert code == 2
    assert "is not inside a git repository" in err
    assert not (tmp_path / "f.docx").exists()
