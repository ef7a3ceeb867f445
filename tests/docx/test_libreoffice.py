"""LibreOffice, the Word client nobody here wrote, opens the DOCX and converts it to PDF
(stkit.docx.libreoffice, run by `make validate`); a file it cannot read is one line."""

from __future__ import annotations

import shutil

import pytest
from docx_build import build
from pypdf import PdfReader

from stkit.docx.libreoffice import main, to_pdf

pytestmark = pytest.mark.skipif(shutil.which("soffice") is None,
                                reason="LibreOffice is not installed (make validate installs "
                                       "libreoffice-writer and runs this conversion)")


def test_libreoffice_converts_the_docx_with_every_requirement(mini, tmp_path):
    built = build(mini)
    assert built.code == 0, built.warnings
    pdf, pages = to_pdf(built.path, tmp_path)
    assert pages >= 4  # title, contents, text, annex (each annex starts a page)
    text = " ".join(page.extract_text() for page in PdfReader(pdf).pages)
    for rid in ("IPDX-FMT-001", "IPDX-DLV-001", "IPDX-DLV-002"):
        assert rid in text
    assert "page: 3.XX.i.1" in text and "WORKING DRAFT" in text


def test_a_file_libreoffice_cannot_read_is_one_line(tmp_path, capsys):
    bad = tmp_path / "broken.docx"
    bad.write_bytes(b"PK\x03\x04 not really a zip")
    assert main([str(bad)]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert err == f"{bad}: LibreOffice could not open or convert it: Error: source file could not be loaded\n"
