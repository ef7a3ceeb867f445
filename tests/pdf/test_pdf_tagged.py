"""The PDF is tagged for people who listen to it or reflow it, and stays PDF/A-3b: a structure
tree with headings, tables whose header cells have a scope, links with descriptions, the
running header and footer as artifacts; the post-check refuses a PDF that lacks them."""

from __future__ import annotations

import re

import pikepdf
import pytest
from pypdf import PdfReader
from weasyprint import HTML

from stkit.pdf import tagging
from stkit.pdf.postcheck import check_structure, pdfa_identification

from pdf_site import build, copy_mini, run


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    return build(copy_mini(tmp_path_factory.mktemp("tagged")))


def elements(reader: PdfReader) -> list[dict]:
    """The structure elements, in document order."""
    found = []
    stack = [reader.trailer["/Root"]["/StructTreeRoot"]["/K"]]
    while stack:
        node = stack.pop()
        node = node.get_object() if hasattr(node, "get_object") else node
        if isinstance(node, list):
            stack.extend(reversed(node))
        elif isinstance(node, dict) and "/S" in node:
            found.append(node)
            if "/K" in node:
                stack.append(node["/K"])
    return found


def structure_kinds(reader: PdfReader) -> list[str]:
    return [str(e["/S"]) for e in elements(reader)]


def test_the_built_pdf_is_tagged_and_still_pdfa_3b_with_both_attachments(built):
    reader = built.reader
    structure, problems = check_structure(built.opened())
    assert problems == []
    assert pdfa_identification(built.opened()) == ("3", "B")
    assert sorted(reader.attachments) == ["registry.schema.json", "requirements_registry.json"]
    catalog = reader.trailer["/Root"]
    assert catalog["/MarkInfo"]["/Marked"]
    assert catalog["/ViewerPreferences"]["/DisplayDocTitle"]
    assert catalog["/Lang"] == "en"
    kinds = structure_kinds(reader)
    # the title of each document, the contents and the annex are headings, in reading order
    assert [k for k in kinds if k in ("/H1", "/H2")][:4] == ["/H1", "/H1", "/H1", "/H1"]
    assert structure.headings >= 4 and structure.tables >= 4 and structure.links > 10
    assert "/L" in kinds and "/LI" in kinds  # the contents and the glossary's lists


def test_every_table_header_cell_says_it_heads_its_column(built):
    cells = [e for e in elements(built.reader) if e["/S"] == "/TH"]
    assert len(cells) >= 8  # four generated tables
    assert {e["/A"]["/Scope"] for e in cells} == {"/Column"}


def test_links_are_described_by_their_text(built):
    contents = {}
    for page in built.reader.pages:
        for annot in page.get("/Annots", None) or []:
            annot = annot.get_object()
            contents[str(annot.get("/Contents"))] = annot
    # a {req} reference: its ID and the requirement's title, not '#req-ipdx-fmt-001'
    assert any(text.startswith("IPDX-FMT-001, ") for text in contents), sorted(contents)
    assert not any(text.startswith("#") for text in contents)
    web = [text for text in contents if "(https://" in text]
    assert web, "a link to WIPO's site names its address too"


def test_running_header_and_footer_are_artifacts_not_content(built):
    page = built.reader.pages[0]
    data = page["/Contents"].get_object().get_data()
    assert re.search(rb"/Artifact\s*<<\s*/Type /Pagination\s*>>\s*BDC", data)
    # their text is still on every page (the post-check reads it), outside the structure
    assert "HANDBOOK ON INDUSTRIAL PROPERTY" in page.extract_text()


