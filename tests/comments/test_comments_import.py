"""Importing forms as they come back from offices: the committed forms were filled and saved
by LibreOffice (fixtures/make_forms.py); every problem is one located line and nothing is
written while there is one."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
import yaml

from comment_repo import BASE_COMMIT, FIXTURES, git, make_repo

from stkit.cli import main

FORMS = FIXTURES / "forms"


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    return make_repo(tmp_path / "std")


def comments_import(root: Path, capsys, *args: str) -> tuple[int, list[str], list[str]]:
    code = main(["comments", "import", "--root", str(root), *args])
    out, err = capsys.readouterr()
    return code, out.splitlines(), err.splitlines()


def records(root: Path, name: str = "r1") -> dict[str, dict]:
    data = yaml.safe_load((root / "comments" / f"{name}.yaml").read_text(encoding="utf-8"))
    return {c["id"]: c for c in data["comments"]}


def test_the_fixture_repository_is_the_one_the_forms_were_made_on(repo):
    assert git(repo, "rev-parse", "HEAD") == BASE_COMMIT


def test_forms_filled_in_libreoffice_are_imported_as_written(repo, capsys):
    forms = [str(FORMS / n) for n in ("EP.docx", "JP.xlsx", "CA.csv", "US-merged.docx")]
    code, out, err = comments_import(repo, capsys, *forms, "--round", "r1")
    assert code == 0, err
    assert out == ["EP.docx: 3 new comments (EP-001 ... EP-003)",
                   "JP.xlsx: 4 new comments (JP-001 ... JP-004)",
                   "CA.csv: 1 new comment (CA-001)",
                   "US-merged.docx: 1 new comment (US-001)",
                   "comments/r1.yaml: 9 comments"]
    got = records(repo)
    ep1 = got["EP-001"]
    assert ep1["anchor"] == {"kind": "paragraph", "ref": "4", "file": "standard/02-requirements.md",
                             "text": "Formats come first."}
    assert ep1["type"] == "technical" and ep1["office"] == "EP"
    assert ep1["comment"] == "Name the format: \u201cformats\u201d alone says nothing."
    assert ep1["proposed_change"] == "Formats come first: XML as defined by ST.96."
    assert ep1["revision"] == BASE_COMMIT and ep1["version"] == "0.1"
    assert ep1["source"] == {"form": "EP.docx", "sheet": "table 1", "row": 6}
    assert ep1["disposition"] == {"decision": "open"}
    # A cell of two lines, with non-ASCII text, kept as written.
    assert got["EP-002"]["comment"] == "\u00ab Notice \u00bb: say how long before.\nSix months?"
    assert got["EP-002"]["anchor"]["kind"] == "requirement"
    # A row the office added for the document as a whole.
    assert got["EP-003"]["anchor"] == {"kind": "document"}
    # 'te' is technical; the label of paragraph 2 is kept with it.
    assert got["JP-001"]["type"] == "technical"
    assert got["JP-001"]["anchor"]["label"] == "para-terms"
    # A comment on a table of Annex I.
    assert got["JP-003"]["anchor"]["kind"] == "annex"
    assert got["JP-003"]["anchor"]["detail"] == "requirements table"
    # A paragraph number typed into a new spreadsheet row (a number, not text).
    assert got["JP-004"]["anchor"]["ref"] == "3" and got["JP-004"]["type"] == "editorial"
    # The row where JP typed only its code is not a comment.
    assert not any(c["anchor"].get("ref") == "5" and c["office"] == "JP" for c in got.values())
    # CSV with a byte-order mark and semicolons; a semicolon inside a cell survives.
    assert got["CA-001"]["comment"] == "Delivery: say; how often."
    assert got["CA-001"]["source"]["sheet"] == ""
    # The Word table with a merged two-row header.
    assert got["US-001"]["anchor"]["ref"] == "IPDX-DLV-002"
    assert got["US-001"]["proposed_change"] == "Allow both."


def test_importing_the_same_form_again_adds_nothing(repo, capsys):
    comments_import(repo, capsys, str(FORMS / "EP.docx"), "--round", "r1")
    before = (repo / "comments" / "r1.yaml").read_bytes()
    code, out, _ = comments_import(repo, capsys, str(FORMS / "EP.docx"), "--round", "r1")
    assert code == 0
    assert out == ["EP.docx: 0 new comments, 3 already recorded", "comments/r1.yaml: unchanged"]
    assert (repo / "comments" / "r1.yaml").read_bytes() == before


def test_a_paragraph_that_does_not_exist_is_refused_with_the_forms_row(repo, capsys):
    code, out, err = comments_import(repo, capsys, str(FORMS / "KR-typo.xlsx"), "--round", "r1")
    assert code == 1
    assert err == [
        "KR-typo.xlsx: sheet 'Comments', row 16, column A ('Paragraph or requirement'): paragraph 41 "
        "does not exist in ST.XX version 0.1 (revision 5a7ef4baa3), the text this form was made on",
        "stkit comments import: 1 problem; nothing was imported"]
    assert not (repo / "comments").exists()


def test_one_bad_form_among_good_ones_writes_nothing(repo, capsys):
    comments_import(repo, capsys, str(FORMS / "EP.docx"), "--round", "r1")
    before = (repo / "comments" / "r1.yaml").read_bytes()
    code, _, err = comments_import(repo, capsys, str(FORMS / "JP.xlsx"), str(FORMS / "KR-typo.xlsx"),
                                   "--round", "r1")
    assert code == 1 and len(err) == 2
    assert (repo / "comments" / "r1.yaml").read_bytes() == before
    assert not [p for p in (repo / "comments").iterdir() if p.name != "r1.yaml"]  # no temporary file


def _csv(root: Path, name: str, rows: list[str], *, ident: str | None = None) -> Path:
    ident = ident if ident is not None else f"stkit-form/1; standard=ST.XX; version=0.1; revision={BASE_COMMIT}"
    lines = ([ident] if ident else []) + ["Paragraph or requirement;Office;Type;Comment;Proposed change", *rows]
    path = root.parent / name
    path.write_bytes(("\ufeff" + "\r\n".join(lines) + "\r\n").encode("utf-8"))
    return path


def test_each_bad_cell_is_one_line_with_row_and_column(repo, capsys):
    form = _csv(repo, "bad.csv", ["4;EP;major;Too vague.;",
                                  "4;European Patent Office;technical;Too vague.;",
                                  "5;;technical;No office.;",
                                  "Section 7;EP;editorial;Where?;",
                                  "IPDX-FMT-009;EP;editorial;No such requirement.;",
                                  ";;;;",
                                  "Annex IX;EP;general;No such annex.;"])
    code, _, err = comments_import(repo, capsys, str(form), "--round", "r1")
    assert code == 1
    assert err == [
        "bad.csv: row 3, column 3 ('Type'): 'major' is not a type: write general, technical or editorial",
        "bad.csv: row 4, column 2 ('Office'): 'European Patent Office' is not an office code: write the "
        "office's two-letter code of WIPO ST.3 (e.g. EP, JP)",
        "bad.csv: row 5, column 2 ('Office'): no office: fill in the office's code, or give --office "
        "CODE for the whole form",
        "bad.csv: row 6, column 1 ('Paragraph or requirement'): 'Section 7' is not a paragraph number "
        "(12, or I.3 in Annex I), a requirement ID (IPDX-FMT-001), 'Annex I', or 'General'",
        "bad.csv: row 7, column 1 ('Paragraph or requirement'): requirement IPDX-FMT-009 does not exist "
        "in ST.XX version 0.1 (revision 5a7ef4baa3), the text this form was made on",
        "bad.csv: row 9, column 1 ('Paragraph or requirement'): Annex IX does not exist in ST.XX "
        "version 0.1 (revision 5a7ef4baa3), the text this form was made on",
        "stkit comments import: 6 problems; nothing was imported"]


def test_office_for_a_whole_form(repo, capsys):
    form = _csv(repo, "one-office.csv", ["5;;technical;No office written.;"])
    code, _, err = comments_import(repo, capsys, str(form), "--round", "r1", "--office", "ep")
    assert code == 0, err
    assert records(repo)["EP-001"]["office"] == "EP"


def test_a_form_from_another_standard_is_refused(repo, capsys):
    form = _csv(repo, "other.csv", ["5;EP;technical;Hm.;"],
                ident=f"stkit-form/1; standard=ST.96; version=8.0; revision={BASE_COMMIT}")
    code, _, err = comments_import(repo, capsys, str(form), "--round", "r1")
    assert code == 1
    assert err[0] == ("other.csv: the form is for ST.96, but round 'r1' is on ST.XX: a form from "
                      "another standard")


def test_a_form_whose_revision_this_repository_lacks(repo, capsys):
    form = _csv(repo, "elsewhere.csv", ["5;EP;technical;Hm.;"],
                ident="stkit-form/1; standard=ST.XX; version=0.1; revision=" + "1" * 40)
    code, _, err = comments_import(repo, capsys, str(form), "--round", "r1")
    assert code == 1
    assert err[0] == ("elsewhere.csv: the form was made on revision 1111111111 of ST.XX 0.1, which "
                      "this repository cannot read: unknown revision '" + "1" * 40 + "'")


def test_a_form_without_its_identification_needs_the_revision(repo, capsys):
    form = _csv(repo, "bare.csv", ["5;EP;technical;Exported without the first row.;"], ident="")
    code, _, err = comments_import(repo, capsys, str(form), "--round", "r1")
    assert code == 1
    assert err[0] == ("bare.csv: the form does not say which revision of the standard it was made "
                      "on (its identification line is gone); give it with --revision REV")
    code, _, err = comments_import(repo, capsys, str(form), "--round", "r1", "--revision", "HEAD")
    assert code == 0, err
    assert records(repo)["EP-001"]["revision"] == BASE_COMMIT


def _docx_without_table(path: Path) -> Path:
    import docx

    doc = docx.Document()
    doc.add_paragraph("We have no comments.")
    doc.save(str(path))
    return path


@pytest.mark.parametrize("name, content, message", [
    ("notes.docx", b"just some text", "is not a Word document (.docx); save the form as .docx"),
    ("old.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100,
     "is an old binary Word (.doc) or Excel (.xls) file; save it as .docx"),
    ("zipped.docx", None, "is a zip file but not a Word document (.docx); save the form as .docx"),
    ("book.docx", (FORMS / "JP.xlsx").read_bytes(),
     "is a zip file but not a Word document (.docx); save the form as .docx"),
    ("sheet.xlsx", b"PK\x03\x04garbage", "is a zip file but not a spreadsheet (.xlsx); save the form as .xlsx"),
    ("form.ods", b"PK", "cannot read '.ods' files: save the form as .docx, .xlsx or .csv"),
])
def test_malformed_office_files_are_one_line(repo, capsys, name, content, message):
    path = repo.parent / name
    if content is None:
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w") as z:
            z.writestr("hello.txt", "not a document")
        content = buf.getvalue()
    path.write_bytes(content)
    code, _, err = comments_import(repo, capsys, str(path), "--round", "r1")
    assert code == 1
    assert err[0].startswith(f"{name}: {message}")
    assert len(err) == 2 and "Traceback" not in "\n".join(err)


def test_a_word_document_without_a_table(repo, capsys):
    path = _docx_without_table(repo.parent / "letter.docx")
    code, _, err = comments_import(repo, capsys, str(path), "--round", "r1")
    assert code == 1
    assert err[0] == ("letter.docx: the document has no table; comments are read from the table of "
                      "the comment form")


def test_a_spreadsheet_without_the_forms_header(repo, capsys):
    from openpyxl import Workbook

    wb = Workbook()
    wb.active.append(["Name", "Remark"])
    wb.active.append(["x", "y"])
    path = repo.parent / "list.xlsx"
    wb.save(str(path))
    code, _, err = comments_import(repo, capsys, str(path), "--round", "r1")
    assert code == 1
    assert err[0] == ("list.xlsx: the workbook has no table with the columns 'Paragraph "
                      "or requirement', 'Comment' (as the template of `stkit comments template` has)")


def test_a_bad_round_name_is_a_usage_error(repo, capsys):
    code = main(["comments", "import", "--root", str(repo), str(FORMS / "EP.docx"), "--round", "../x"])
    _, err = capsys.readouterr()
    assert code == 1
    assert "round name '../x' is not allowed" in err


def test_an_abbreviated_revision_is_recorded_in_full(repo, capsys):
    form = _csv(repo, "short.csv", ["5;EP;technical;Short commit id.;"],
                ident=f"stkit-form/1; standard=ST.XX; version=0.1; revision={BASE_COMMIT[:10]}")
    code, _, err = comments_import(repo, capsys, str(form), "--round", "r1")
    assert code == 0, err
    assert records(repo)["EP-001"]["revision"] == BASE_COMMIT
