"""The HTML a person uses with a keyboard, a screen reader, a dark theme or a phone: one h1 on
every page, tables a keyboard reaches, identifiers that never split across lines (checked in
a real browser at a phone's width), colours for the dark theme."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from stkit.sphinx.access import (accessible_body, keep_identifiers_whole, label_table_regions,
                                 scope_column_headers)

from sphinx_site import build, copy_mini

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    return build(copy_mini(tmp_path_factory.mktemp("access")))


def test_identifiers_in_the_text_are_kept_whole_but_not_in_attributes():
    body = ('<p title="IPDX-FMT-001">See IPDX-FMT-001 and <code>ip5/free-of-charge</code>, '
            'not XIPDX-FMT-001 nor IPDX-FMT-00111.</p><script>var a = "IPDX-FMT-002";</script>')
    assert keep_identifiers_whole(body) == (
        '<p title="IPDX-FMT-001">See <span class="stkit-id">IPDX-FMT-001</span> and <code>'
        '<span class="stkit-id">ip5/free-of-charge</span></code>, not XIPDX-FMT-001 nor '
        'IPDX-FMT-00111.</p><script>var a = "IPDX-FMT-002";</script>')


def test_an_identifier_already_kept_whole_is_left_as_it_is():
    body = ('<a class="reference internal" href="#r"><span class="stkit-req-ref">IPDX-FMT-001</span></a>'
            '<a class="reference internal stkit-req-id" href="#r">[IPDX-FMT-001]</a>')
    assert keep_identifiers_whole(body) == body


def test_a_table_wrapper_becomes_a_named_region_a_keyboard_reaches():
    body = ('<section><h2>Coverage<a class="headerlink" href="#c">¶</a></h2>'
            '<div class="table-wrapper docutils container"><table><tr><td>1</td></tr></table></div>'
            '<div class="table-wrapper docutils container"><table><caption>Fees &amp; costs</caption>'
            '<tr><td>1</td></tr></table></div></section>')
    out = label_table_regions(body)
    assert out.count('role="region" tabindex="0"') == 2
    assert 'aria-label="Table: Coverage"' in out
    assert 'aria-label="Table: Fees &amp; costs"' in out


def test_header_cells_of_a_table_head_head_their_column():
    body = ('<table><thead><tr><th class="head">ID</th><th scope="row">X</th></tr></thead>'
            '<tbody><tr><th>Row</th><td>1</td></tr></tbody></table>')
    assert scope_column_headers(body) == (
        '<table><thead><tr><th scope="col" class="head">ID</th><th scope="row">X</th></tr></thead>'
        '<tbody><tr><th>Row</th><td>1</td></tr></tbody></table>')


def test_a_page_without_h1_gets_the_title_as_h1():
    body = '<div class="stkit-title-block"><p class="stkit-tb-title">THE TITLE</p></div>'
    assert '<h1 class="stkit-tb-title">THE TITLE</h1>' in accessible_body(body)
    with_h1 = "<h1>Section</h1>" + body
    assert accessible_body(with_h1).count("<h1") == 1


def test_every_page_has_exactly_one_h1(site):
    assert site.code == 0, site.warnings
    pages = sorted(site.out.glob("*.html"))
    assert {p.name for p in pages} >= {"index.html", "genindex.html", "search.html"}
    for page in pages:
        assert len(re.findall(r"<h1\b", page.read_text(encoding="utf-8"))) == 1, page.name


def test_generated_tables_are_named_keyboard_regions(site):
    html = site.page("annex-i-tables")
    wrappers = re.findall(r'<div class="table-wrapper[^>]*>', html)
    assert len(wrappers) == 4
    for wrapper in wrappers:
        assert 'role="region"' in wrapper and 'tabindex="0"' in wrapper
        assert re.search(r'aria-label="Table: [^"]+"', wrapper), wrapper
    heads = re.findall(r"<thead>.*?</thead>", html, re.S)
    assert len(heads) == 4 and all('<th scope="col"' in head for head in heads)


def test_the_stylesheet_has_dark_colours_for_editor_notes(site):
    css = (site.out / "_static" / "stkit.css").read_text(encoding="utf-8")
    assert 'body[data-theme="dark"]' in css and "prefers-color-scheme: dark" in css
    note = css[css.index(".admonition.stkit-editor-note {"):]
    assert "var(--stkit-note-background)" in note and "var(--stkit-note-text)" in note


# A page 390 px wide: headless Chromium's window is at least 500 px, so the page is shown in
# a frame of the phone's width (its media queries see 390 px), and measured from outside.
PROBE = """<!DOCTYPE html><html lang="en"><title>probe</title><body style="margin:0">
<iframe id="phone" src="PAGE" style="width:WIDTHpx;height:900px;border:0"></iframe>
<script>
document.getElementById("phone").addEventListener("load", (event) => {
  const doc = event.target.contentDocument;
  const split = [...doc.querySelectorAll(".stkit-id, .stkit-req-ref, .stkit-req-id")]
    .filter((el) => new Set([...el.getClientRects()].filter((r) => r.width > 0)
      .map((r) => Math.round(r.top))).size > 1)
    .map((el) => el.textContent.trim());
  const seen = doc.querySelectorAll("table .stkit-id").length;
  const out = document.createElement("pre");
  out.id = "stkit-measured";
  out.textContent = JSON.stringify({split, seen, width: event.target.contentWindow.innerWidth});
  document.body.append(out);
});
</script></body></html>"""


def measure_in_chromium(page: Path, width: int) -> dict:
    probe = page.with_name(f"probe-{page.name}")
    probe.write_text(PROBE.replace("PAGE", page.name).replace("WIDTH", str(width)), encoding="utf-8")
    profile = page.parent.parent / "chromium-profile"
    done = subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-dev-shm-usage", "--allow-file-access-from-files", f"--user-data-dir={profile}",
         "--window-size=800,1000", "--virtual-time-budget=5000", "--dump-dom", probe.as_uri()],
        capture_output=True, text=True, timeout=120)
    found = re.search(r'<pre id="stkit-measured">(.*?)</pre>', done.stdout, re.S)
    assert found, done.stderr[-2000:]
    return json.loads(found.group(1).replace("&quot;", '"'))


@pytest.mark.skipif(CHROMIUM is None, reason="needs Debian's chromium (make validate installs it)")
def test_no_requirement_id_is_split_in_a_table_at_a_phones_width(site, tmp_path):
    """In a real browser 390 px wide, every requirement ID of the generated tables lies on
    one line (make validate checks every page of the standard the same way, in light, dark
    and phone widths)."""
    measured = measure_in_chromium(site.out / "annex-i-tables.html", 390)
    assert measured["width"] == 390
    assert measured["seen"] >= 9  # every ID of the mini standard's tables
    assert measured["split"] == []
