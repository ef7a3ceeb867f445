"""The compilation of comments (HTML, Word, CSV) and the Task Force's dispositions."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import docx
import pytest
import yaml

from comment_repo import FIXTURES, make_repo

from stkit.cli import main

FORMS = FIXTURES / "forms"
ALL = ("EP.docx", "JP.xlsx", "CA.csv", "US-merged.docx")
# The standard's order: the document, paragraphs 1-3 (chapter 1), 4, FMT-001, 5, DLV-001,
# DLV-002 (chapter 2), Annex I.
ORDER = ["EP-003", "JP-001", "JP-004", "EP-001", "JP-002", "CA-001", "EP-002", "US-001", "JP-003"]


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def repo(tmp_path: Path, capsys) -> Path:
    root = make_repo(tmp_path / "std")
    code, _, err = run(capsys, "comments", "import", "--root", str(root),
                       *(str(FORMS / n) for n in ALL), "--round", "r1")
    assert code == 0, err
    return root


def dispose(root: Path, capsys, *args: str) -> tuple[int, str, str]:
    return run(capsys, "comments", "dispose", "--root", str(root), "--round", "r1", *args)


def test_dispose_records_decision_response_and_change(repo, capsys):
    code, out, _ = dispose(repo, capsys, "EP-001", "JP-002", "--decision", "accepted",
                           "--response", "Done: ST.96 named.", "--change", "#42")
    assert code == 0 and out == "comments/r1.yaml: EP-001, JP-002 accepted\n"
    data = yaml.safe_load((repo / "comments" / "r1.yaml").read_text(encoding="utf-8"))
    got = {c["id"]: c["disposition"] for c in data["comments"]}
    assert got["EP-001"] == {"decision": "accepted", "response": "Done: ST.96 named.", "change": "#42"}
    assert got["CA-001"] == {"decision": "open"}


def test_a_decision_needs_a_response(repo, capsys):
    code, _, err = dispose(repo, capsys, "EP-001", "--decision", "noted")
    assert code == 2
    assert err == "stkit: error: --decision noted needs --response TEXT: the answer to the office\n"


def test_an_unknown_comment_id(repo, capsys):
    code, _, err = dispose(repo, capsys, "EP-099", "--decision", "noted", "--response", "x")
    assert code == 1
    assert err == "stkit comments: comments/r1.yaml has no comment EP-099\n"


def _decide_some(root: Path, capsys) -> None:
    dispose(root, capsys, "EP-001", "--decision", "accepted", "--response", "Done.")
    dispose(root, capsys, "JP-001", "--decision", "accepted-in-part", "--response", "One example added.")
    dispose(root, capsys, "CA-001", "--decision", "not-accepted", "--response", "Frequency is for each office.")
    dispose(root, capsys, "US-001", "--decision", "noted", "--response", "For the next version.")


def test_csv_report_lists_every_comment_in_the_standards_order_with_its_disposition(repo, capsys):
    _decide_some(repo, capsys)
    code, out, _ = run(capsys, "comments", "report", "--root", str(repo), "--round", "r1", "--format", "csv")
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out.lstrip("\ufeff"))))
    assert [r["id"] for r in rows] == ORDER
    decisions = {r["id"]: (r["decision"], r["response"]) for r in rows}
    assert decisions["EP-001"] == ("accepted", "Done.")
    assert decisions["JP-001"] == ("accepted in part", "One example added.")
    assert decisions["CA-001"] == ("not accepted", "Frequency is for each office.")
    assert decisions["US-001"] == ("noted", "For the next version.")
    assert decisions["EP-002"] == ("open", "")


def test_html_report_has_counts_first_then_every_comment(repo, capsys, tmp_path):
    _decide_some(repo, capsys)
    out = tmp_path / "report.html"
    code, _, err = run(capsys, "comments", "report", "--root", str(repo), "--round", "r1", "-o", str(out))
    assert code == 0
    assert err == f"{out}: 9 comments, 5 open\n"
    html = out.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>\n<html lang=\"en\">")
    counts = html.index("Comments by office")
    assert counts < html.index("<table class=\"stkit-cmt-table\">")
    assert '<th scope="row">JP</th><td>4</td>' in html
    assert '<th scope="row">editorial</th><td>3</td>' in html
    assert '<th scope="row">accepted in part</th><td>1</td>' in html
    assert '<th scope="row">open</th><td>5</td>' in html
    positions = [html.index(f'<tr id="{cid.lower()}">') for cid in ORDER]
    assert positions == sorted(positions)
    assert "Frequency is for each office." in html


def test_word_report_for_the_secretariat(repo, capsys, tmp_path):
    _decide_some(repo, capsys)
    out = tmp_path / "compilation.docx"
    code, _, _ = run(capsys, "comments", "report", "--root", str(repo), "--round", "r1",
                     "--format", "docx", "-o", str(out))
    assert code == 0
    doc = docx.Document(str(out))
    office, kind, decision, comments = doc.tables
    assert [r.cells[0].text for r in office.rows] == ["Office", "CA", "EP", "JP", "US"]
    assert [r.cells[0].text for r in decision.rows] == [
        "Disposition", "open", "accepted", "accepted in part", "not accepted", "noted"]
    assert [r.cells[0].text for r in comments.rows[1:]] == ORDER
    row = comments.rows[1 + ORDER.index("CA-001")]
    assert row.cells[7].text == "not accepted\nFrequency is for each office."


def test_a_word_report_needs_a_file(repo, capsys):
    code, _, err = run(capsys, "comments", "report", "--root", str(repo), "--round", "r1", "--format", "docx")
    assert code == 2 and err == "stkit: error: a Word report needs -o FILE\n"


def test_report_of_an_unknown_round(repo, capsys):
    code, _, err = run(capsys, "comments", "report", "--root", str(repo), "--round", "r9")
    assert code == 1
    assert err.startswith("stkit comments: comments/r9.yaml: no such round")


def test_a_broken_round_file_is_one_located_line(repo, capsys):
    path = repo / "comments" / "r1.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("type: technical", "type: major", 1),
                    encoding="utf-8")
    code, _, err = run(capsys, "comments", "report", "--root", str(repo), "--round", "r1")
    assert code == 1
    assert err.startswith("stkit comments: comments/r1.yaml:") and "REG003" in err
    assert len(err.splitlines()) == 1
