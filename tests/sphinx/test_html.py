"""The HTML of the valid mini standard: what a reader of the published standard sees."""

from __future__ import annotations

import re

import pytest
from sphinx_site import build, copy_mini, element

from stkit.catalogues import load_catalogues
from stkit.project import FsTree, load_project
from stkit.sphinx.tables import row_id


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    return build(copy_mini(tmp_path_factory.mktemp("html")))


@pytest.fixture(scope="module")
def project(site):
    return load_project(FsTree(site.root))


def test_the_valid_fixture_builds_with_no_warning_under_W(site):
    assert (site.code, site.warnings) == (0, [])


def test_every_placed_requirement_has_its_permanent_anchor_in_its_page(site, project):
    placed = 0
    for sf in project.sources:
        for placement in sf.placements:
            assert f'id="req-{placement.req_id.lower()}"' in site.page(sf.docname)
            placed += 1
    assert placed == 3


def test_every_requirement_of_the_registry_has_a_permanent_anchor_somewhere(site, project):
    # A withdrawn requirement is placed nowhere; its row in the requirements table keeps the
    # URL that pointed to it, so old links still land on "withdrawn in ...".
    pages = "".join(site.page(sf.docname) for sf in project.sources)
    for req in project.registry.requirements:
        assert pages.count(f'id="{req.anchor}"') == 1, req.id
    row = element(site.page("annex-i-tables"), "req-ipdx-dlv-003")
    assert "withdrawn in 0.1" in row


def test_requirement_block_shows_the_registry_statement_with_its_keyword_marked(site, project):
    block = element(site.page("02-requirements"), "req-ipdx-fmt-001")
    assert "[IPDX-FMT-001]</a> A data provider <strong class=\"kw kw-shall\">shall</strong> " \
           "deliver XML data sets in the format of ST.96." in block
    assert "XML data in ST.96" in block and "Level 1 (foundation)" in block
    assert "Requirement (shall)" in block
    should = element(site.page("02-requirements"), "req-ipdx-dlv-001")
    assert '<strong class="kw kw-should">should</strong>' in should


def test_requirement_block_links_wipo_document_and_traceability_rows(site, project):
    block = element(site.page("02-requirements"), "req-ipdx-fmt-001")
    url = project.catalogues.standards["ST.96"].url
    assert f'href="{url}"' in block and ">ST.96 Annex III</a>" in block
    assert 'href="annex-i-tables.html#ip5-ip5-availability"' in block
    assert 'href="annex-i-tables.html#challenge-share-nonstandard-formats"' in block
    # ... and those rows exist
    annex = site.page("annex-i-tables")
    assert 'id="ip5-ip5-availability"' in annex
    assert 'id="challenge-share-nonstandard-formats"' in annex


def test_requirements_table_lists_every_requirement_and_marks_the_withdrawn(site, project):
    table = element(site.page("annex-i-tables"), "annex-i-para-1")  # anchor exists
    assert table
    html = site.page("annex-i-tables")
    body = html[html.index("stkit-requirements-table"): html.index("stkit-ip5-mapping")]
    for req in project.registry.requirements:
        assert f">{req.id}</span>" in body and req.title in body
    assert 'href="02-requirements.html#req-ipdx-dlv-002"' in body
    withdrawn = re.search(r'<tr class="stkit-withdrawn[^"]*"[^>]*>(.*?)</tr>', body, re.S).group(1)
    assert "IPDX-DLV-003" in withdrawn and "withdrawn in 0.1" in withdrawn
    # grouped by the section that places them
    assert "<strong>Requirements</strong>" in body and "<strong>Withdrawn</strong>" in body


