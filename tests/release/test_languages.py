"""A release of a standard in English and French (`languages: [en, fr]`, catalogues made by the
real update and filled as a translator would): the bundle holds each language's HTML, PDF and
DOCX, a status line per language, all of it in the checksums and the archive; the release of
an adopted standard is refused while a French message is untranslated or outdated (TRN), one
line each. Two full releases for the whole file (module-scoped)."""

from __future__ import annotations

import dataclasses
import hashlib
import re
import subprocess
import zipfile
from pathlib import Path

import docx
import pytest
from pypdf import PdfReader

from conftest import line_of
from release_repo import (FR_PO, add_french, commit_all, dist_entries, make_adopted, make_repo,
                          release, replace, set_fuzzy)

from stkit.cli import main
from stkit.project import FsTree, load_project
from stkit.release.stamps import translation_problems

DRAFT = "ST.XX-0.1-draft"
ADOPTED = "ST.XX-1.0"
PENDING = "[traduction en attente]"
FUZZY = "Formats come first."  # made fuzzy in the draft: its English changed


@pytest.fixture(scope="module")
def draft(tmp_path_factory) -> tuple[Path, subprocess.CompletedProcess]:
    """Version 0.1, a draft, with a partial French translation, one of its messages outdated."""
    root = make_repo(tmp_path_factory.mktemp("draft") / "mini")
    add_french(root, complete=False)
    set_fuzzy(root, "02-requirements", FUZZY)
    commit_all(root, "French: the English of one paragraph changed")
    done = release(root, "--draft")
    assert done.returncode == 0, done.stderr
    return root, done


@pytest.fixture(scope="module")
def adopted(tmp_path_factory) -> Path:
    root = make_adopted(tmp_path_factory.mktemp("adopted") / "mini")
    add_french(root, complete=True)
    done = release(root)
    assert done.returncode == 0, done.stderr
    return root


def files(stem: str) -> list[str]:
    return sorted(["SHA256SUMS", f"{stem}-conformance-statement.schema.json", f"{stem}-html.zip",
                   f"{stem}-registry.json", f"{stem}-registry.schema.json", f"{stem}-registry.yaml",
                   f"{stem}-requirements.csv", f"{stem}.docx", f"{stem}.pdf",
                   f"{stem}-fr-html.zip", f"{stem}-fr.pdf", f"{stem}-fr.docx", f"{stem}-translations.txt"])


def test_the_draft_bundle_holds_each_language(draft):
    root, done = draft
    folder = root / "dist" / DRAFT
    assert sorted(p.name for p in folder.iterdir()) == files(DRAFT)
    assert dist_entries(root) == [DRAFT, f"{DRAFT}.zip"]
    with zipfile.ZipFile(root / "dist" / f"{DRAFT}.zip") as zf:
        assert sorted(n.split("/", 1)[1] for n in zf.namelist()) == files(DRAFT)


def test_the_translation_status_line_says_what_is_translated_and_pending(draft):
    root, done = draft
    # 96 messages: 21 of the text, 75 of the registry (the mini's 14 fields and the shared
    # catalogues' titles); 33 translated by the table (all of it but the one sentence the
    # adopted text words differently), one of them since made outdated
    status = (root / "dist" / DRAFT / f"{DRAFT}-translations.txt").read_text(encoding="utf-8")
    line = ("fr (French): 32 of 96 messages translated, 1 outdated, 64 pending (shown in English, "
            "marked); unofficial working translation")
    assert status == f"ST.XX version 0.1: translations\n{line}\n"
    assert f"translation {line}" in done.stderr.splitlines()


def test_the_checksums_list_every_language_and_verify(draft):
    root, _ = draft
    folder = root / "dist" / DRAFT
    sums = (folder / "SHA256SUMS").read_text(encoding="utf-8").splitlines()
    assert [line.split("  ", 1)[1] for line in sums] == [f for f in files(DRAFT) if f != "SHA256SUMS"]
    for line in sums:
        digest, name = line.split("  ", 1)
        assert hashlib.sha256((folder / name).read_bytes()).hexdigest() == digest, name
    check = subprocess.run(["sha256sum", "-c", "--quiet", "SHA256SUMS"], cwd=folder, capture_output=True, text=True)
    assert check.returncode == 0, check.stdout + check.stderr


