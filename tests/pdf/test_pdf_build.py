"""The archival PDF of the mini standard, built for real (Sphinx singlehtml with the repo's
conf.py, then `python -m stkit.pdf`) once for the module, and read back with pypdf."""

from __future__ import annotations

import json
import re
from datetime import datetime, timezone
from pathlib import Path

import pytest
from pypdf import PdfReader

from stkit.pdf.postcheck import pdfa_identification, unembedded_fonts
from stkit.registry import load_registry

from pdf_site import EPOCH, REPO, build, copy_mini, page_number, pdf, run

SCHEMA = REPO / "tools" / "stkit" / "schema" / "registry.schema.json"


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    return build(copy_mini(tmp_path_factory.mktemp("pdf")))


@pytest.fixture(scope="module")
def texts(built) -> list[str]:
    return built.page_texts()


def test_file_is_named_from_the_metadata(built):
    assert built.path.name == "ST.XX-0.1.pdf"
    assert [p.name for p in built.path.parent.iterdir()] == ["ST.XX-0.1.pdf"]  # no temporary left


def test_is_identified_as_pdfa_3b_with_an_output_intent(built):
    assert pdfa_identification(built.opened()) == ("3", "B")
    catalog = built.reader.trailer["/Root"]
    assert catalog["/OutputIntents"][0].get_object()["/S"] == "/GTS_PDFA1"
    assert not unembedded_fonts(built.opened())


def test_registry_and_schema_are_embedded_exactly(built):
    attached = built.reader.attachments
    assert sorted(attached) == ["registry.schema.json", "requirements_registry.json"]
    loaded = load_registry((built.root / "requirements_registry.yaml").read_bytes())
    registry = attached["requirements_registry.json"][0].decode("utf-8")
    assert json.loads(registry) == loaded.doc.data
    assert registry == json.dumps(loaded.doc.data, sort_keys=True, ensure_ascii=False, indent=2) + "\n"
    assert attached["registry.schema.json"][0] == SCHEMA.read_bytes()


def test_document_metadata(built):
    meta = built.reader.metadata
    assert meta.title == "ST.XX - Recommendation for the exchange of intellectual property data"
    assert meta.subject.startswith("WIPO Standard ST.XX, version 0.1. Working Draft prepared by")
    assert built.reader.trailer["/Root"]["/Lang"] == "en"
    assert meta.creation_date == datetime.fromtimestamp(int(EPOCH), tz=timezone.utc)
    assert meta.modification_date == meta.creation_date


def test_every_heading_is_a_bookmark(built):
    titles = [item["/Title"] for item in built.reader.outline if not isinstance(item, list)]
    assert titles == ["STANDARD ST.XX", "Table of Contents", "General", "Requirements", "Annex I: Traceability"]


def test_running_header_and_footer_on_every_page(texts):
    assert len(texts) > 2
    for number, text in enumerate(texts, start=1):
        assert "HANDBOOK ON INDUSTRIAL PROPERTY INFORMATION AND DOCUMENTATION" in text, number
        assert "Ref.: Standards - ST.XX" in text, number
        assert "en / 03-XX-01" in text, number
        assert "Date: November 2026" in text, number
        assert "WORKING DRAFT" in text, number


def test_body_pages_count_on_and_annex_pages_restart(texts):
    labels = [page_number(text) for text in texts]
    annex_start = next(i for i, text in enumerate(texts)
                       if "ANNEX I: TRACEABILITY" in text and "TABLE OF CONTENTS" not in text)
    assert labels[:annex_start] == [str(n) for n in range(1, annex_start + 1)]
    annex = labels[annex_start:]
    assert annex == [f"i.{n}" for n in range(1, len(annex) + 1)]
    for n, text in enumerate(texts[annex_start:], start=1):
        assert f"Annex I, page {n}" in text
        assert "Ref.: Standards - ST.XX, Annex I" in text


def test_contents_give_the_pages_the_sections_are_on(texts):
    toc = next(text for text in texts if "TABLE OF CONTENTS" in text)
    listed = dict(re.findall(r"^(.+?) \.{3,}\s*((?:[ivx]+\.)?\d+)$", toc, flags=re.M))
    assert set(listed) == {"GENERAL", "REQUIREMENTS", "ANNEX I: TRACEABILITY"}  # WIPO's capitals
    for heading, label in listed.items():
        on = next(page_number(t) for t in texts if heading in t and "CONTENTS" not in t)
        assert label == on, heading


def test_cross_document_links_land_in_the_pdf(built):
    """The mini's {para} and {req} references cross documents: in a singlehtml build they are
    `#document-<doc>#<anchor>` links, which must become working in-document links."""
    links = []
    for page in built.reader.pages:
        for annot in page.get("/Annots", None) or []:
            annot = annot.get_object()
            action = annot.get("/A")
            if action is not None and "/URI" in action:
                assert "#document-" not in action["/URI"]
            links.append(annot.get("/Dest") or (action or {}).get("/D"))
    internal = [dest for dest in links if dest is not None]
    assert internal, "no internal link at all"
    named = built.reader.named_destinations
    assert "req-ipdx-fmt-001" in named and "para-2" in named


