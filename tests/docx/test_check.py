"""The check of a DOCX package's parts (stkit.docx.check): each rule breaks a copy of a real
build and expects its one-line message; bookmark names are always Word-valid."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
from docx_build import build

from stkit.docx.check import check_package, main
from stkit.docx.ooxml import bookmark_name


@pytest.fixture(scope="module")
def good(tmp_path_factory) -> Path:
    import shutil

    from docx_build import REPO
    root = tmp_path_factory.mktemp("check") / "mini"
    shutil.copytree(REPO / "tests" / "fixtures" / "mini", root)
    built = build(root)
    assert built.code == 0, built.warnings
    return built.path


def rewrite(src: Path, dst: Path, change) -> Path:
    """Copy the package, letting `change(name, data)` return new bytes (or None to drop)."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w") as zout:
        for info in zin.infolist():
            data = change(info.filename, zin.read(info.filename))
            if data is not None:
                zout.writestr(info.filename, data)
    return dst


def test_a_real_build_is_sound(good):
    assert check_package(good) == []
    assert check_package(good.read_bytes()) == []


def test_not_a_zip(tmp_path):
    bad = tmp_path / "bad.docx"
    bad.write_text("not a zip")
    assert check_package(bad) == ["not a zip package (File is not a zip file)"]


def test_malformed_xml(good, tmp_path):
    bad = rewrite(good, tmp_path / "bad.docx",
                  lambda n, d: d.replace(b"</w:body>", b"</w:bod>") if n == "word/document.xml" else d)
    problems = check_package(bad)
    assert len(problems) == 1 and problems[0].startswith("word/document.xml: not well-formed XML: ")


def test_a_part_without_content_type(good, tmp_path):
    bad = rewrite(good, tmp_path / "bad.docx",
                  lambda n, d: re.sub(rb'<Override PartName="/word/styles.xml"[^>]*/>', b"", d)
                  if n == "[Content_Types].xml" else d)
    assert check_package(bad) == ["word/styles.xml: content type 'application/xml', not "
                                  "'application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml' "
                                  "(a styles part)"]


def test_a_relationship_to_a_missing_part(good, tmp_path):
    bad = rewrite(good, tmp_path / "bad.docx", lambda n, d: None if n == "word/footer1.xml" else d)
    assert check_package(bad) == [
        "[Content_Types].xml: an override names /word/footer1.xml, which is not in the package",
        "word/_rels/document.xml.rels: relationship rId10 points at footer1.xml, which is not in the package"]


def test_a_link_to_a_missing_bookmark(good, tmp_path):
    bad = rewrite(good, tmp_path / "bad.docx",
                  lambda n, d: d.replace(b'w:name="para_2"', b'w:name="para_2x"') if n == "word/document.xml" else d)
    assert check_package(bad) == [  # paragraphs 3 and 5 both refer to it
        "word/document.xml: the link '2' points at bookmark 'para_2', which is not in the document"] * 2


def test_an_invalid_and_a_repeated_bookmark_name(good, tmp_path):
    def change(name, data):
        if name != "word/document.xml":
            return data
        return data.replace(b'w:name="para_1"', b'w:name="1-para"').replace(b'w:name="para_4"', b'w:name="para_3"')
    problems = check_package(rewrite(good, tmp_path / "bad.docx", change))
    assert problems == ["word/document.xml: bookmark name '1-para' is not valid in Word",
                        "word/document.xml: bookmark 'para_3' appears twice"]


def test_a_revision_without_author(good, tmp_path):
    def change(name, data):
        if name != "word/document.xml":
            return data
        return data.replace(b"</w:body>", b'<w:p><w:ins w:id="999999"><w:r><w:t>x</w:t></w:r></w:ins></w:p></w:body>')
    assert check_package(rewrite(good, tmp_path / "bad.docx", change)) == [
        "word/document.xml: a tracked insertion has no author"]


def test_the_command_line(good, tmp_path, capsys):
    bad = tmp_path / "bad.docx"
    bad.write_text("x")
    assert main([str(good), str(bad)]) == 1
    out, err = capsys.readouterr()
    assert out == f"{good}: the OOXML parts are sound\n"
    assert err == f"{bad}: not a zip package (File is not a zip file)\n"


@pytest.mark.parametrize("anchor, name", [
    ("req-ipdx-fmt-001", "req_ipdx_fmt_001"),
    ("annex-i-para-3", "annex_i_para_3"),
    ("12-things", "x12_things"),
    ("ip5-ip5-availability", "ip5_ip5_availability"),
])
def test_bookmark_names_follow_the_html_anchors(anchor, name):
    assert bookmark_name(anchor) == name


def test_a_long_anchor_gives_a_short_stable_distinct_name():
    a = bookmark_name("challenge-collect-legal-concerns-about-redistribution-and-correction")
    b = bookmark_name("challenge-collect-legal-concerns-about-redistribution-and-hosting")
    assert len(a) <= 40 and len(b) <= 40 and a != b
    assert re.fullmatch(r"[A-Za-z][A-Za-z0-9_]*", a)
    assert a == bookmark_name("challenge-collect-legal-concerns-about-redistribution-and-correction")
