"""Checks on the built PDF, read back with pypdf: the failures met on this route (a 2-page
PDF when the layout swallowed the content, links left pointing at `#document-...`, missing
furniture) and the archival promises (PDF/A-3b identification, the embedded files, the
outline, embedded fonts). Each failure is one line: what is wrong, and where.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

from pypdf import PdfReader
from pypdf.errors import PdfReadError

from .errors import PdfError

PDFAID = "http://www.aiim.org/pdfa/ns/id/"
MAX_PAGES = 2000


@dataclass(frozen=True)
class Expect:
    """What the built PDF must show."""

    attachments: tuple[str, ...]
    header: str  # on every page, e.g. "Ref.: Standards - ST.XX"
    page_label: str  # on every page, e.g. "page: 3.XX."
    footer: str  # on every page, e.g. "Date: November 2026"
    draft: str  # on every page when not empty
    title: str
    lang: str
    min_pages: int = 2


@dataclass(frozen=True)
class Report:
    pages: int
    bookmarks: int


def pdfa_identification(reader: PdfReader) -> tuple[str | None, str | None]:
    """(part, conformance) from the XMP metadata, e.g. ('3', 'B')."""
    meta = reader.trailer["/Root"].get("/Metadata")
    if meta is None:
        return None, None
    data = meta.get_object().get_data()
    start, end = data.find(b"<x:xmpmeta"), data.rfind(b"</x:xmpmeta>")
    if start < 0 or end < 0:
        return None, None
    root = ET.fromstring(data[start:end + len(b"</x:xmpmeta>")])
    part = conformance = None
    for elem in root.iter():
        part = elem.get(f"{{{PDFAID}}}part", part)
        conformance = elem.get(f"{{{PDFAID}}}conformance", conformance)
        if elem.tag == f"{{{PDFAID}}}part":
            part = (elem.text or "").strip()
        elif elem.tag == f"{{{PDFAID}}}conformance":
            conformance = (elem.text or "").strip()
    return part, conformance


def count_bookmarks(outline: list) -> int:
    return sum(count_bookmarks(item) if isinstance(item, list) else 1 for item in outline)


def unembedded_fonts(reader: PdfReader) -> list[str]:
    """Names of the fonts used on any page whose program is not in the file."""
    missing: set[str] = set()
    seen: set[int] = set()
    for page in reader.pages:
        fonts = page.get("/Resources", {}).get_object().get("/Font", {}) if "/Resources" in page else {}
        for ref in fonts.get_object().values() if fonts else []:
            key = getattr(ref, "idnum", id(ref))
            if key in seen:
                continue
            seen.add(key)
            font = ref.get_object()
            if font.get("/Subtype") == "/Type3":  # glyphs drawn in the file itself
                continue
            described = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
            descriptor = described.get("/FontDescriptor")
            descriptor = descriptor.get_object() if descriptor is not None else {}
            if not any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")):
                missing.add(str(font.get("/BaseFont", "?")))
    return sorted(missing)


def leftover_links(reader: PdfReader) -> list[tuple[int, str]]:
    """(page number, URI) of links still aimed at a singlehtml `#document-` fragment."""
    found = []
    for number, page in enumerate(reader.pages, start=1):
        for annot in page.get("/Annots", None) or []:
            action = annot.get_object().get("/A")
            uri = str(action.get_object().get("/URI", "")) if action is not None else ""
            if "#document-" in uri:
                found.append((number, uri))
    return found


def check_pdf(path: Path, expect: Expect, shown: str | None = None) -> Report:
    """Raise PdfError (one line, naming the file as `shown`) on the first failed check;
    return what was counted."""
    name = shown or Path(path).name
    try:
        reader = PdfReader(path)
        pages = len(reader.pages)
    except (PdfReadError, OSError, ValueError) as exc:
        raise PdfError(f"{name}: not a readable PDF ({exc})") from None

    def fail(message: str) -> None:
        raise PdfError(f"{name}: {message}")

    part, conformance = pdfa_identification(reader)
    if (part, conformance) != ("3", "B"):
        fail(f"not identified as PDF/A-3b in its XMP metadata (pdfaid part={part}, conformance={conformance})")
    attached = set(reader.attachments)
    for wanted in expect.attachments:
        if wanted not in attached:
            fail(f"the embedded file {wanted} is missing (embedded: {', '.join(sorted(attached)) or 'none'})")
    if not expect.min_pages <= pages <= MAX_PAGES:
        fail(f"{pages} pages, expected {expect.min_pages} to {MAX_PAGES}: the layout lost content")
    bookmarks = count_bookmarks(reader.outline)
    if not bookmarks:
        fail("no bookmarks: the headings did not reach the PDF outline")
    meta = reader.metadata or {}
    if meta.get("/Title") != expect.title:
        fail(f"document title is {meta.get('/Title')!r}, expected {expect.title!r}")
    if not meta.get("/Subject"):
        fail("no document subject")
    if str(reader.trailer["/Root"].get("/Lang", "")) != expect.lang:
        fail(f"document language is {reader.trailer['/Root'].get('/Lang')!r}, expected {expect.lang!r}")
    for number, uri in leftover_links(reader)[:1]:
        fail(f"page {number}: a link still points at {uri}")
    missing = unembedded_fonts(reader)
    if missing:
        fail(f"fonts not embedded: {', '.join(missing)}")
    wanted_text = [t for t in (expect.header, expect.page_label, expect.footer, expect.draft) if t]
    for number, page in enumerate(reader.pages, start=1):
        text = page.extract_text()
        for wanted in wanted_text:
            if wanted not in text:
                fail(f"page {number}: the page furniture {wanted!r} is missing")
    return Report(pages=pages, bookmarks=bookmarks)
