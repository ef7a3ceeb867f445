"""The print stylesheet as a reader sees it, rendered by WeasyPrint: header cells and
identifiers are never hyphenated or split, code keeps its lines, the text is set in
Liberation Sans (Arial's metrics)."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import yaml
import pikepdf
from pypdf import PdfReader
from weasyprint import CSS, HTML

from stkit.pdf.build import PRINT_CSS
from stkit.pdf.printhtml import CODE_SIZE_PT, MIN_CODE_SIZE_PT, fit_code_blocks
from stkit.pdf.postcheck import unembedded_fonts

NARROW_TABLE = """<table style="width: 60mm"><thead><tr><th>Challenge</th><th>Offices</th>
<th>Version</th></tr></thead><tbody><tr>
<td><a href="#r"><span class="stkit-req-ref">IPDX-DAT-001</span></a>,
<a href="#r"><span class="stkit-req-ref">IPDX-CAP-002</span></a></td>
<td><p><code class="docutils literal notranslate"><span class="pre">ip5/public-dissemination</span></code>
(principle)</p></td><td>5</td></tr></tbody></table>"""


def render(body: str, tmp_path) -> PdfReader:
    path = tmp_path / "t.pdf"
    HTML(string=f'<html lang="en"><body><main id="r">{body}</main></body></html>').write_pdf(
        path, stylesheets=[CSS(filename=str(PRINT_CSS))])
    return PdfReader(path)


def test_narrow_columns_split_neither_header_words_nor_identifiers(tmp_path):
    reader = render(NARROW_TABLE, tmp_path)
    words = reader.pages[0].extract_text().split()
    for whole in ("Challenge", "Offices", "Version", "IPDX-DAT-001,", "IPDX-CAP-002",
                  "ip5/public-dissemination"):
        assert whole in words, (whole, words)


def test_text_and_code_are_set_in_liberation_fonts_embedded(tmp_path):
    reader = render("<p>Text <code>code</code></p><pre>key: value</pre>", tmp_path)
    fonts = {str(f.get_object()["/BaseFont"]).split("+")[-1]
             for f in reader.pages[0]["/Resources"]["/Font"].values()}
    assert fonts == {"Liberation-Sans", "Liberation-Mono"}
    assert not unembedded_fonts(pikepdf.open(tmp_path / "t.pdf"))


def pre(text: str) -> ET.Element:
    main = ET.Element("main")
    block = ET.SubElement(main, "pre")
    block.text = text
    return main


def test_a_code_block_that_fits_is_left_alone():
    main = pre("a: 1\nb: short\n")
    assert fit_code_blocks(main) == 0 and main.find("pre").get("style") is None


def test_a_long_line_shrinks_the_block_so_that_nothing_wraps(tmp_path):
    line = "  schema_location: https://data.example.org/xx/schemas/st96-8.0/xx-patent-bibliographic.xsd"
    text = f"format:\n{line}\n  standard: ST.96\n"
    main = pre(text)
    assert fit_code_blocks(main) == 1
    size = float(re.match(r"font-size: ([\d.]+)pt", main.find("pre").get("style")).group(1))
    assert MIN_CODE_SIZE_PT <= size < CODE_SIZE_PT
    assert "".join(main.find("pre").itertext()) == text  # the text itself is untouched
    # rendered: the long line is one line of the PDF, and the copied text parses as YAML
    reader = render(ET.tostring(main.find("pre"), encoding="unicode"), tmp_path)
    copied = reader.pages[0].extract_text()
    assert line.strip() in copied.splitlines()[1].strip()
    assert yaml.safe_load(copied)["format"]["schema_location"].endswith("bibliographic.xsd")


def test_a_line_too_long_even_when_shrunk_is_broken_with_a_mark_a_copy_does_not_keep(tmp_path):
    main = pre("k: " + "x" * 300 + "\n")
    fit_code_blocks(main)
    block = main.find("pre")
    assert block.get("style") == f"font-size: {MIN_CODE_SIZE_PT}pt"
    marks = block.findall("span[@class='stkit-continued']")
    assert len(marks) == 2
    assert "".join(block.itertext()).replace("\n", "") == "k: " + "x" * 300
    copied = render(ET.tostring(block, encoding="unicode"), tmp_path).pages[0].extract_text()
    assert copied.replace("\n", "").strip() == "k: " + "x" * 300  # the mark is a picture, not text


def test_the_post_check_finds_a_requirement_id_split_across_lines():
    from stkit.pdf.postcheck import SPLIT_ID
    assert SPLIT_ID.search("see IPDX-DAT-\n001 and").group(0) == "IPDX-DAT-"
    assert SPLIT_ID.search("see IPDX-\nDAT-001").group(0) == "IPDX-"
    assert SPLIT_ID.search("IPDX-DAT-001,\nIPDX-CAP-002") is None
    assert SPLIT_ID.search("ends with IPDX-DAT-001\nnext") is None
