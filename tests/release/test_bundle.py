"""A full draft release of the mini standard, built twice from the same commits in two
folders (module-scoped: two full builds for the whole file): every file is there, the
archives are byte-stable, the exports read back, the outputs agree with the registry."""

from __future__ import annotations

import csv
import dataclasses
import hashlib
import io
import json
import re
import subprocess
import time
import zipfile
from pathlib import Path

import pytest
import yaml
from pypdf import PdfReader

from release_repo import SECOND_EPOCH, make_history, release

from stkit.project import FsTree, load_project
from stkit.release.stamps import StampError, verify

STEM = "ST.XX-0.2-draft"
FILES = [
    "SHA256SUMS",
    f"{STEM}-changes.docx",
    f"{STEM}-changes.html",
    f"{STEM}-changes.md",
    f"{STEM}-conformance-statement.schema.json",
    f"{STEM}-html.zip",
    f"{STEM}-registry.json",
    f"{STEM}-registry.schema.json",
    f"{STEM}-registry.yaml",
    f"{STEM}-requirements.csv",
    f"{STEM}.docx",
    f"{STEM}.pdf",
]


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> tuple[Path, subprocess.CompletedProcess]:
    """Version 0.2 of the mini standard (0.1 tagged before it), released as a draft."""
    root = make_history(tmp_path_factory.mktemp("a") / "mini")
    done = release(root, "--draft")
    assert done.returncode == 0, done.stderr
    return root, done


@pytest.fixture(scope="module")
def rebuilt(tmp_path_factory) -> Path:
    """The same commits in another folder, built later, over an older bundle with --force."""
    root = make_history(tmp_path_factory.mktemp("b") / "elsewhere")
    old = root / "dist" / STEM
    old.mkdir(parents=True)
    (old / "stale.txt").write_text("from an earlier build\n", encoding="utf-8")
    time.sleep(2)  # a later time, on the zip's two-second clock too
    done = release(root, "--draft", "--force")
    assert done.returncode == 0, done.stderr
    return root


def bundle(root: Path) -> Path:
    return root / "dist" / STEM


def test_draft_release_has_every_file_and_nothing_else(built):
    root, done = built
    assert sorted(p.name for p in bundle(root).iterdir()) == FILES
    assert sorted(p.name for p in (root / "dist").iterdir()) == [STEM, f"{STEM}.zip"]
    assert f"dist/{STEM}.zip" in done.stdout.splitlines()
    assert f"changes since v0.1: dist/{STEM}/{STEM}-changes.html" in done.stdout


def test_checksums_cover_every_file_sorted_and_verify(built):
    root, _ = built
    folder = bundle(root)
    lines = (folder / "SHA256SUMS").read_text(encoding="utf-8").splitlines()
    names = [line.split("  ", 1)[1] for line in lines]
    assert names == sorted(names) == [f for f in FILES if f != "SHA256SUMS"]
    for line in lines:
        digest, name = line.split("  ", 1)
        assert hashlib.sha256((folder / name).read_bytes()).hexdigest() == digest
    check = subprocess.run(["sha256sum", "--check", "--strict", "SHA256SUMS"], cwd=folder,
                           capture_output=True, text=True)
    assert check.returncode == 0, check.stdout + check.stderr


def test_same_commit_in_another_folder_later_gives_identical_bytes(built, rebuilt):
    root, _ = built
    assert (bundle(rebuilt) / "SHA256SUMS").read_bytes() == (bundle(root) / "SHA256SUMS").read_bytes()
    assert (rebuilt / "dist" / f"{STEM}.zip").read_bytes() == (root / "dist" / f"{STEM}.zip").read_bytes()


def test_force_replaces_the_old_release_whole(rebuilt):
    assert sorted(p.name for p in bundle(rebuilt).iterdir()) == FILES
    assert sorted(p.name for p in (rebuilt / "dist").iterdir()) == [STEM, f"{STEM}.zip"]


def test_zip_entries_carry_the_commit_time_sorted_with_fixed_modes(built):
    root, _ = built
    commit_time = time.gmtime(SECOND_EPOCH)[:6]
    with zipfile.ZipFile(root / "dist" / f"{STEM}.zip") as zf:
        infos = zf.infolist()
        assert [i.filename for i in infos] == [f"{STEM}/{name}" for name in FILES]
        assert zf.read(f"{STEM}/SHA256SUMS") == (bundle(root) / "SHA256SUMS").read_bytes()
    with zipfile.ZipFile(bundle(root) / f"{STEM}-html.zip") as zf:
        site = zf.infolist()
        names = [i.filename for i in site]
    assert names == sorted(names)
    assert f"{STEM}-html/index.html" in names
    assert not any(n.endswith(".buildinfo") or "/.doctrees/" in n for n in names)
    for info in infos + site:
        assert info.date_time == commit_time, info.filename
        assert info.external_attr >> 16 == 0o100644, info.filename
        assert info.compress_type == zipfile.ZIP_DEFLATED


def test_csv_opens_with_one_row_per_requirement(built):
    root, _ = built
    raw = (bundle(root) / f"{STEM}-requirements.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    assert raw.count(b"\r\n") == 5 and b"\n" not in raw.replace(b"\r\n", b"")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    assert list(rows[0]) == ["id", "title", "statement", "obligation", "category", "level",
                             "applies_to", "references", "ip5", "challenges", "status", "rationale",
                             "since", "withdrawn_in", "withdrawn_reason", "replaced_by", "waivers"]
    registry = load_project(FsTree(root)).registry
    assert [r["id"] for r in rows] == [req.id for req in registry.requirements]
    by_id = {r["id"]: r for r in rows}
    assert by_id["IPDX-DLV-001"]["statement"] == ("A data provider should give six months' notice "
                                                  "before it discontinues a data set.")
    assert by_id["IPDX-DLV-001"]["challenges"] == "collect/sudden-discontinuation; collect/irregular-delivery"
    assert by_id["IPDX-FMT-001"]["references"] == "ST.96 Annex III"
    assert by_id["IPDX-DLV-003"]["status"] == "withdrawn"
    assert by_id["IPDX-DLV-003"]["withdrawn_in"] == "0.1"


