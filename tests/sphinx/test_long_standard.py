"""A standard of more than 9,999 numbered paragraphs: five-digit numbers are paragraphs like any
other, for the checker's scanner and for the build alike."""

from __future__ import annotations

from sphinx_site import build, copy_mini

from conftest import replace_in


def test_paragraph_numbers_of_five_digits(tmp_path):
    root = copy_mini(tmp_path)
    std = root / "standard"
    # Paragraphs 6 ... 10,001 after the two body sections of the mini standard (1 ... 5).
    body = "".join(f"{n}. Paragraph {n} of a long section.\n\n" for n in range(6, 10_000))
    (std / "03-long.md").write_text(
        "# Long\n\n" + body + "(para-last)=\n10000. The paragraph numbered 10000.\n\n"
        "10001. See {para}`para-last` and {para}`10001`.\n", encoding="utf-8")
    replace_in(std / "index.md", "02-requirements\n", "02-requirements\n03-long\n")
    replace_in(std / "01-general.md", "see also {req}`IPDX-FMT-001`.",
               "see also {req}`IPDX-FMT-001` and {para}`para-last`.")
    site = build(root)
    # The checker reads the whole sequence (no NUM001 gap at 10000, no XRF008 for the links).
    assert (site.code, site.warnings) == (0, [])
    page = site.page("03-long")
    assert 'id="para-10000"' in page and 'id="para-10001"' in page
    assert '<a class="reference internal" href="#para-10000"><span class="stkit-para-ref">10000</span></a>' in page
    assert '<a class="reference internal" href="#para-10001"><span class="stkit-para-ref">10001</span></a>' in page
    assert 'href="03-long.html#para-10000"><span class="stkit-para-ref">10000</span>' in site.page("01-general")
