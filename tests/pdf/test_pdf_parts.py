"""The parts of the PDF build that need no rendering: the print page made from a singlehtml
page, the furniture's words, the build dates."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from stkit.model import Metadata
from stkit.pdf.archive import build_time
from stkit.pdf.build import _check_links
from stkit.pdf.errors import PdfError
from stkit.pdf.furniture import css_string, furniture, stylesheet
from stkit.pdf.printhtml import make_print_page

FIELDS = dict(title="ST.XX - T", lang="en", description="d", author="a", keywords="k",
              created="2026-11-25T00:00:00Z", draft="WORKING DRAFT")

SINGLEHTML = """<!DOCTYPE html><html><head><link rel="stylesheet" href="_static/furo.css">
<script src="x.js"></script></head><body><div class="sidebar">Navigation</div>
<article role="main"><div class="stkit-title-block"><p>STANDARD ST.XX</p></div>
<div class="toctree-wrapper compound">
<span id="document-01-general"></span><section id="general"><h1>General<a class="headerlink" href="#general">¶</a></h1>
<div class="stkit-para" id="para-1"><p><a class="stkit-para-num" href="#para-1">1.</a> See
<a href="#document-02-reqs#req-ipdx-fmt-001">IPDX-FMT-001</a>, <a href="#document-annex-i">the annex</a>,
<a href="genindex.html">the index</a> and <a href="https://www.wipo.int/">WIPO</a>.</p></div>
<section id="sub"><h2>Sub</h2></section></section>
<span id="document-02-reqs"></span><section id="requirements"><h1>Requirements</h1>
<div class="stkit-req" id="req-ipdx-fmt-001"><p>[IPDX-FMT-001]</p></div></section>
<span id="document-annex-i"></span><section id="annex-i-traceability"><h1>Annex I: Traceability</h1></section>
</div></article><footer>Made with Sphinx</footer></body></html>"""


def page(**kw):
    return make_print_page(SINGLEHTML, annex_docs={"annex-i": "I"}, fields={**FIELDS, **kw})


def test_only_the_main_content_is_kept():
    html = page().html
    assert "Navigation" not in html and "Made with Sphinx" not in html
    assert "furo.css" not in html and "x.js" not in html and "¶" not in html
    assert '<html lang="en">' in html and "<title>ST.XX - T</title>" in html


def test_singlehtml_links_keep_their_last_fragment():
    html = page().html
    assert 'href="#req-ipdx-fmt-001"' in html
    assert 'href="#annex-i-traceability"' in html  # a link to a whole document: its section
    assert "#document-" not in html.replace('id="document-', "")
    assert "genindex.html" not in html  # a file of the HTML build means nothing in the PDF
    assert 'href="https://www.wipo.int/"' in html
    _check_links(html)


def test_the_hanging_number_is_not_followed_by_a_space():
    assert '1.</a>See' in page().html.replace("\n", " ")


def test_annex_sections_are_marked_and_listed_with_annex_page_numbers():
    result = page()
    assert result.annexes == {"annex-i-traceability": "I"}
    assert 'class="annex annex-i" data-annex="I"' in result.html
    toc = result.html[result.html.index('<nav class="toc"'): result.html.index("</ul></nav>")]
    assert [line for line in toc.split("<li") if "href" in line] == [
        ' class="toc-h1"><a href="#general">General</a></li>',
        ' class="toc-h2"><a href="#sub">Sub</a></li>',
        ' class="toc-h1"><a href="#requirements">Requirements</a></li>',
        ' class="toc-h1 toc-annex-i"><a href="#annex-i-traceability">Annex I: Traceability</a></li>',
    ]
    assert result.html.index('<nav class="toc"') > result.html.index("STANDARD ST.XX")


def test_draft_mark_is_a_page_background_only_on_drafts():
    """The watermark is a picture behind every page (so a tagged PDF makes it an artifact a
    screen reader skips), not text in the page; an adopted standard has none."""
    assert "draft" not in page().html.split("<main>")[1]
    css = stylesheet(furniture(metadata(status="working-draft")), [])
    assert "background: url(\"data:image/svg+xml," in css and "WORKING%20DRAFT" in css
    assert "background" not in stylesheet(furniture(metadata()), [])


def test_a_page_without_main_content_is_refused():
    with pytest.raises(PdfError, match=r"no main content"):
        make_print_page("<html><body><p>Hi</p></body></html>", annex_docs={}, fields=FIELDS)


def test_a_link_to_a_missing_anchor_is_refused():
    with pytest.raises(PdfError, match=r"^a link points at #nowhere, which is nowhere in the document$"):
        _check_links('<p id="here"><a href="#nowhere">x</a></p>')
    with pytest.raises(PdfError, match=r"still points at #document-a#b"):
        _check_links('<a href="#document-a#b">x</a>')


def metadata(**kw) -> Metadata:
    base = dict(number="ST.96", title="T", version="1.0", status="adopted", date="2026-03-09",
                task=1, prepared_by="TF", languages=["fr", "en"], cws_session=14,
                adoption_date="2026-03-09")
    return Metadata(**{**base, **kw})


def test_furniture_follows_the_number_language_and_date():
    f = furniture(metadata())  # English, the source, whatever languages the registry lists
    assert (f.ref, f.page_prefix, f.footer_left, f.footer_right, f.draft) == (
        "Ref.: Standards - ST.96", "page: 3.96.", "en / 03-96-01", "Date: March 2026", "")
    # a translation's PDF: its furniture in its own words (tools/stkit/translation/words/)
    f = furniture(metadata(status="working-draft"), "fr")
    assert (f.ref, f.page_prefix, f.footer_left, f.footer_right, f.draft) == (
        "Réf. : Normes - ST.96", "page : 3.96.", "fr / 03-96-01", "Date : mars 2026",
        "PROJET DE TRAVAIL")
    css = stylesheet(f, ["I"])
    assert f.handbook.startswith("MANUEL DE L'OMPI") and '"Annexe I, page " counter(page)' in css
    f = furniture(metadata(), "es")
    assert (f.ref, f.footer_left, f.footer_right) == ("Ref.: Normas - ST.96", "es / 03-96-01",
                                                      "Fecha: marzo de 2026")
    assert furniture(metadata(status="final-draft")).draft == "FINAL DRAFT"
    css = stylesheet(furniture(metadata(status="working-draft")), ["I", "II"])
    assert '@bottom-center { content: "WORKING DRAFT"; }' in css
    assert '"page: 3.96.ii." counter(page)' in css and "@page :nth(1 of annex-ii)" in css
    assert css_string('a "b" \\c') == '"a \\"b\\" \\\\c"'


def test_build_time_from_source_date_epoch_or_the_release_date():
    md = metadata()
    assert build_time(md, environ={"SOURCE_DATE_EPOCH": "86400"}) == datetime(1970, 1, 2, tzinfo=timezone.utc)
    assert build_time(md, release=True, environ={}) == datetime(2026, 3, 9, tzinfo=timezone.utc)
    with pytest.raises(PdfError, match=r"^SOURCE_DATE_EPOCH must be a whole number of seconds since 1970, not 'soon'$"):
        build_time(md, environ={"SOURCE_DATE_EPOCH": "soon"})


def test_the_pdf_step_reads_only_files_of_the_built_site(tmp_path):
    # docs/hardening.md: whatever the page refers to, nothing else is fetched
    from stkit.pdf.build import local_fetcher

    site = tmp_path / "site"
    (site / "_static").mkdir(parents=True)
    (site / "_static" / "a.css").write_text("p {}", encoding="utf-8")
    (tmp_path / "secret.txt").write_text("TOPSECRET", encoding="utf-8")
    fetch = local_fetcher(site)
    assert fetch((site / "_static" / "a.css").as_uri())
    for url in ((tmp_path / "secret.txt").as_uri(), "https://example.org/a.png",
                (site / ".." / "secret.txt").as_uri(), "ftp://example.org/x"):
        with pytest.raises(ValueError):
            fetch(url)
