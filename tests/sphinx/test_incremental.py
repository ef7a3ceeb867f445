"""Incremental builds never leave a stale requirement block, link or generated table, and a
parallel build (-j 2) gives the same links as a serial one."""

from __future__ import annotations

import re

import pytest
from sphinx.builders.html import StandaloneHTMLBuilder
from sphinx_site import build, copy_mini, element

from conftest import replace_in


def test_rebuilds_follow_changes_in_the_registry_and_in_other_documents(tmp_path):
    root = copy_mini(tmp_path)
    std = root / "standard"
    first = build(root)
    assert (first.code, first.warnings) == (0, [])
    out = first.out

    # 1. The registry changes: the block that places the requirement and the annex's table
    #    both show the new text, although no source file was touched.
    replace_in(root / "requirements_registry.yaml", "title: Web API delivery", "title: Web API offer")
    replace_in(root / "requirements_registry.yaml", "may offer a Web API that follows ST.90.",
               "may offer a Web API that conforms to ST.90.")
    site = build(root, out=out)
    assert (site.code, site.warnings) == (0, [])
    assert "conforms to ST.90." in element(site.page("02-requirements"), "req-ipdx-dlv-002")
    table = site.page("annex-i-tables")
    assert "Web API offer" in table and "Web API delivery" not in table

    # 2. A placement moves to another document: the annex (not touched) links to its new page.
    replace_in(std / "02-requirements.md", "```{requirement} IPDX-DLV-002\n```\n\n", "")
    (std / "01-general.md").write_text((std / "01-general.md").read_text(encoding="utf-8")
                                       + "\n```{requirement} IPDX-DLV-002\n```\n", encoding="utf-8")
    site = build(root, out=out)
    assert (site.code, site.warnings) == (0, [])
    table = site.page("annex-i-tables")
    assert 'href="01-general.html#req-ipdx-dlv-002"' in table
    assert "02-requirements.html#req-ipdx-dlv-002" not in table
    assert "<strong>General</strong>" in table  # grouped under its new section
    assert 'id="req-ipdx-dlv-002"' in site.page("01-general")
    assert 'id="req-ipdx-dlv-002"' not in site.page("02-requirements")

    # 3. A label moves to another paragraph: {para} in the untouched document prints the
    #    paragraph's current number.
    replace_in(std / "01-general.md", "(para-terms)=\n2.", "2.")
    replace_in(std / "01-general.md", "1. This small", "(para-terms)=\n1. This small")
    site = build(root, out=out)
    assert (site.code, site.warnings) == (0, [])
    assert '<a class="reference internal" href="01-general.html#para-1"><span class="stkit-para-ref">1' \
           '</span></a> explains' in site.page("02-requirements")


def test_parallel_read_merges_what_each_document_places(tmp_path):
    root = copy_mini(tmp_path)
    std = root / "standard"
    # Enough documents for Sphinx to read in parallel (more than five), each placing or
    # labelling something another document refers to.
    extra = {
        "03-more": "# More\n\n(para-more)=\n6. More text.\n\n```{requirement} IPDX-DLV-002\n```\n",
        "04-again": "# Again\n\n7. See {para}`para-more` and {req}`IPDX-DLV-002`.\n",
        "05-last": "# Last\n\n8. The last paragraph.\n",
    }
    for name, text in extra.items():
        (std / f"{name}.md").write_text(text, encoding="utf-8")
    replace_in(std / "02-requirements.md", "```{requirement} IPDX-DLV-002\n```\n\n", "")
    replace_in(std / "index.md", "02-requirements\n", "02-requirements\n" + "".join(f"{n}\n" for n in extra))
    site = build(root, "-j", "2")
    assert (site.code, site.warnings) == (0, [])
    again = site.page("04-again")
    assert 'href="03-more.html#para-6"><span class="stkit-para-ref">6</span>' in again
    assert 'href="03-more.html#req-ipdx-dlv-002"' in again
    table = site.page("annex-i-tables")
    assert 'href="03-more.html#req-ipdx-dlv-002"' in table
    assert len(re.findall(r'href="02-requirements.html#req-', table)) >= 2


