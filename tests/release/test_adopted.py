"""A release of an adopted standard (one full build): named without -draft, built with
STKIT_RELEASE=1, no draft mark anywhere, the adoption printed alike in HTML, PDF and JSON."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest
from pypdf import PdfReader

from conftest import findings
from release_repo import COMMIT_EPOCH, make_adopted, release

STEM = "ST.XX-1.0"
ADOPTED = ("Adopted by the Committee on WIPO Standards (CWS) at its fourteenth session on "
           "27 November 2026")


@pytest.fixture(scope="module")
def adopted(tmp_path_factory) -> Path:
    root = make_adopted(tmp_path_factory.mktemp("adopted") / "mini")
    assert [d for d in findings(root)] == []  # clean, not even a note
    done = release(root)
    assert done.returncode == 0, done.stderr
    assert f"SOURCE_DATE_EPOCH={COMMIT_EPOCH}" in done.stderr
    return root / "dist" / STEM


def test_adopted_release_files_without_change_report(adopted):
    # No release tag before it: no change report.
    assert sorted(p.name for p in adopted.iterdir()) == [
        "SHA256SUMS", f"{STEM}-conformance-statement.schema.json", f"{STEM}-html.zip", f"{STEM}-registry.json", f"{STEM}-registry.schema.json",
        f"{STEM}-registry.yaml", f"{STEM}-requirements.csv", f"{STEM}.docx", f"{STEM}.pdf"]
    assert (adopted.parent / f"{STEM}.zip").is_file()


def test_no_draft_mark_and_the_adoption_printed_everywhere(adopted):
    with zipfile.ZipFile(adopted / f"{STEM}-html.zip") as zf:
        for name in zf.namelist():
            if name.endswith(".html"):
                assert "stkit-draft-banner" not in zf.read(name).decode("utf-8"), name
        index = zf.read(f"{STEM}-html/index.html").decode("utf-8")
    assert ADOPTED in index and "Version 1.0" in index
    reader = PdfReader(adopted / f"{STEM}.pdf")
    assert ADOPTED in reader.metadata.subject
    first = " ".join(reader.pages[0].extract_text().split())
    assert ADOPTED in first
    assert not any("DRAFT" in page.extract_text() for page in reader.pages)
    metadata = json.loads((adopted / f"{STEM}-registry.json").read_text(encoding="utf-8"))["metadata"]
    assert (metadata["status"], metadata["adoption_date"], metadata["cws_session"]) == \
        ("adopted", "2026-11-27", 14)