def test_registry_json_is_the_yaml_data_with_sorted_keys(built):
    root, _ = built
    text = (bundle(root) / f"{STEM}-registry.json").read_text(encoding="utf-8")
    assert text.endswith("}\n")
    data = json.loads(text)
    assert data == yaml.safe_load((root / "requirements_registry.yaml").read_text(encoding="utf-8"))
    assert text == json.dumps(data, sort_keys=True, ensure_ascii=False, indent=2) + "\n"
    assert (bundle(root) / f"{STEM}-registry.yaml").read_bytes() == \
        (root / "requirements_registry.yaml").read_bytes()
    schema = json.loads((bundle(root) / f"{STEM}-registry.schema.json").read_text(encoding="utf-8"))
    assert schema["$defs"]["metadata"]["properties"]["status"]["enum"]
    statement = json.loads((bundle(root) / f"{STEM}-conformance-statement.schema.json").read_text(encoding="utf-8"))
    assert statement["title"] == "Conformance statement of an IP office"


def test_change_report_compares_with_the_previous_tag(built):
    root, _ = built
    md = (bundle(root) / f"{STEM}-changes.md").read_text(encoding="utf-8")
    assert md.startswith("**Changes since `v0.1`**")
    assert "six months" in md
    assert "version: `0.1` → `0.2`" in md
    page = (bundle(root) / f"{STEM}-changes.html").read_text(encoding="utf-8")
    assert "six months" in page and "IPDX-DLV-001" in page


def test_the_word_files_the_text_and_its_changes_as_tracked_changes(built):
    import docx
    root, _ = built
    document = docx.Document(str(bundle(root) / f"{STEM}.docx"))
    assert [p.text for p in document.paragraphs if p.style.name == "Draft Mark"] == ["WORKING DRAFT"]
    assert all("WORKING DRAFT" in s.footer.paragraphs[0].text for s in document.sections)
    with zipfile.ZipFile(bundle(root) / f"{STEM}-changes.docx") as zf:
        xml = zf.read("word/document.xml").decode("utf-8")
    assert re.findall(r'<w:ins w:id="\d+" w:author="([^"]+)" w:date="([^"]+)"><w:r><w:t xml:space="preserve">'
                      r"([^<]*)</w:t>", xml) == [("Test", "2026-11-25T09:30:00Z", " six months\u2019")]


def test_every_html_and_pdf_page_is_marked_draft(built, tmp_path):
    root, _ = built
    with zipfile.ZipFile(bundle(root) / f"{STEM}-html.zip") as zf:
        pages = [n for n in zf.namelist() if n.endswith(".html")]
        assert len(pages) >= 5
        for name in pages:
            assert 'class="stkit-draft-banner">DRAFT<' in zf.read(name).decode("utf-8"), name
    reader = PdfReader(bundle(root) / f"{STEM}.pdf")
    assert reader.metadata.title == "ST.XX - Recommendation for the exchange of intellectual property data"
    assert "version 0.2" in reader.metadata.subject
    assert sorted(reader.attachments) == ["registry.schema.json", "requirements_registry.json"]
    for number, page in enumerate(reader.pages, start=1):
        assert "DRAFT" in page.extract_text(), number


def test_outputs_that_disagree_with_the_registry_are_refused(built, tmp_path):
    """The stamp check itself: the built outputs against metadata that says otherwise."""
    root, _ = built
    with zipfile.ZipFile(bundle(root) / f"{STEM}-html.zip") as zf:
        zf.extractall(tmp_path)
    html_dir = tmp_path / f"{STEM}-html"
    md = load_project(FsTree(root)).registry.metadata
    data = (bundle(root) / f"{STEM}-registry.json").read_bytes()
    pdf = bundle(root) / f"{STEM}.pdf"
    verify(md, html_dir=html_dir, pdf=pdf, registry_json=data, draft=True)  # agrees
    other = dataclasses.replace(md, version="0.3")
    with pytest.raises(StampError) as caught:
        verify(other, html_dir=html_dir, pdf=pdf, registry_json=data, draft=True)
    message = str(caught.value)
    assert "registry JSON: version is '0.2', the registry says '0.3'" in message
    assert "HTML index.html: the title block's version reads 'Version 0.2', not 'Version 0.3'" in message
    assert "PDF: the subject" in message and "does not say 'version 0.3'" in message
    with pytest.raises(StampError) as caught:
        verify(md, html_dir=html_dir, pdf=pdf, registry_json=data, draft=False)
    assert "HTML index.html: the DRAFT banner on an adopted release" in str(caught.value)
    assert "PDF page 1: a draft mark on an adopted release" in str(caught.value)
    docx_file = bundle(root) / f"{STEM}.docx"
    with pytest.raises(StampError) as caught:
        verify(other, html_dir=html_dir, pdf=pdf, registry_json=data, draft=True, docx=docx_file)
    assert "DOCX: the title block's version reads 'Version 0.2', not 'Version 0.3'" in str(caught.value)
    with pytest.raises(StampError) as caught:
        verify(md, html_dir=html_dir, pdf=pdf, registry_json=data, draft=False, docx=docx_file)
    assert "DOCX: a draft mark on an adopted release" in str(caught.value)