# --- what an incremental build writes again -------------------------------------------------

def _stamps(out) -> dict[str, int]:
    return {p.stem: p.stat().st_mtime_ns for p in out.glob("*.html")}


def _written(before: dict[str, int], after: dict[str, int]) -> set[str]:
    return {name for name, stamp in after.items() if before.get(name) != stamp}


def test_a_new_wording_rewrites_only_its_page(tmp_path):
    root = copy_mini(tmp_path)
    first = build(root)
    assert (first.code, first.warnings) == (0, [])
    before = _stamps(first.out)

    replace_in(root / "standard" / "02-requirements.md", "4. Formats come first.",
               "4. Formats come first, in every delivery.")
    site = build(root, out=first.out)
    assert (site.code, site.warnings) == (0, [])
    assert "Formats come first, in every delivery." in site.page("02-requirements")
    # 01-general links to this page ({req}, {para}) and the annex lists its requirements, but
    # no number, label or placement changed: neither is written again. (index holds the
    # toctree that names the page: Sphinx writes it again by its own rule.)
    assert _written(before, _stamps(site.out)) - {"genindex", "search"} == {"02-requirements", "index"}


def test_an_inserted_paragraph_renumbers_links_on_untouched_pages(tmp_path):
    root = copy_mini(tmp_path)
    std = root / "standard"
    replace_in(std / "02-requirements.md", "5. Delivery follows", "(para-delivery)=\n5. Delivery follows")
    replace_in(std / "01-general.md", "see also {req}`IPDX-FMT-001`.",
               "see also {req}`IPDX-FMT-001` and paragraph {para}`para-delivery`.")
    first = build(root)
    assert (first.code, first.warnings) == (0, [])
    assert 'href="02-requirements.html#para-5"><span class="stkit-para-ref">5</span>' in first.page("01-general")
    before = _stamps(first.out)

    # A paragraph is inserted above the labelled one, which becomes 6 (the checker wants the
    # sequence whole). Only 02-requirements is edited.
    replace_in(std / "02-requirements.md", "(para-delivery)=\n5. Delivery follows",
               "5. A new paragraph.\n\n(para-delivery)=\n6. Delivery follows")
    site = build(root, out=first.out)
    assert (site.code, site.warnings) == (0, [])
    general = site.page("01-general")
    assert 'href="02-requirements.html#para-6"><span class="stkit-para-ref">6</span>' in general
    assert "#para-5" not in general
    # The tables show no paragraph numbers: the annex is not written again.
    assert _written(before, _stamps(site.out)) - {"genindex", "search"} == \
        {"01-general", "02-requirements", "index"}


def _site_files(out) -> dict[str, bytes]:
    """Every file of a built site but Sphinx's own state (the doctrees, .buildinfo)."""
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*"))
            if p.is_file() and ".doctrees" not in p.relative_to(out).parts and p.name != ".buildinfo"}


def _assert_same_as_a_clean_build(root, site) -> None:
    clean = build(root, out=root.parent / "clean-html")
    assert (clean.code, clean.warnings) == (0, [])
    ours, theirs = _site_files(site.out), _site_files(clean.out)
    assert sorted(ours) == sorted(theirs)
    assert [name for name in ours if ours[name] != theirs[name]] == []


