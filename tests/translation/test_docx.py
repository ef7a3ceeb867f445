"""A translation's Word document (`make docx` for each language the registry lists): named like
the PDFs, the document language set, the furniture in the language's words (the same data the
PDF uses), the English shown pending in runs of language English after the same visible mark,
pending headings marked but listed plainly in the contents; LibreOffice opens it."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from lxml import etree
from pypdf import PdfReader
from translation_site import REPO, french, french_template  # noqa: F401 (fixtures)

from stkit.docx.libreoffice import to_pdf
from stkit.pdf.furniture import furniture
from stkit.project import FsTree, load_project

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MARK = "[traduction en attente]"


def build_docx(root: Path, out: Path, lang: str) -> subprocess.CompletedProcess:
    """`make docx`'s command for one language, in its own process (gettext caches catalogues)."""
    language = [] if lang == "en" else ["-D", f"language={lang}"]
    return subprocess.run([sys.executable, "-m", "sphinx", "--no-color", "-b", "docx", "-c", str(REPO), "-W",
                           "--keep-going", "-q", *language, "-d", str(out.parent / f"doctrees-{lang}"),
                           str(root / "standard"), str(out)],
                          capture_output=True, text=True, env={**os.environ, "STKIT_ROOT": str(root)})


def part(path: Path, name: str) -> etree._Element:
    with zipfile.ZipFile(path) as zf:
        return etree.fromstring(zf.read(name))


def runs(p: etree._Element) -> list[tuple[str, str | None, str | None]]:
    """(text, character style, w:lang) of each run of paragraph `p`."""
    out = []
    for r in p.iter(W + "r"):
        style = r.find(f"{W}rPr/{W}rStyle")
        lang = r.find(f"{W}rPr/{W}lang")
        out.append(("".join(t.text or "" for t in r.iter(W + "t")),
                    style.get(W + "val") if style is not None else None,
                    lang.get(W + "val") if lang is not None else None))
    return out


def paragraph(body: etree._Element, needle: str) -> etree._Element:
    for p in body.iter(W + "p"):
        if needle in "".join(t.text or "" for t in p.iter(W + "t")):
            return p
    raise AssertionError(f"{needle!r} is in no paragraph")


def style_of(p: etree._Element) -> str:
    found = p.find(f"{W}pPr/{W}pStyle")
    return found.get(W + "val") if found is not None else ""


@pytest.fixture(scope="module")
def built(tmp_path_factory, french_template) -> tuple[Path, Path]:
    """The English and the French DOCX of the mini standard, into one folder as `make docx`."""
    root = tmp_path_factory.mktemp("docx") / "mini"
    shutil.copytree(french_template, root)
    out = root.parent / "docx"
    for lang in ("en", "fr"):
        done = build_docx(root, out, lang)
        assert done.returncode == 0, done.stderr
    return root, out


def test_each_language_is_named_like_the_pdfs(built):
    _, out = built
    assert sorted(p.name for p in out.glob("*.docx")) == ["ST.XX-0.1-fr.docx", "ST.XX-0.1.docx"]


def test_the_document_language(built):
    _, out = built
    for name, tag in (("ST.XX-0.1.docx", "en-GB"), ("ST.XX-0.1-fr.docx", "fr-FR")):
        defaults = part(out / name, "word/styles.xml").find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}lang")
        assert defaults.get(W + "val") == tag, name
        core = part(out / name, "docProps/core.xml")
        assert core.findtext("{http://purl.org/dc/elements/1.1/}language") == tag, name