def test_numbered_paragraphs_keep_their_numbers(texts):
    body = next(text for text in texts if "GENERAL" in text and "TABLE OF CONTENTS" not in text)
    assert re.search(r"^1\. This small standard", body, flags=re.M)
    assert re.search(r"^3\. Paragraph 2 defines the parties", body, flags=re.M)


def test_two_builds_at_different_paths_are_byte_identical(built, tmp_path):
    again = build(copy_mini(tmp_path))
    assert again.path.parent != built.path.parent
    assert again.path.read_bytes() == built.path.read_bytes()


def test_an_adopted_standard_is_not_marked_as_a_draft(tmp_path):
    root = copy_mini(tmp_path)
    registry = root / "requirements_registry.yaml"
    text = registry.read_text(encoding="utf-8")
    assert "status: working-draft" in text
    registry.write_text(text.replace("status: working-draft",
                                     'status: adopted\n  adoption_date: "2026-11-25"'), encoding="utf-8")
    texts = build(root).page_texts()
    assert not any("DRAFT" in text for text in texts)
    assert all("Ref.: Standards - ST.XX" in text for text in texts)


def test_missing_singlehtml_is_one_line_and_leaves_nothing(built, tmp_path):
    out = tmp_path / "out"
    done = pdf(tmp_path / "nowhere", built.root, out)
    assert done.returncode == 1
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1
    assert lines[0] == (f"stkit.pdf: error: {tmp_path / 'nowhere' / 'index.html'}: not found; build the "
                        "singlehtml output first (sphinx-build -b singlehtml, as `make pdf` does)")
    assert not out.exists() or not any(out.iterdir())


def test_broken_registry_is_one_located_line(built, tmp_path):
    root = copy_mini(tmp_path)
    (root / "requirements_registry.yaml").write_text("metadata: [\n", encoding="utf-8")
    done = pdf(built.singlehtml, root, tmp_path / "out")
    assert done.returncode == 1
    assert len(done.stderr.strip().splitlines()) == 1
    assert re.match(r"stkit\.pdf: error: requirements_registry\.yaml:\d+:\d+: REG\d{3} ", done.stderr)
    assert not (tmp_path / "out").exists()


def test_failed_post_check_exits_1_and_leaves_no_pdf(built, tmp_path):
    """A PDF that fails a post-check is not left behind, and neither is the previous one."""
    out = tmp_path / "out"
    out.mkdir()
    (out / "ST.XX-0.1.pdf").write_bytes(b"the previous build")
    script = ("import sys, stkit.pdf.postcheck as p; p.MAX_PAGES = 2; "
              "from stkit.pdf.__main__ import main; sys.exit(main(sys.argv[1:]))")
    done = run("-c", script, str(built.singlehtml), str(out), "--root", str(built.root))
    assert done.returncode == 1
    pages = len(built.reader.pages)
    assert done.stderr == (f"stkit.pdf: error: ST.XX-0.1.pdf: {pages} pages, expected 2 to 2: "
                           "the layout lost content\n")
    assert list(out.iterdir()) == []


def test_a_reader_can_open_the_pdf_from_disk(built):
    assert len(PdfReader(Path(built.path)).pages) == len(built.reader.pages)


def test_without_pdftotext_the_post_check_says_what_to_install(built, tmp_path):
    out = tmp_path / "out"
    done = pdf(built.singlehtml, built.root, out, PATH=str(tmp_path))
    assert done.returncode == 1
    assert done.stderr == ("stkit.pdf: error: pdftotext is missing: the post-check reads each page's "
                           "text with it; install it with 'apt-get install poppler-utils' (make sets it up)\n")
    assert not out.exists() or list(out.iterdir()) == []


def test_the_cycle_collector_runs_less_often_while_building_and_as_before_after(built, tmp_path, monkeypatch):
    """WeasyPrint's boxes and PDF objects are walked by Python's cycle collector far less often
    during the build (build.GC_THRESHOLD); the thresholds are restored afterwards, also after
    a failed build."""
    import gc

    from weasyprint import HTML

    from stkit.pdf import build as pdf_build
    from stkit.pdf.errors import PdfError

    seen = []
    real_render = HTML.render

    def render(self, *args, **kwargs):
        seen.append(gc.get_threshold())
        return real_render(self, *args, **kwargs)

    monkeypatch.setattr(HTML, "render", render)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    outer = gc.get_threshold()  # what an earlier test in this process left
    before = (700, 10, 10)  # Python's default
    gc.set_threshold(*before)
    try:
        made = pdf_build.build(built.singlehtml, tmp_path / "out", built.root)
        assert seen and seen[0][0] >= pdf_build.GC_THRESHOLD > before[0]
        assert gc.get_threshold() == before
        assert made.path.read_bytes() == built.path.read_bytes()  # the same bytes as without
        with pytest.raises(PdfError):
            pdf_build.build(tmp_path / "nowhere", tmp_path / "out2", built.root)
        assert gc.get_threshold() == before
    finally:
        gc.set_threshold(*outer)