def test_an_untagged_pdf_fails_the_check_with_one_line(built, tmp_path):
    """The post-check refuses what a reader could not use: here the build's own additions to
    WeasyPrint's tags are switched off, so header cells lack a scope and the running header's
    text belongs to no element."""
    out = tmp_path / "out"
    script = ("import sys, stkit.pdf.tagging as t; t.finish = lambda document, pdf: None; "
              "from stkit.pdf.__main__ import main; sys.exit(main(sys.argv[1:]))")
    done = run("-c", script, str(built.singlehtml), str(out), "--root", str(built.root))
    assert done.returncode == 1
    assert done.stderr.startswith("stkit.pdf: error: ST.XX-0.1.pdf: not accessible as tagged: ")
    assert done.stderr.count("\n") == 1
    assert not out.exists() or list(out.iterdir()) == []


def small_pdf(body: str, tmp_path, *, tags: bool = True, finish: bool = True) -> pikepdf.Pdf:
    path = tmp_path / "small.pdf"
    HTML(string=f'<html lang="en"><title>T</title><body>{body}</body></html>').write_pdf(
        path, pdf_variant="pdf/a-3b", pdf_tags=tags, finisher=tagging.finish if finish else None)
    return pikepdf.open(path)


def test_check_structure_names_each_gap(tmp_path):
    untagged = small_pdf("<h1>A</h1><p>x</p>", tmp_path, tags=False)
    _, problems = check_structure(untagged)
    assert "not marked as a tagged PDF (/MarkInfo /Marked true is missing)" in problems
    assert any(p.startswith("no structure tree (/StructTreeRoot)") for p in problems)

    skipped = small_pdf("<h1>A</h1><h3>C</h3><p>x</p>", tmp_path)
    assert check_structure(skipped)[1] == ["a heading H3 follows H1: a heading level is skipped"]

    no_header = small_pdf("<h1>A</h1><table><tr><td>1</td><td>2</td></tr></table>", tmp_path)
    assert check_structure(no_header)[1] == ["a table (page 1) has no header cell (TH)"]

    unscoped = small_pdf("<h1>A</h1><table><thead><tr><th>H</th></tr></thead><tbody><tr><td>1</td>"
                         "</tr></tbody></table>", tmp_path, finish=False)
    assert check_structure(unscoped)[1] == ["a table header cell (page 1) has no /Scope"]


def test_a_figure_without_alternative_text_is_named(tmp_path):
    svg = ('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
           '<rect width="10" height="10"/></svg>')
    _, problems = check_structure(small_pdf(f"<h1>A</h1>{svg}", tmp_path))
    assert problems == ["a figure (page 1) has no alternative text (/Alt)"]
    titled = svg.replace("<rect", "<title>A black square</title><rect")
    assert check_structure(small_pdf(f"<h1>A</h1>{titled}", tmp_path))[1] == []


@pytest.mark.parametrize("html, expected", [
    ('<a href="#req-x">IPDX-FMT-001</a>', "IPDX-FMT-001"),
    ('<a href="https://www.wipo.int/st96">ST.96</a>', "ST.96 (https://www.wipo.int/st96)"),
    ('<a href="https://example.org/">https://example.org/</a>', "https://example.org/"),
    ('<a href="#req-y" title="Dissemination to the public">IPDX-LEG-005</a>',
     "IPDX-LEG-005, Dissemination to the public"),
    ('<a href="#p" aria-label="paragraph 12">12.</a>', "paragraph 12"),
])
def test_link_description(html, expected):
    import xml.etree.ElementTree as ET
    assert tagging.link_description(ET.fromstring(html)) == expected



def test_an_independent_pdf_ua_checker_finds_no_error(built):
    """pdfua (PyPI, not ours) checks the machine-checkable subset of PDF/UA-1 with pikepdf.
    Its one expected warning: the file makes no PDF/UA claim (docs/pdf.md says why)."""
    pdfua = pytest.importorskip("pdfua")
    report = pdfua.validate(str(built.path))
    found = [(f.rule_id, f.severity.name) for f in report.findings]
    assert [f for f in found if f[1] == "ERROR"] == []
    assert {rule for rule, _ in found} <= {"UA-28-004"}
