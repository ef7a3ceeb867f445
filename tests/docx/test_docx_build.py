"""The Word document of the mini standard, built with the real Sphinx and read back with
python-docx: what a reader, an editor restyling it and Word's navigation see."""

from __future__ import annotations

import os
import zipfile
from datetime import datetime, timezone

import pytest
from docx_build import W, bookmarks, build, links, numbers, open_docx, part, styled

from conftest import replace_in
from stkit.docx.check import check_package
from stkit.project import FsTree, load_project


@pytest.fixture
def built(mini, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764028800")  # 2025-11-25T00:00:00Z
    result = build(mini)
    assert result.code == 0, result.warnings
    return result


def test_the_file_is_named_after_the_standard_and_passes_the_package_check(built):
    assert built.path.name == "ST.XX-0.1.docx"
    assert check_package(built.path) == []


def test_every_requirement_id_in_order(built):
    statements = styled(open_docx(built.path), "Requirement")
    assert [s.split("]")[0] + "]" for s in statements] == [
        "[IPDX-FMT-001]", "[IPDX-DLV-001]", "[IPDX-DLV-002]"]
    assert statements[0] == "[IPDX-FMT-001] A data provider shall deliver XML data sets in the format of ST.96."


def test_every_paragraph_number_of_the_text_in_order(built, mini):
    written = [f"{p.number}." for p in load_project(FsTree(mini)).paragraphs]
    assert numbers(open_docx(built.path)) == written == ["1.", "2.", "3.", "4.", "5.", "1.", "2."]


def test_headings_are_word_heading_styles(built):
    document = open_docx(built.path)
    headings = [(p.style.name, p.text) for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert headings == [("Heading 1", "General"), ("Heading 1", "Requirements"),
                        ("Heading 1", "Annex I: Traceability")]
    style = document.styles["Heading 1"]
    assert style.builtin and style.font.all_caps  # WIPO's capitalised headings, by the style
    assert style.element.pPr.find(W + "outlineLvl").get(W + "val") == "0"


def test_requirement_boxes_hold_id_keyword_level_and_references(built):
    document = open_docx(built.path)
    details = styled(document, "Requirement Details")
    assert "XML data in ST.96 · Requirement (shall) · Level 1 (foundation) · applies to: provider" in details
    assert "References: ST.96 Annex III" in details
    statement = next(p for p in document.paragraphs if p.text.startswith("[IPDX-FMT-001]"))
    keyword = [r for r in statement.runs if r.text == "shall"]
    assert keyword and keyword[0].style.name == "Keyword"


def test_bookmarks_at_every_requirement_paragraph_term_and_table_row(built):
    names = set(bookmarks(part(built.path)))
    assert {"req_ipdx_fmt_001", "req_ipdx_dlv_001", "req_ipdx_dlv_002"} <= names
    assert {"para_1", "para_2", "para_3", "para_4", "para_5", "annex_i_para_1", "annex_i_para_2"} <= names
    assert {"para_terms", "term_data_provider", "ip5_ip5_availability", "general"} <= names


def test_cross_references_are_hyperlinks_to_the_bookmarks(built):
    found = links(part(built.path))
    assert ("2", "para_2") in found  # {para}`para-terms`
    assert ("IPDX-FMT-001", "req_ipdx_fmt_001") in found  # {req}, and the requirements table
    assert ("ip5/availability", "ip5_ip5_availability") in found  # a requirement's IP5 link
    names = set(bookmarks(part(built.path)))
    assert all(anchor in names for _, anchor in found)


def test_tables_repeat_their_header_row(built):
    document = open_docx(built.path)
    assert len(document.tables) == 4
    for table in document.tables:
        first = table.rows[0]._tr
        assert first.find(f"{W}trPr/{W}tblHeader") is not None
    ids = [row.cells[0].text for row in document.tables[0].rows]
    assert ids[0] == "ID" and "IPDX-FMT-001" in ids and "IPDX-DLV-003" in ids  # withdrawn too


def test_identifiers_do_not_break_at_their_hyphens(built):
    root = part(built.path)
    runs = [r for r in root.iter(W + "r") if "IPDX" in "".join(r.itertext())]
    assert runs and all(r.find(W + "noBreakHyphen") is not None for r in runs)


def test_contents_field_and_furniture_with_page_number_fields(built):
    root = part(built.path)
    instructions = [t.text.strip() for t in root.iter(W + "instrText")]
    assert instructions[0].startswith("TOC \\o")
    document = open_docx(built.path)
    body, annex = document.sections[0], document.sections[-1]
    assert [p.text for p in body.header.paragraphs] == [
        "HANDBOOK ON INDUSTRIAL PROPERTY INFORMATION AND DOCUMENTATION", "Ref.: Standards - ST.XX\tpage: 3.XX.1"]
    assert "Ref.: Standards - ST.XX, Annex I\tpage: 3.XX.i.1" in [p.text for p in annex.header.paragraphs]
    assert [p.text for p in body.footer.paragraphs] == ["en / 03-XX-01\tWORKING DRAFT\tDate: November 2026"]
    header_fields = [t.text.strip() for t in body.header._element.iter(W + "instrText")]
    assert header_fields == ["PAGE"]
    assert annex._sectPr.find(W + "pgNumType").get(W + "start") == "1"


def test_a_draft_is_marked_and_an_adopted_standard_is_not(built, mini, monkeypatch):
    assert styled(open_docx(built.path), "Draft Mark") == ["WORKING DRAFT"]
    v = "{urn:schemas-microsoft-com:vml}"
    for section in open_docx(built.path).sections:  # the watermark on every page
        marks = [t.get("string") for t in section.header._element.iter(v + "textpath") if t.get("string")]
        assert marks == ["WORKING DRAFT"]
    replace_in(mini / "requirements_registry.yaml", "status: working-draft",
               'status: adopted\n  adoption_date: "2026-11-27"')
    adopted = build(mini, mini.parent / "adopted")
    assert adopted.code == 0, adopted.warnings
    document = open_docx(adopted.path)
    assert styled(document, "Draft Mark") == []
    assert "WORKING DRAFT" not in document.sections[0].footer.paragraphs[0].text
    assert not list(document.sections[0].header._element.iter("{urn:schemas-microsoft-com:vml}shape"))


def test_the_same_sources_give_the_same_bytes(built, mini):
    again = build(mini, mini.parent / "again")
    assert again.path.read_bytes() == built.path.read_bytes()
    core = open_docx(built.path).core_properties
    epoch = datetime(2025, 11, 25, tzinfo=timezone.utc)
    assert core.created == core.modified == epoch
    assert core.title == "ST.XX - Recommendation for the exchange of intellectual property data"
    with zipfile.ZipFile(built.path) as zf:
        assert {info.date_time for info in zf.infolist()} == {(2025, 11, 25, 0, 0, 0)}
        assert zf.namelist()[0] == "[Content_Types].xml"


def test_markup_without_a_word_form_fails_with_file_and_line_and_writes_nothing(mini):
    first = build(mini)
    assert first.code == 0 and first.path.exists()
    path = mini / "standard" / "02-requirements.md"
    path.write_text(path.read_text(encoding="utf-8") + "\n6. A note.[^n]\n\n[^n]: The footnote.\n",
                    encoding="utf-8")
    failed = build(mini, first.out)
    assert failed.code == 2
    assert failed.warnings[0] == (
        "standard/02-requirements.md:20: ERROR: DOCX the Word output has no form for a "
        "'footnote_reference' node (markup the DOCX builder does not know yet); nothing was "
        "written [stkit.DOCX]")
    assert list(first.out.glob("*.docx")) == []  # not even the previous build's file
    assert os.path.isdir(first.out)


def test_the_package_carries_nothing_of_python_docx_s_template(built):
    """No thumbnail of an empty page, no "Microsoft Macintosh Word" with 0 words."""
    with zipfile.ZipFile(built.path) as zf:
        assert not [n for n in zf.namelist() if "thumbnail" in n]
        assert b"<Application>stkit (python-docx)</Application>" in zf.read("docProps/app.xml")