def test_a_statement_edit_rewrites_only_the_page_placing_it_and_nothing_is_stale(tmp_path):
    """The tables do not show a statement, nor does a {req} link: neither the annex nor
    01-general (which links to the requirement) is written again; the page placing the
    requirement is written again without being read again (its block is made when it is
    written); the site is byte for byte a clean build's."""
    root = copy_mini(tmp_path)
    first = build(root)
    assert (first.code, first.warnings) == (0, [])
    before = _stamps(first.out)
    doctree = first.out / ".doctrees" / "02-requirements.doctree"
    read_before = doctree.stat().st_mtime_ns

    replace_in(root / "requirements_registry.yaml", "shall deliver XML data sets in the format of ST.96.",
               "shall deliver XML data sets in the ST.96 format.")
    site = build(root, out=first.out)
    assert (site.code, site.warnings) == (0, [])
    assert "in the ST.96 format." in element(site.page("02-requirements"), "req-ipdx-fmt-001")
    assert 'href="02-requirements.html#req-ipdx-fmt-001"' in site.page("01-general")
    assert doctree.stat().st_mtime_ns == read_before
    # index holds the toctree that names the page: Sphinx writes it again by its own rule.
    assert _written(before, _stamps(site.out)) - {"genindex", "search"} == {"02-requirements", "index"}
    _assert_same_as_a_clean_build(root, site)


def test_a_title_shown_in_a_table_and_a_link_elsewhere_is_never_stale(tmp_path):
    """A title edit reaches the block, the {req} link's title on another page and the
    annex's table; the site is byte for byte a clean build's."""
    root = copy_mini(tmp_path)
    first = build(root)
    assert (first.code, first.warnings) == (0, [])
    replace_in(root / "requirements_registry.yaml", "title: XML data in ST.96", "title: XML in ST.96")
    site = build(root, out=first.out)
    assert (site.code, site.warnings) == (0, [])
    assert 'title="XML in ST.96"' in site.page("01-general")
    assert "XML in ST.96" in site.page("annex-i-tables")
    _assert_same_as_a_clean_build(root, site)


@pytest.mark.parametrize("old, new", [
    # each a field the tables print (datakeys.TABLE_FIELDS), edited in the registry alone
    ("    level: 1\n    status: withdrawn\n", "    level: 2\n    status: withdrawn\n"),
    ("    ip5: [ip5/availability]", "    ip5: [ip5/availability, ip5/redistribution]"),
    ("    challenges: []", "    challenges: [collect/irregular-delivery]"),
    ("      - standard: ST.90\n", "      - standard: ST.90\n      - standard: ST.36\n"),
    ("    status: withdrawn\n", "    status: withdrawn\n    replaced_by: IPDX-DLV-002\n"),
], ids=["level", "ip5", "challenge", "reference", "replaced_by"])
def test_an_edit_of_a_field_the_tables_show_is_never_stale(tmp_path, old, new):
    root = copy_mini(tmp_path)
    first = build(root)
    assert (first.code, first.warnings) == (0, [])
    before = _stamps(first.out)
    replace_in(root / "requirements_registry.yaml", old, new)
    site = build(root, out=first.out)
    assert (site.code, site.warnings) == (0, [])
    assert "annex-i-tables" in _written(before, _stamps(site.out))
    _assert_same_as_a_clean_build(root, site)


def test_a_registry_edit_reads_again_no_page(tmp_path):
    root = copy_mini(tmp_path)
    first = build(root)
    assert (first.code, first.warnings) == (0, [])
    before = _stamps(first.out)
    doctree = first.out / ".doctrees" / "01-general.doctree"
    read_before = doctree.stat().st_mtime_ns
    placing_read_before = (first.out / ".doctrees" / "02-requirements.doctree").stat().st_mtime_ns

    replace_in(root / "requirements_registry.yaml", "title: XML data in ST.96", "title: XML in ST.96")
    site = build(root, out=first.out)
    assert (site.code, site.warnings) == (0, [])
    # 02-requirements places IPDX-FMT-001: written again (not read: its block is made when
    # it is written), its block shows the new title.
    assert "XML in ST.96" in element(site.page("02-requirements"), "req-ipdx-fmt-001")
    assert (first.out / ".doctrees" / "02-requirements.doctree").stat().st_mtime_ns == \
        placing_read_before
    # 01-general only links to it: not read again (its doctree is untouched), but written
    # again, since the link carries the requirement's title.
    assert doctree.stat().st_mtime_ns == read_before
    assert 'title="XML in ST.96"' in site.page("01-general")
    assert "XML in ST.96" in site.page("annex-i-tables")
    assert _written(before, _stamps(site.out)) - {"genindex", "search"} == \
        {"01-general", "02-requirements", "annex-i-tables", "index"}

    # A requirement no page links to: 01-general is not written again.
    before = _stamps(site.out)
    replace_in(root / "requirements_registry.yaml", "title: Web API delivery", "title: Web API offer")
    site = build(root, out=first.out)
    assert (site.code, site.warnings) == (0, [])
    assert "Web API offer" in site.page("annex-i-tables")
    assert "Web API offer" in element(site.page("02-requirements"), "req-ipdx-dlv-002")
    assert _written(before, _stamps(site.out)) - {"genindex", "search"} == \
        {"02-requirements", "annex-i-tables", "index"}