def test_the_french_pdf_is_french(draft):
    root, _ = draft
    reader = PdfReader(root / "dist" / DRAFT / f"{DRAFT}-fr.pdf")
    assert str(reader.trailer["/Root"]["/Lang"]) == "fr"
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert "MANUEL DE L'OMPI" in text and "Réf. : Normes - ST.XX" in text and "fr / 03-XX-01" in text
    assert "Date : novembre 2026" in text and "NORME ST.XX" in text
    assert "HANDBOOK" not in text and "Ref.: Standards" not in text
    # the draft mark, in French, on every page
    assert all("PROJET DE TRAVAIL" in page.extract_text() for page in reader.pages)
    assert "Cette petite norme existe pour les tests." in " ".join(text.split())
    assert PENDING in text and "A data provider sends a data set" in " ".join(text.split())
    english = PdfReader(root / "dist" / DRAFT / f"{DRAFT}.pdf")
    assert str(english.trailer["/Root"]["/Lang"]) == "en"
    assert "attente" not in "\n".join(page.extract_text() for page in english.pages)


def test_the_french_docx_is_french(draft):
    root, _ = draft
    document = docx.Document(str(root / "dist" / DRAFT / f"{DRAFT}-fr.docx"))
    assert document.core_properties.language == "fr-FR"
    footer = " ".join(p.text for p in document.sections[0].footer.paragraphs)
    assert "fr / 03-XX-01" in footer and "PROJET DE TRAVAIL" in footer and "Date : novembre 2026" in footer
    texts = [p.text for p in document.paragraphs]
    assert "Généralités" in texts
    assert any(f"{PENDING} {FUZZY}" in t for t in texts)  # outdated: the English, marked
    assert docx.Document(str(root / "dist" / DRAFT / f"{DRAFT}.docx")).core_properties.language == "en-GB"


def test_the_two_html_zips_unpack_into_one_site_whose_language_switch_lands(draft, tmp_path):
    root, _ = draft
    folder = root / "dist" / DRAFT
    for name in (f"{DRAFT}-html.zip", f"{DRAFT}-fr-html.zip"):
        with zipfile.ZipFile(folder / name) as zf:
            zf.extractall(tmp_path)
    site = tmp_path / f"{DRAFT}-html"
    assert (site / "index.html").is_file() and (site / "fr" / "index.html").is_file()
    pages = [p for p in site.rglob("*.html") if p.name not in ("genindex.html", "search.html")]
    assert len(pages) >= 8
    for page in pages:
        text = page.read_text(encoding="utf-8")
        switch = re.search(r'<nav class="stkit-lang-switch".*?</nav>', text, re.S)
        assert switch, page
        targets = re.findall(r'<a href="([^"]+)" hreflang="(\w+)"', switch.group(0))
        assert len(targets) == 1, page
        for href, lang in targets:
            landed = (page.parent / href).resolve()
            assert landed.is_file(), f"{page.relative_to(site)} -> {href}"
            assert landed.name == page.name
            assert f'lang="{lang}"' in landed.read_text(encoding="utf-8").split(">", 2)[1]


def test_the_stamp_check_reads_the_french_outputs(draft, tmp_path):
    """What refuses a bundle whose French outputs do not say what the registry says (a stale
    build, a French PDF of another version, a draft mark on an adopted release)."""
    root, _ = draft
    folder = root / "dist" / DRAFT
    with zipfile.ZipFile(folder / f"{DRAFT}-fr-html.zip") as zf:
        zf.extractall(tmp_path)
    site = tmp_path / f"{DRAFT}-html" / "fr"
    md = load_project(FsTree(root)).registry.metadata
    outputs = {"html_dir": site, "pdf": folder / f"{DRAFT}-fr.pdf", "docx": folder / f"{DRAFT}-fr.docx"}
    assert translation_problems(md, "fr", draft=True, **outputs) == []
    other = dataclasses.replace(md, version="0.9")
    assert translation_problems(other, "fr", draft=True, **outputs) == [
        "HTML (fr) index.html: the title block does not say 'Version 0.9'",
        "PDF (fr): the title block on page 1 does not say 'Version 0.9'"]
    adopted = translation_problems(md, "fr", draft=False, **outputs)
    assert "HTML (fr) 01-general.html: the draft banner on an adopted release" in adopted
    assert "PDF (fr) page 1: a draft mark on an adopted release" in adopted
    assert "DOCX (fr) section 1: a draft mark in the footer of an adopted release" in adopted
    # the English PDF where the French one should be
    assert "PDF (fr): the document language is not 'fr'" in translation_problems(
        md, "fr", draft=True, **{**outputs, "pdf": folder / f"{DRAFT}.pdf"})


