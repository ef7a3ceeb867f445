"""Incremental builds never leave a stale requirement block, link or generated table, and a
parallel build (-j 2) gives the same links as a serial one."""

from __future__ import annotations

import re

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