def test_ip5_mapping_has_a_row_for_every_principle_with_requirements_or_deviation(site):
    catalogues, _ = load_catalogues()
    html = site.page("annex-i-tables")
    for pid in catalogues.principles:
        assert f'id="{row_id("ip5", pid)}"' in html
    assert "02-requirements.html#req-ipdx-fmt-001" in element(html, "ip5-ip5-availability")
    assert "Deviation: </em>Not addressed by this small fixture." in element(html, "ip5-ip5-user-support")
    unverified = [p for p in catalogues.principles.values() if not p.verified]
    assert unverified and "not yet verified" in element(html, row_id("ip5", unverified[0].id))


def test_survey_coverage_has_a_row_for_every_challenge_with_count_and_answer(site):
    catalogues, _ = load_catalogues()
    html = site.page("annex-i-tables")
    for cid in catalogues.challenges:
        assert f'id="{row_id("challenge", cid)}"' in html
    row = element(html, "challenge-collect-irregular-delivery")
    assert "IPDX-DLV-001" in row and "collecting / " in row
    assert f"<p>{catalogues.challenges['collect/irregular-delivery'].offices}</p>" in row
    assert "Out of scope: </em>Not addressed" in element(html, "challenge-share-not-digitized")


def test_references_table_lists_each_cited_standard_and_who_cites_it(site):
    html = site.page("annex-i-tables")
    assert "IPDX-FMT-001" in element(html, "ref-st-96")
    assert "IPDX-DLV-002" in element(html, "ref-st-90")


def test_numbered_paragraphs_keep_their_number_anchor_and_label(site):
    html = site.page("01-general")
    para = element(html, "para-2")
    assert '<span id="para-terms"></span>' in para  # the (label)= target still works
    assert '<a class="stkit-para-num reference internal" href="#para-2"' in para
    assert ">2.</a> A data provider sends" in para
    assert "<ol" not in html
    assert 'id="annex-i-para-2"' in site.page("annex-i-tables")


def test_para_role_prints_the_current_number_and_links_to_it(site):
    html = site.page("02-requirements")
    assert '<a class="reference internal" href="01-general.html#para-2">' \
           '<span class="stkit-para-ref">2</span></a> explains' in html


def test_req_role_links_to_the_placed_requirement(site):
    assert 'href="02-requirements.html#req-ipdx-fmt-001"' in element(site.page("01-general"), "para-3")


def test_title_block_and_page_titles_come_from_registry_metadata(site):
    html = site.page("index")
    block = html[html.index("stkit-title-block"):]
    for text in ("STANDARD ST.XX", "RECOMMENDATION FOR THE EXCHANGE OF INTELLECTUAL PROPERTY DATA",
                 "Version 0.1", "Working Draft prepared by the IP Data Exchange Task Force "
                 "(Task No. 67) for CWS/14", "25 November 2026"):
        assert text in block
    assert "<title>WIPO ST.XX, version 0.1 (Working Draft)</title>" in html
    assert "<title>General - WIPO ST.XX, version 0.1 (Working Draft)</title>" in site.page("01-general")


def test_every_page_of_a_draft_carries_the_draft_banner(site):
    pages = sorted(site.out.glob("*.html"))
    assert len(pages) >= 6
    for page in pages:
        assert '<span class="stkit-draft-banner">DRAFT</span> Working Draft' in page.read_text()


def test_editor_note_is_boxed_in_a_draft(site):
    html = site.page("02-requirements")
    note = html[html.index('class="stkit-editor-note admonition"'):]
    assert "Editor’s note" in note[:200] and "Confirm the version of ST.96 to cite." in note


def test_pages_load_nothing_from_the_network_and_carry_no_build_time(site):
    for page in site.out.glob("*.html"):
        html = page.read_text()
        assert not re.search(r'<(script|link|img)\b[^>]*(src|href)="(https?:)?//', html), page.name
        assert "Last updated" not in html
    assert not any((site.out / "_sources").glob("*"))


def test_two_builds_write_the_same_bytes(site, tmp_path):
    again = build(site.root, out=tmp_path / "again")
    assert again.code == 0
    for page in site.out.glob("*.html"):
        assert page.read_bytes() == (again.out / page.name).read_bytes(), page.name