def test_the_furniture_is_the_french_of_the_pdf(built):
    root, out = built
    md = load_project(FsTree(root)).registry.metadata
    f = furniture(md, "fr")  # what the French PDF prints
    path = out / "ST.XX-0.1-fr.docx"
    with zipfile.ZipFile(path) as zf:
        headers = " ".join(etree.fromstring(zf.read(n)).xpath("string()") for n in zf.namelist()
                           if n.startswith("word/header"))
        footers = " ".join(etree.fromstring(zf.read(n)).xpath("string()") for n in zf.namelist()
                           if n.startswith("word/footer"))
    assert f.handbook in headers and "MANUEL DE L'OMPI" in headers
    assert f.ref == "Réf. : Normes - ST.XX" and f.ref in headers
    assert "Réf. : Normes - ST.XX, Annexe I" in headers and "Annexe I, page " in headers
    assert "HANDBOOK" not in headers and "Annex I" not in headers.replace("Annexe I", "")
    assert f.footer_left == "fr / 03-XX-01" and f.footer_left in footers
    assert "Date : novembre 2026" in footers and "PROJET DE TRAVAIL" in footers
    body = part(path, "word/document.xml")
    assert style_of(paragraph(body, "Table des matières")) == "TOCHeading"
    assert style_of(paragraph(body, "NORME ST.XX")) == "TitleBlockNumber"


def test_translated_text_is_french_and_pending_text_english_after_the_mark(built):
    _, out = built
    body = part(out / "ST.XX-0.1-fr.docx", "word/document.xml")
    translated = paragraph(body, "Cette petite norme existe pour les tests.")
    assert all(lang is None for _, _, lang in runs(translated))  # the document's language
    assert MARK not in "".join(text for text, _, _ in runs(translated))
    pending = runs(paragraph(body, "A data provider sends a data set"))
    assert pending[0][:2] == ("2.", "ParagraphNumber")  # the hanging number, then a tab
    pending = [run for run in pending[1:] if run[0]]
    assert pending[0] == (MARK, "TranslationPending", None)
    english = [(text, lang) for text, _, lang in pending[1:] if text.strip()]
    assert english and all(lang == "en-GB" for _, lang in english), english
    # a requirement: the translated statement in French, an untranslated one pending
    assert "doit" in "".join(t for t, _, _ in runs(paragraph(body, "Un fournisseur de données doit livrer")))
    may = runs(paragraph(body, "may offer a Web API"))
    assert (MARK, "TranslationPending", None) in may
    assert {lang for text, _, lang in may if "Web API" in text} == {"en-GB"}


def test_a_pending_heading_is_marked_and_listed_plainly_in_the_contents(built):
    _, out = built
    body = part(out / "ST.XX-0.1-fr.docx", "word/document.xml")
    heading = [p for p in body.iter(W + "p") if style_of(p) == "Heading1"
               and "Requirements" in "".join(t.text or "" for t in p.iter(W + "t"))]
    assert len(heading) == 1
    assert runs(heading[0])[0] == (MARK, "TranslationPending", None)
    assert [lang for text, _, lang in runs(heading[0]) if "Requirements" in text] == ["en-GB"]
    assert any(b.get(W + "name") == "requirements" for b in heading[0].iter(W + "bookmarkStart"))
    translated = [p for p in body.iter(W + "p") if style_of(p) == "Heading1"
                  and "Généralités" in "".join(t.text or "" for t in p.iter(W + "t"))]
    assert len(translated) == 1 and MARK not in "".join(t.text or "" for t in translated[0].iter(W + "t"))
    contents = ["".join(t.text or "" for t in p.iter(W + "t")) for p in body.iter(W + "p")
                if style_of(p) == "toc1"]
    assert contents == ["Généralités", "Requirements", "Annex I: Traceability"]


def test_the_english_docx_has_no_mark(built):
    _, out = built
    body = part(out / "ST.XX-0.1.docx", "word/document.xml")
    text = "".join(t.text or "" for t in body.iter(W + "t"))
    assert "attente" not in text and "pending" not in text
    assert not list(body.iter(W + "lang"))


@pytest.mark.skipif(shutil.which("soffice") is None,
                    reason="LibreOffice is not installed (make validate installs libreoffice-writer)")
def test_libreoffice_opens_the_french_docx(built, tmp_path):
    _, out = built
    pdf, pages = to_pdf(out / "ST.XX-0.1-fr.docx", tmp_path)
    assert pages >= 4
    text = " ".join(page.extract_text() for page in PdfReader(pdf).pages)
    assert "Réf. : Normes - ST.XX" in text and MARK in text and "Généralités" in text.replace("GÉNÉRALITÉS", "Généralités")