def test_a_build_interrupted_while_writing_leaves_no_stale_page_behind(tmp_path, monkeypatch):
    root = copy_mini(tmp_path)
    first = build(root)
    assert (first.code, first.warnings) == (0, [])
    replace_in(root / "requirements_registry.yaml", "title: XML data in ST.96", "title: XML in ST.96")

    # Ctrl-C while the first page (01-general) is written: the environment is already saved,
    # with 02-requirements read again; no page has been written yet.
    def interrupted(self, docname, doctree):
        raise KeyboardInterrupt
    with monkeypatch.context() as patch:
        patch.setattr(StandaloneHTMLBuilder, "write_doc", interrupted)
        assert build(root, out=first.out).code != 0
    assert "XML in ST.96" not in first.page("02-requirements")

    site = build(root, out=first.out)
    assert (site.code, site.warnings) == (0, [])
    assert "XML in ST.96" in element(site.page("02-requirements"), "req-ipdx-fmt-001")
    assert "XML in ST.96" in site.page("annex-i-tables")
    assert 'title="XML in ST.96"' in site.page("01-general")


def test_a_renamed_page_shows_in_the_navigation_of_every_page(tmp_path):
    root = copy_mini(tmp_path)
    first = build(root)
    assert (first.code, first.warnings) == (0, [])
    replace_in(root / "standard" / "01-general.md", "# General\n", "# General provisions\n")
    site = build(root, out=first.out)
    assert (site.code, site.warnings) == (0, [])
    for page in ("02-requirements", "annex-i-tables"):  # untouched; each lists every page
        assert ">General provisions</a>" in site.page(page), page


@pytest.mark.parametrize("old, new", [
    # lines added above two entries (kept entries moved down) and a title below them
    ("  - id: IPDX-DLV-001\n", "  # delivery\n\n  - id: IPDX-DLV-001\n"),
    # an entry's statement folded over three lines: the entries after it move down
    ("    statement: A data provider shall deliver XML data sets in the format of ST.96.\n",
     "    statement: >-\n      A data provider shall deliver XML data sets\n      in the format of ST.96.\n"),
    # a flow list written as a block list: one line more
    ("    challenges: [share/nonstandard-formats]\n", "    challenges:\n      - share/nonstandard-formats\n"),
], ids=["lines-added", "folded", "reflowed"])
def test_an_edit_that_moves_the_entries_below_it_is_never_stale(tmp_path, old, new):
    """Entries kept from the previous build (entrycache.py) and moved to their new lines give
    the site a clean build gives, byte for byte, with a title edited below the edit."""
    root = copy_mini(tmp_path)
    first = build(root)
    assert (first.code, first.warnings) == (0, [])
    replace_in(root / "requirements_registry.yaml", old, new)
    replace_in(root / "requirements_registry.yaml", "title: Web API delivery", "title: Web API offer")
    site = build(root, out=first.out)
    assert (site.code, site.warnings) == (0, [])
    assert "Web API offer" in site.page("annex-i-tables")
    _assert_same_as_a_clean_build(root, site)