def test_the_adopted_release_in_two_languages(adopted):
    folder = adopted / "dist" / ADOPTED
    assert sorted(p.name for p in folder.iterdir()) == files(ADOPTED)
    status = (folder / f"{ADOPTED}-translations.txt").read_text(encoding="utf-8")
    assert status == ("ST.XX version 1.0: translations\nfr (French): 94 of 94 messages translated, "
                      "0 outdated, 0 pending (shown in English, marked); unofficial working translation\n")
    reader = PdfReader(folder / f"{ADOPTED}-fr.pdf")
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert str(reader.trailer["/Root"]["/Lang"]) == "fr"
    assert "PROJET" not in text and "DRAFT" not in text and PENDING not in text
    assert "RECOMMANDATION POUR L'ÉCHANGE DE DONNÉES DE PROPRIÉTÉ INTELLECTUELLE" in " ".join(text.replace("\u2019", "'").split())
    assert reader.metadata.title == ("ST.XX - Recommandation pour l'échange de données de "
                                     "propriété intellectuelle")
    with zipfile.ZipFile(folder / f"{ADOPTED}-fr-html.zip") as zf:
        for name in zf.namelist():
            if name.endswith(".html"):
                page = zf.read(name).decode("utf-8")
                assert "stkit-draft-banner" not in page and "stkit-pending" not in page, name
    document = docx.Document(str(folder / f"{ADOPTED}-fr.docx"))
    assert PENDING not in "\n".join(p.text for p in document.paragraphs)
    assert "Exigences" in [p.text for p in document.paragraphs if p.style.name == "Heading 1"]


def line_after(path: Path, needle: str, after: str) -> int:
    """1-based line of the first line containing `needle` after the line containing `after`."""
    lines = path.read_text(encoding="utf-8").split("\n")
    start = next(i for i, line in enumerate(lines) if after in line)
    return next(i for i in range(start, len(lines)) if needle in lines[i]) + 1


# --- an adopted standard is refused while a French message is untranslated or outdated -------

REASON = "an adopted release is published complete in each of its languages"


@pytest.fixture
def complete(tmp_path) -> Path:
    root = make_adopted(tmp_path / "mini")
    add_french(root, complete=True)
    return root


def refused(root: Path, capsys) -> list[str]:
    code = main(["release", "--root", str(root)])
    _, err = capsys.readouterr()
    lines = err.strip().splitlines()
    assert code == 1
    assert lines[-1] == f"stkit release: refused ({len(lines) - 1} problem{'s' if len(lines) > 2 else ''}); nothing was written"
    assert dist_entries(root) == []
    return lines[:-1]


def test_an_untranslated_message_refuses_an_adopted_release(complete, capsys):
    po = complete / FR_PO / "02-requirements.po"
    replace(po, 'msgstr "Les formats viennent en premier."', 'msgstr ""')
    commit_all(complete, "A translation taken back")
    line = line_after(po, 'msgstr ""', after='msgid "Formats come first."')
    assert refused(complete, capsys) == [
        f"{FR_PO}/02-requirements.po:{line}:9: TRN001 not translated into French yet: "
        f"'Formats come first.'; {REASON}: translate the message (any PO editor, Weblate or "
        f"Transifex), or leave it pending in a draft"]


def test_an_outdated_message_refuses_an_adopted_release(complete, capsys):
    line = set_fuzzy(complete, "02-requirements", FUZZY)
    commit_all(complete, "The English of a paragraph changed")
    assert refused(complete, capsys) == [
        f"{FR_PO}/02-requirements.po:{line}:9: TRN002 the English changed since this translation "
        f"was made; the build shows the English: 'Formats come first.'; {REASON}: update the "
        f"translation and remove the fuzzy flag"]


def test_a_statement_changed_after_its_translation_refuses_an_adopted_release(complete, capsys):
    registry = complete / "requirements_registry.yaml"
    replace(registry, "should give notice before it discontinues",
            "should give six months' notice before it discontinues")
    commit_all(complete, "A longer notice")  # `make translations` not run
    po = complete / FR_PO / "registry.po"
    # the translation (a msgstr wrapped over lines: its first line of text)
    line = line_of(po, '"Un fournisseur de données devrait donner')
    assert refused(complete, capsys) == [
        f"{FR_PO}/registry.po:{line}:2: TRN002 IPDX-DLV-001 statement: the English in the "
        f"registry changed since this translation was made; the build shows the English; "
        f"{REASON}: run `make translations`, then update the translation"]