def test_singlehtml_links_stay_inside_the_single_page(site, tmp_path):
    single = build(site.root, builder="singlehtml", out=tmp_path / "single")
    assert (single.code, single.warnings) == (0, [])
    html = single.page("index")
    for anchor in ("req-ipdx-fmt-001", "para-2", "ip5-ip5-availability", "annex-i-para-1"):
        assert f'id="{anchor}"' in html
    assert 'href="#para-2"' in html and 'href="#req-ipdx-fmt-001"' in html
    assert 'href="#ip5-ip5-availability"' in html


def test_every_paragraph_number_is_reached_by_the_hanging_number_rule(site):
    # The stylesheet hangs the number in the margin through this selector; a paragraph with a
    # label has a target <span> before its <p>, which `p:first-child` missed (the number then
    # printed inside the text).
    from pathlib import Path

    from bs4 import BeautifulSoup

    import stkit.sphinx

    selector = ".stkit-para > p:first-of-type > a.stkit-para-num"
    css = (Path(stkit.sphinx.__file__).parent / "static" / "stkit.css").read_text(encoding="utf-8")
    assert selector in css
    import stkit.pdf
    print_css = (Path(stkit.pdf.__file__).parent / "print.css").read_text(encoding="utf-8")
    assert ".stkit-para > p:first-of-type {" in print_css
    page = BeautifulSoup(site.page("01-general"), "html.parser")
    paras = page.select("div.stkit-para")
    assert len(paras) == 3 and paras[1].find("span", id="para-terms")  # the labelled one
    assert [len(p.select(":scope > p:first-of-type > a.stkit-para-num")) for p in paras] == [1, 1, 1]


def test_search_finds_a_requirement_where_it_is_placed_and_what_only_a_table_shows(tmp_path):
    import json

    from conftest import replace_in

    root = copy_mini(tmp_path)
    registry = root / "requirements_registry.yaml"
    replace_in(registry, "title: Notice before discontinuation", "title: Notice before quietus")
    replace_in(registry, "title: Delivery by e-mail", "title: Delivery by telex")
    site = build(root)
    assert (site.code, site.warnings) == (0, [])
    index = (site.out / "searchindex.js").read_text(encoding="utf-8")
    data = json.loads(index[len("Search.setIndex("):-1])
    pages = data["docnames"]

    def found(word: str) -> set[str]:
        hits = data["terms"].get(word, [])
        return {pages[i] for i in ([hits] if isinstance(hits, int) else hits)}

    # A placed requirement's title: on the page that places it, not in the annex's tables.
    assert found("quietus") == {"02-requirements"}
    # Only a table shows a withdrawn requirement and an IP5 principle's summary: searchable there.
    assert found("telex") == {"annex-i-tables"}
    assert "annex-i-tables" in found("barrier")


def test_a_requirement_block_has_the_typographic_quotes_and_dashes_of_the_text(tmp_path):
    """Sphinx makes quotes, dashes and ellipses typographic while it reads a page; a block,
    made when the page is written, gets the same, and a block without them is untouched."""
    root = copy_mini(tmp_path)
    registry = root / "requirements_registry.yaml"
    text = registry.read_text(encoding="utf-8")
    text = text.replace("title: XML data in ST.96", "title: The \"XML data\" in ST.96 -- the provider's format...")
    registry.write_text(text, encoding="utf-8")
    site = build(root)
    assert (site.code, site.warnings) == (0, [])
    block = element(site.page("02-requirements"), "req-ipdx-fmt-001")
    assert "The \u201cXML data\u201d in ST.96 \u2013 the provider\u2019s format\u2026" in block
    assert "deliver XML data sets in the format of ST.96." in block
    # The table shows the registry's text as it is (it is not read from a page).
    assert "The &quot;XML data&quot; in ST.96 -- the provider's format..." in site.page("annex-i-tables")
