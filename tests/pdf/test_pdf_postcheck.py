"""The post-check reads the PDF once (pikepdf) and each page's text with pdftotext, the latter
from a copy without the output intent and while the rest is checked: it still refuses a page
without its furniture or with a requirement ID split across lines, names the first failure in
the same order as before, and leaves the checked file as it was."""

from __future__ import annotations

import io
from datetime import datetime, timezone

import pikepdf
import pytest
from weasyprint import HTML

from stkit.pdf import archive, tagging
from stkit.pdf.errors import PdfError
from stkit.pdf.postcheck import Expect, check_pdf, page_texts, text_copy

WHEN = datetime(2025, 11, 24, tzinfo=timezone.utc)
PAGE = """<html lang="en"><head><title>ST.XX - Test</title><meta name="description" content="A test">
<style>@page {{ @top-left {{ content: "Ref.: Standards - ST.XX" }}
                @bottom-right {{ content: "Date: November 2026" }} }}</style></head>
<body><h1>First</h1><p>One.</p>{more}<h1 style="break-before: page">Second</h1><p>Two.</p></body></html>"""
EXPECT = Expect(attachments=(archive.REGISTRY_ATTACHMENT, archive.SCHEMA_ATTACHMENT),
                header="Ref.: Standards - ST.XX", page_label="", footer="Date: November 2026", draft="",
                title="ST.XX - Test", lang="en")


def write(tmp_path, more: str = "", *, finish: bool = True):
    path = tmp_path / "t.pdf"
    HTML(string=PAGE.format(more=more)).write_pdf(
        path, pdf_variant=archive.PDF_VARIANT, pdf_tags=True, finisher=tagging.finish if finish else None,
        attachments=archive.attachments({"metadata": {}}, WHEN))
    return path


def test_a_good_pdf_passes_and_is_left_as_it_was(tmp_path):
    path = write(tmp_path)
    before = path.read_bytes()
    report = check_pdf(path, EXPECT)
    assert (report.pages, report.bookmarks) == (2, 2)
    assert report.structure.headings == 2
    assert path.read_bytes() == before


def test_a_page_without_its_furniture_is_named(tmp_path):
    path = write(tmp_path)
    with pytest.raises(PdfError) as caught:
        check_pdf(path, Expect(**{**EXPECT.__dict__, "footer": "Date: December 2026"}), shown="ST.XX.pdf")
    assert str(caught.value) == "ST.XX.pdf: page 1: the page furniture 'Date: December 2026' is missing"


def test_a_requirement_id_split_across_lines_is_named(tmp_path):
    path = write(tmp_path, "<p>It cites IPDX-DAT-<br>001 here.</p>")
    with pytest.raises(PdfError) as caught:
        check_pdf(path, EXPECT)
    assert str(caught.value) == "t.pdf: page 1: a requirement ID is split across lines at 'IPDX-DAT-'"


def test_the_structure_is_reported_before_the_text(tmp_path):
    """Both fail here (no /Scope on a header cell; no such footer): the first failure named is
    the structure's, as when the checks ran one after the other."""
    path = write(tmp_path, "<table><thead><tr><th>H</th></tr></thead><tbody><tr><td>1</td></tr></tbody></table>",
                 finish=False)
    with pytest.raises(PdfError) as caught:
        check_pdf(path, Expect(**{**EXPECT.__dict__, "footer": "nowhere"}))
    assert str(caught.value).startswith("t.pdf: not accessible as tagged: ")


def test_the_text_copy_drops_only_the_output_intent(tmp_path):
    path = write(tmp_path, "<p>It cites IPDX-DAT-001 and ST.96.</p>")
    copy = text_copy(path)
    with pikepdf.open(path) as original:
        assert "/OutputIntents" in original.Root
        before = page_texts(path.read_bytes(), 2)
    with pikepdf.open(io.BytesIO(copy)) as stripped:
        assert "/OutputIntents" not in stripped.Root
        assert "/StructTreeRoot" in stripped.Root and len(stripped.pages) == 2
    assert page_texts(copy, 2) == before
    assert "IPDX-DAT-001" in before[0] and "Date: November 2026" in before[1]


def test_a_file_that_is_no_pdf_is_one_line(tmp_path):
    path = tmp_path / "t.pdf"
    path.write_bytes(b"%PDF-1.7\nnot really\n")
    with pytest.raises(PdfError) as caught:
        check_pdf(path, EXPECT)
    assert str(caught.value).startswith("t.pdf: not a readable PDF (")
    assert "\n" not in str(caught.value)
