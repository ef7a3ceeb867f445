"""Broken and hostile input: each is refused or reported with its file and line, and nothing
of it reaches the HTML as markup. One build of a copy of the mini standard that holds them all.
"""

from __future__ import annotations

import os

import pytest
from sphinx_site import build, copy_mini, element

from conftest import line_of, replace_in

EXTRA = """
4. Raw markup follows.

<div class="evil">block</div>

5. Inline <b class="evil-inline">markup</b> and a [bad link](javascript:alert(1)) here.

6. A citation of {st}`ST.999` and a reference to {para}`no-such-label`.

7. Offices must agree, while {kw}`shall` is only mentioned.

```{template}
The Provider shall deliver the data every week.
```

```{include} ../../outside/secret.md
```

```{literalinclude} ../../outside/secret.md
```

```{include} linked.txt
```

10. Written as ten.

12. Written as twelve, where Markdown would print eleven.

100. Lettered items follow, indented short of this paragraph's text:

    (a) the role of the office.
"""


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    base = tmp_path_factory.mktemp("hostile")
    root = copy_mini(base)
    outside = base / "outside"
    outside.mkdir()
    (outside / "secret.md").write_text("TOPSECRET-OUTSIDE\n", encoding="utf-8")
    (outside / "linked.md").write_text("TOPSECRET-LINKED\n", encoding="utf-8")
    os.symlink(outside / "linked.md", root / "standard" / "linked.txt")
    replace_in(root / "requirements_registry.yaml",
               "statement: A data provider shall deliver XML data sets in the format of ST.96.",
               "statement: 'A data provider shall deliver <script>alert(1)</script> XML data sets.'")
    replace_in(root / "requirements_registry.yaml", "title: XML data in ST.96",
               "title: '<img src=x onerror=alert(2)>'")
    general = root / "standard" / "01-general.md"
    general.write_text(general.read_text(encoding="utf-8") + EXTRA, encoding="utf-8")
    return build(root)


def line(site, needle: str) -> str:
    return f"standard/01-general.md:{line_of(site.root / 'standard' / '01-general.md', needle)}"


def test_the_build_fails_under_W(site):
    assert site.code == 1


def test_registry_text_is_escaped_wherever_it_is_written(site):
    block = element(site.page("02-requirements"), "req-ipdx-fmt-001")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in block
    assert "&lt;img src=x onerror=alert(2)&gt;" in block
    for page in ("02-requirements", "annex-i-tables", "01-general"):
        html = site.page(page)
        assert "<script>alert" not in html and "<img src=x" not in html


def test_raw_html_is_refused_with_its_location_and_left_out(site):
    assert line(site, '<div class="evil">') in site.locations("SRC003")
    assert line(site, '<b class="evil-inline">') in site.locations("SRC003")
    html = site.page("01-general")
    assert 'class="evil' not in html and "block" not in html.split("Raw markup follows.")[1][:300]


def test_javascript_link_is_refused_with_its_location_and_never_linked(site):
    assert site.locations("SRC004") == [line(site, "javascript:")]
    assert "javascript:" not in site.page("01-general").replace("[bad link](javascript:alert(1))", "")
    assert 'href="javascript' not in site.page("01-general")


def test_include_of_a_file_outside_the_repository_is_refused(site):
    locations = site.locations("SRC005")
    assert line(site, "{include} ../../outside") in locations
    assert line(site, "{literalinclude} ../../outside") in locations
    # a symlink inside standard/ that points outside: refused at the directive's line,
    # named as the author wrote it
    assert line(site, "{include} linked.txt") in locations
    assert any("{include} of 'linked.txt' is a symbolic link to a file outside the repository" in m
               for _, _, m in site.messages("SRC005"))
    for page in site.out.glob("*.html"):
        assert "TOPSECRET" not in page.read_text()


def test_unknown_standard_and_paragraph_are_located_warnings(site):
    assert line(site, "{st}`ST.999`") in site.locations("XRF001")
    assert line(site, "{para}`no-such-label`") in site.locations("XRF008")
    html = site.page("01-general")
    assert '<span class="stkit-st stkit-unresolved">ST.999</span>' in html


def test_checker_findings_surface_as_typed_sphinx_warnings(site):
    (loc, level, message), = site.messages("REQ006")
    assert (loc, level) == (line(site, "Offices must agree"), "WARNING")
    assert message.startswith("normative keyword 'must' in informative text")
    raw = [w for w in site.warnings if "REQ006" in w][0]
    assert raw.endswith("[stkit.REQ006]")


def test_kw_mention_and_template_text_are_not_flagged(site):
    html = site.page("01-general")
    assert '<span class="kw kw-mention">shall</span>' in html
    assert "The Provider shall deliver the data every week." in html
    assert '<p class="admonition-title">Model text</p>' in html
    flagged = {loc for loc in site.locations("REQ006")}
    assert line(site, "The Provider shall") not in flagged


def test_items_indented_short_of_their_paragraph_are_a_located_error(site):
    (loc, level, message), = site.messages("SRC013")
    assert (loc, level) == (line(site, "    (a) the role of the office."), "ERROR")
    assert message == ("indented 4 spaces, but paragraph 100's text starts at column 6: this "
                       "becomes a code block; indent it by 5 spaces [stkit.SRC013]")  # built as code


def test_paragraph_numbers_are_the_written_ones_not_markdowns(site):
    html = site.page("01-general")
    assert ">12.</a> Written as twelve" in element(html, "para-12")
    assert 'id="para-11"' not in html
    assert line(site, "12. Written as twelve") in site.locations("NUM001")
