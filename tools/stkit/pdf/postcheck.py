"""Checks on the built PDF, read back with pypdf: the failures met on this route (a 2-page
PDF when the layout swallowed the content, links left pointing at `#document-...`, missing
furniture), the archival promises (PDF/A-3b identification, the embedded files, the
outline, embedded fonts) and the accessible ones (`check_structure`: a structure tree with
headings, tables whose header cells have a scope, described links, figures with alternative
text). Each failure is one line: what is wrong, and where.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

from pypdf import PdfReader
from pypdf.errors import PdfReadError

from .errors import PdfError

PDFAID = "http://www.aiim.org/pdfa/ns/id/"
# A line of a page's text that ends inside a requirement ID (the schema's IPDX-ABC-123): the
# ID was split across lines, "IPDX-DAT-" / "001".
SPLIT_ID = re.compile(r"\bIPDX-(?:[A-Z]{0,3}|[A-Z]{3}-[0-9]{0,2})$", re.M)
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
    structure: "Structure | None" = None


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


def page_texts(path: Path, pages: int) -> list[str]:
    """The text of each page, by poppler's pdftotext (Debian package poppler-utils, installed
    by tools/setup/system-packages.sh): four times faster than pypdf's extraction on the
    tagged standard (1.2 s of CPU against 5 s for 51 pages)."""
    tool = shutil.which("pdftotext")
    if tool is None:
        raise PdfError("pdftotext is missing: the post-check reads each page's text with it; "
                       "install it with 'apt-get install poppler-utils' (make sets it up)")
    done = subprocess.run([tool, "-q", "-enc", "UTF-8", str(path), "-"], capture_output=True, timeout=600)
    if done.returncode != 0:
        raise PdfError(f"pdftotext cannot read the PDF (exit {done.returncode})")
    texts = done.stdout.decode("utf-8", errors="replace").split("\f")
    return texts[:pages] + [""] * (pages - len(texts))


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
    structure, problems = check_structure(reader)
    if problems:
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        fail(f"not accessible as tagged: {problems[0]}{more}")
    wanted_text = [t for t in (expect.header, expect.page_label, expect.footer, expect.draft) if t]
    for number, text in enumerate(page_texts(path, pages), start=1):
        # A margin box may wrap ("PROJET DE" / "TRAVAIL"), and letter-spacing makes pdftotext
        # read spaces between letters ("P R O J E T"): compared without any white space.
        flat = "".join(text.split())
        for wanted in wanted_text:
            if "".join(wanted.split()) not in flat:
                fail(f"page {number}: the page furniture {wanted!r} is missing")
        split = SPLIT_ID.search(text)
        if split:
            fail(f"page {number}: a requirement ID is split across lines at {split.group(0)!r}")
    return Report(pages=pages, bookmarks=bookmarks, structure=structure)


# --- the structure a reader of a tagged PDF relies on (PDF/UA-1, ISO 14289-1) ---------------

HEADING_LEVELS = {f"/H{n}": n for n in range(1, 7)}


@dataclass(frozen=True)
class Structure:
    """What the structure tree holds, counted."""

    elements: int
    headings: int
    tables: int
    header_cells: int
    links: int
    figures: int


def _kids(element) -> list:
    kids = element.get("/K")
    if kids is None:
        return []
    kids = kids.get_object()
    return list(kids) if isinstance(kids, list) else [kids]


def check_structure(reader: PdfReader) -> tuple[Structure, list[str]]:
    """Walk the structure tree; return the counts and one line per problem found (empty when
    the file is tagged as a reader needs): marked as tagged, the document title shown, every
    page's tab order following the structure, headings that start at H1 and skip no level,
    tables with header cells that say what they head, figures with alternative text, and
    every link annotation in the tree with a description; the parent tree maps no content to
    an element outside the tree."""
    problems: list[str] = []
    catalog = reader.trailer["/Root"]
    mark_info = catalog.get("/MarkInfo")
    if mark_info is None or not mark_info.get_object().get("/Marked"):
        problems.append("not marked as a tagged PDF (/MarkInfo /Marked true is missing)")
    prefs = catalog.get("/ViewerPreferences")
    if prefs is None or not prefs.get_object().get("/DisplayDocTitle"):
        problems.append("the viewer is not told to show the document title (/DisplayDocTitle)")
    root = catalog.get("/StructTreeRoot")
    if root is None:
        problems.append("no structure tree (/StructTreeRoot): a screen reader gets no headings, "
                        "lists, tables or reading order")
        return Structure(0, 0, 0, 0, 0, 0), problems
    root = root.get_object()
    for number, page in enumerate(reader.pages, start=1):
        if page.get("/Tabs") != "/S":
            problems.append(f"page {number}: the tab order does not follow the structure (/Tabs /S)")
            break

    reached: set[int] = set()
    counts = dict(elements=0, headings=0, tables=0, header_cells=0, links=0, figures=0)
    linked_annotations: set[int] = set()
    previous_level = 0
    stack = [(kid, None) for kid in reversed(_kids(root))]
    while stack:
        ref, _ = stack.pop()
        element = ref.get_object() if hasattr(ref, "get_object") else ref
        if not isinstance(element, dict):
            continue  # a marked-content id
        if element.get("/Type") == "/OBJR":
            target = element.get("/Obj")
            if target is not None:
                linked_annotations.add(getattr(target, "idnum", id(target)))
            continue
        if "/S" not in element:
            continue
        reached.add(getattr(ref, "idnum", id(element)))
        counts["elements"] += 1
        kind = element["/S"]
        level = HEADING_LEVELS.get(kind)
        if level:
            counts["headings"] += 1
            if level > previous_level + 1:
                problems.append(f"a heading {kind[1:]} follows H{previous_level or '-'}: "
                                "a heading level is skipped")
            previous_level = level
        elif kind == "/Table":
            counts["tables"] += 1
            if not any(e.get_object().get("/S") == "/TH" for e in _descendants(element)):
                problems.append(f"a table (page {_page_of(reader, element)}) has no header cell (TH)")
        elif kind == "/TH":
            counts["header_cells"] += 1
            attributes = element.get("/A")
            attributes = attributes.get_object() if attributes is not None else {}
            if attributes.get("/Scope") not in ("/Column", "/Row", "/Both"):
                problems.append(f"a table header cell (page {_page_of(reader, element)}) has no /Scope")
        elif kind == "/Figure":
            counts["figures"] += 1
            if not str(element.get("/Alt", "")).strip():
                problems.append(f"a figure (page {_page_of(reader, element)}) has no alternative text (/Alt)")
        elif kind == "/Link":
            counts["links"] += 1
        stack.extend((kid, element) for kid in reversed(_kids(element)))

    for number, page in enumerate(reader.pages, start=1):
        for annot_ref in page.get("/Annots", None) or []:
            annot = annot_ref.get_object()
            if annot.get("/Subtype") != "/Link":
                continue
            if getattr(annot_ref, "idnum", None) not in linked_annotations:
                problems.append(f"page {number}: a link is not in the structure tree")
            elif not str(annot.get("/Contents", "")).strip():
                problems.append(f"page {number}: a link has no description (/Contents)")

    parent_tree = root.get("/ParentTree")
    nums = parent_tree.get_object().get("/Nums", []) if parent_tree is not None else []
    for index in range(0, len(nums) - 1, 2):
        entries = nums[index + 1].get_object()
        for entry in entries if isinstance(entries, list) else [nums[index + 1]]:
            idnum = getattr(entry, "idnum", None)
            if idnum is not None and idnum not in reached and entry.get_object().get("/Type") != "/Annot":
                problems.append(f"page {nums[index] + 1 if isinstance(entries, list) else '?'}: "
                                "content is tagged but outside the structure tree (neither content nor artifact)")
                break
    if not counts["headings"]:
        problems.append("no heading (H1-H6) in the structure tree")
    return Structure(**counts), problems


def _descendants(element):
    stack = list(_kids(element))
    while stack:
        kid = stack.pop()
        obj = kid.get_object() if hasattr(kid, "get_object") else kid
        if isinstance(obj, dict) and "/S" in obj:
            yield kid
            stack.extend(_kids(obj))


def _page_of(reader: PdfReader, element) -> str:
    page = element.get("/Pg")
    if page is None:
        return "?"
    try:
        return str(reader.get_page_number(page.get_object()) + 1)
    except (ValueError, AttributeError):
        return "?"
