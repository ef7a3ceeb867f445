"""Checks on the built PDF, read back with pikepdf (qpdf): the failures met on this route (a
2-page PDF when the layout swallowed the content, links left pointing at `#document-...`,
missing furniture), the archival promises (PDF/A-3b identification, the embedded files, the
outline, embedded fonts) and the accessible ones (`check_structure`: a structure tree with
headings, tables whose header cells have a scope, described links, figures with alternative
text). Each failure is one line: what is wrong, and where.

The file is parsed once, by qpdf (C++): pypdf, pure Python, took 1.8 s of CPU to parse the
tagged standard's 12,000 structure elements, pikepdf 0.1 s. Each page's text is read by
poppler's `pdftotext`, in its own process while the structure is checked here.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

import pikepdf

from .errors import PdfError

PDFAID = "http://www.aiim.org/pdfa/ns/id/"
# A line of a page's text that ends inside a requirement ID (the schema's IPDX-ABC-123): the
# ID was split across lines, "IPDX-DAT-" / "001".
SPLIT_ID = re.compile(r"\bIPDX-(?:[A-Z]{0,3}|[A-Z]{3}-[0-9]{0,2})$", re.M)
MAX_PAGES = 2000
PDFTOTEXT_MISSING = ("pdftotext is missing: the post-check reads each page's text with it; "
                     "install it with 'apt-get install poppler-utils' (make sets it up)")


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


def _key(obj) -> tuple[int, int] | int:
    """What identifies an object of the file: its object number for an indirect one."""
    objgen = getattr(obj, "objgen", (0, 0))
    return objgen if objgen != (0, 0) else id(obj)


def pdfa_identification(pdf: pikepdf.Pdf) -> tuple[str | None, str | None]:
    """(part, conformance) from the XMP metadata, e.g. ('3', 'B')."""
    meta = pdf.Root.get("/Metadata")
    if not isinstance(meta, pikepdf.Stream):
        return None, None
    data = meta.read_bytes()
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


def count_bookmarks(pdf: pikepdf.Pdf) -> int:
    """The entries of the outline, at every level."""
    outlines = pdf.Root.get("/Outlines")
    count, seen = 0, set()
    stack = [outlines.get("/First")] if isinstance(outlines, pikepdf.Dictionary) else []
    while stack:
        item = stack.pop()
        if not isinstance(item, pikepdf.Dictionary) or _key(item) in seen:
            continue
        seen.add(_key(item))
        count += 1
        stack += [item.get("/Next"), item.get("/First")]
    return count


def _inherited(page: pikepdf.Dictionary, name: str):
    """A page attribute, from the page or the nearest page tree node above it."""
    seen = set()
    while isinstance(page, pikepdf.Dictionary) and _key(page) not in seen:
        if name in page:
            return page[name]
        seen.add(_key(page))
        page = page.get("/Parent")
    return None


def unembedded_fonts(pdf: pikepdf.Pdf) -> list[str]:
    """Names of the fonts used on any page whose program is not in the file."""
    missing: set[str] = set()
    seen: set = set()
    for page in pdf.pages:
        resources = _inherited(page.obj, "/Resources")
        fonts = resources.get("/Font") if isinstance(resources, pikepdf.Dictionary) else None
        for font in fonts.values() if isinstance(fonts, pikepdf.Dictionary) else []:
            if _key(font) in seen or not isinstance(font, pikepdf.Dictionary):
                continue
            seen.add(_key(font))
            if font.get("/Subtype") == "/Type3":  # glyphs drawn in the file itself
                continue
            described = font["/DescendantFonts"][0] if "/DescendantFonts" in font else font
            descriptor = described.get("/FontDescriptor")
            if not isinstance(descriptor, pikepdf.Dictionary) or not any(
                    k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")):
                missing.add(str(font.get("/BaseFont", "?")))
    return sorted(missing)


def _annotations(pdf: pikepdf.Pdf) -> Iterator[tuple[int, pikepdf.Dictionary]]:
    """(page number, annotation) for every annotation of every page."""
    for number, page in enumerate(pdf.pages, start=1):
        annots = page.obj.get("/Annots")
        for annot in annots if isinstance(annots, pikepdf.Array) else []:
            if isinstance(annot, pikepdf.Dictionary):
                yield number, annot


def leftover_links(pdf: pikepdf.Pdf) -> list[tuple[int, str]]:
    """(page number, URI) of links still aimed at a singlehtml `#document-` fragment."""
    found = []
    for number, annot in _annotations(pdf):
        action = annot.get("/A")
        uri = str(action.get("/URI", "")) if isinstance(action, pikepdf.Dictionary) else ""
        if "#document-" in uri:
            found.append((number, uri))
    return found


def _pdftotext() -> str:
    tool = shutil.which("pdftotext")
    if tool is None:
        raise PdfError(PDFTOTEXT_MISSING)
    return tool


def text_copy(path: Path) -> bytes:
    """The PDF as pdftotext is given it: without its output intent. Poppler builds colour
    transforms from the output intent's ICC profile for every page (lcms2), which took three
    quarters of pdftotext's time on the standard (1.8 s of 2.4) and changes no text."""
    with pikepdf.open(path) as pdf:
        if "/OutputIntents" in pdf.Root:
            del pdf.Root["/OutputIntents"]
        out = io.BytesIO()
        pdf.save(out, stream_decode_level=pikepdf.StreamDecodeLevel.none)
        return out.getvalue()


def page_texts(data: bytes, pages: int) -> list[str]:
    """The text of each page of the PDF `data` (made by `text_copy`), by poppler's pdftotext
    (Debian package poppler-utils, installed by tools/setup/system-packages.sh): 0.3 s of CPU
    for the standard's 58 pages, where pypdf's extraction took 6 s. `-raw` keeps the text as
    drawn: the default mode joins a word hyphenated at a line's end with the next line
    ("IPDX-DAT-" / "001" read as "IPDX-DAT001"), which would hide the split SPLIT_ID finds."""
    done = subprocess.run([_pdftotext(), "-q", "-raw", "-enc", "UTF-8", "-", "-"], input=data, capture_output=True,
                          timeout=600)
    if done.returncode != 0:
        raise PdfError(f"pdftotext cannot read the PDF (exit {done.returncode})")
    texts = done.stdout.decode("utf-8", errors="replace").split("\f")
    return texts[:pages] + [""] * (pages - len(texts))


def check_pdf(path: Path, expect: Expect, shown: str | None = None) -> Report:
    """Raise PdfError (one line, naming the file as `shown`) on the first failed check;
    return what was counted. The pages' text is read (pdftotext, another process) while the
    rest is checked; the checks fail in the same order either way."""
    name = shown or Path(path).name
    _pdftotext()
    try:
        pdf = pikepdf.open(path)
        pages = len(pdf.pages)
    except (pikepdf.PdfError, OSError, ValueError) as exc:
        raise PdfError(f"{name}: not a readable PDF ({exc})") from None
    with pdf, ThreadPoolExecutor(max_workers=1) as pool:
        texts = pool.submit(lambda: page_texts(text_copy(path), pages))
        try:
            report = _check_read(pdf, pages, expect, name)
            _check_texts(texts.result(), expect, name)
        except pikepdf.PdfError as exc:
            raise PdfError(f"{name}: not a readable PDF ({exc})") from None
    return report


def _check_read(pdf: pikepdf.Pdf, pages: int, expect: Expect, name: str) -> Report:
    def fail(message: str) -> None:
        raise PdfError(f"{name}: {message}")

    part, conformance = pdfa_identification(pdf)
    if (part, conformance) != ("3", "B"):
        fail(f"not identified as PDF/A-3b in its XMP metadata (pdfaid part={part}, conformance={conformance})")
    attached = set(pdf.attachments)
    for wanted in expect.attachments:
        if wanted not in attached:
            fail(f"the embedded file {wanted} is missing (embedded: {', '.join(sorted(attached)) or 'none'})")
    if not expect.min_pages <= pages <= MAX_PAGES:
        fail(f"{pages} pages, expected {expect.min_pages} to {MAX_PAGES}: the layout lost content")
    bookmarks = count_bookmarks(pdf)
    if not bookmarks:
        fail("no bookmarks: the headings did not reach the PDF outline")
    info = pdf.trailer.get("/Info")
    info = info if isinstance(info, pikepdf.Dictionary) else {}
    title = str(info["/Title"]) if "/Title" in info else None
    if title != expect.title:
        fail(f"document title is {title!r}, expected {expect.title!r}")
    if not str(info.get("/Subject", "")):
        fail("no document subject")
    lang = str(pdf.Root.get("/Lang", ""))
    if lang != expect.lang:
        fail(f"document language is {lang or None!r}, expected {expect.lang!r}")
    for number, uri in leftover_links(pdf)[:1]:
        fail(f"page {number}: a link still points at {uri}")
    missing = unembedded_fonts(pdf)
    if missing:
        fail(f"fonts not embedded: {', '.join(missing)}")
    structure, problems = check_structure(pdf)
    if problems:
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        fail(f"not accessible as tagged: {problems[0]}{more}")
    return Report(pages=pages, bookmarks=bookmarks, structure=structure)


def _check_texts(texts: list[str], expect: Expect, name: str) -> None:
    wanted_text = [t for t in (expect.header, expect.page_label, expect.footer, expect.draft) if t]
    for number, text in enumerate(texts, start=1):
        # A margin box may wrap ("PROJET DE" / "TRAVAIL"), and letter-spacing makes pdftotext
        # read spaces between letters ("P R O J E T"): compared without any white space.
        flat = "".join(text.split())
        for wanted in wanted_text:
            if "".join(wanted.split()) not in flat:
                raise PdfError(f"{name}: page {number}: the page furniture {wanted!r} is missing")
        split = SPLIT_ID.search(text)
        if split:
            raise PdfError(f"{name}: page {number}: a requirement ID is split across lines at {split.group(0)!r}")


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


def _kids(element: pikepdf.Dictionary) -> list:
    kids = element.get("/K")
    if kids is None:
        return []
    return list(kids) if isinstance(kids, pikepdf.Array) else [kids]


def _kind(element: pikepdf.Dictionary) -> str:
    return str(element.get("/S", ""))


def _scope(element: pikepdf.Dictionary) -> str:
    """The /Scope of a header cell, from its attribute object (or the first of a list of them
    that has one)."""
    attributes = element.get("/A")
    for attribute in attributes if isinstance(attributes, pikepdf.Array) else [attributes]:
        if isinstance(attribute, pikepdf.Dictionary) and "/Scope" in attribute:
            return str(attribute["/Scope"])
    return ""


def check_structure(pdf: pikepdf.Pdf) -> tuple[Structure, list[str]]:
    """Walk the structure tree once; return the counts and one line per problem found (empty
    when the file is tagged as a reader needs): marked as tagged, the document title shown,
    every page's tab order following the structure, headings that start at H1 and skip no
    level, tables with header cells that say what they head, figures with alternative text,
    and every link annotation in the tree with a description; the parent tree maps no content
    to an element outside the tree."""
    problems: list[str] = []
    catalog = pdf.Root
    mark_info = catalog.get("/MarkInfo")
    if not isinstance(mark_info, pikepdf.Dictionary) or not mark_info.get("/Marked"):
        problems.append("not marked as a tagged PDF (/MarkInfo /Marked true is missing)")
    prefs = catalog.get("/ViewerPreferences")
    if not isinstance(prefs, pikepdf.Dictionary) or not prefs.get("/DisplayDocTitle"):
        problems.append("the viewer is not told to show the document title (/DisplayDocTitle)")
    root = catalog.get("/StructTreeRoot")
    if not isinstance(root, pikepdf.Dictionary):
        problems.append("no structure tree (/StructTreeRoot): a screen reader gets no headings, "
                        "lists, tables or reading order")
        return Structure(0, 0, 0, 0, 0, 0), problems
    page_numbers = {_key(page.obj): number for number, page in enumerate(pdf.pages, start=1)}
    for number, page in enumerate(pdf.pages, start=1):
        if page.obj.get("/Tabs") != "/S":
            problems.append(f"page {number}: the tab order does not follow the structure (/Tabs /S)")
            break

    def page_of(element: pikepdf.Dictionary) -> str:
        page = element.get("/Pg")
        return str(page_numbers.get(_key(page), "?")) if page is not None else "?"

    reached: set = set()
    counts = dict(elements=0, headings=0, tables=0, header_cells=0, links=0, figures=0)
    linked_annotations: set = set()
    previous_level = 0
    stack = list(reversed(_kids(root)))
    while stack:
        element = stack.pop()
        if not isinstance(element, pikepdf.Dictionary):
            continue  # a marked-content id
        if element.get("/Type") == "/OBJR":
            target = element.get("/Obj")
            if target is not None:
                linked_annotations.add(_key(target))
            continue
        if "/S" not in element or _key(element) in reached:
            continue
        reached.add(_key(element))
        counts["elements"] += 1
        kind = _kind(element)
        level = HEADING_LEVELS.get(kind)
        if level:
            counts["headings"] += 1
            if level > previous_level + 1:
                problems.append(f"a heading {kind[1:]} follows H{previous_level or '-'}: "
                                "a heading level is skipped")
            previous_level = level
        elif kind == "/Table":
            counts["tables"] += 1
            if not any(_kind(e) == "/TH" for e in _descendants(element)):
                problems.append(f"a table (page {page_of(element)}) has no header cell (TH)")
        elif kind == "/TH":
            counts["header_cells"] += 1
            if _scope(element) not in ("/Column", "/Row", "/Both"):
                problems.append(f"a table header cell (page {page_of(element)}) has no /Scope")
        elif kind == "/Figure":
            counts["figures"] += 1
            if not str(element.get("/Alt", "")).strip():
                problems.append(f"a figure (page {page_of(element)}) has no alternative text (/Alt)")
        elif kind == "/Link":
            counts["links"] += 1
        stack.extend(reversed(_kids(element)))

    for number, annot in _annotations(pdf):
        if annot.get("/Subtype") != "/Link":
            continue
        if _key(annot) not in linked_annotations:
            problems.append(f"page {number}: a link is not in the structure tree")
        elif not str(annot.get("/Contents", "")).strip():
            problems.append(f"page {number}: a link has no description (/Contents)")

    for key, entries in _number_tree(root.get("/ParentTree")):
        for entry in entries if isinstance(entries, pikepdf.Array) else [entries]:
            if (isinstance(entry, pikepdf.Dictionary) and entry.is_indirect and _key(entry) not in reached
                    and entry.get("/Type") != "/Annot"):
                page = key + 1 if isinstance(entries, pikepdf.Array) else "?"
                problems.append(f"page {page}: content is tagged but outside the structure tree "
                                "(neither content nor artifact)")
                break
    if not counts["headings"]:
        problems.append("no heading (H1-H6) in the structure tree")
    return Structure(**counts), problems


def _number_tree(node) -> Iterator[tuple[int, object]]:
    """(key, value) of a number tree (the parent tree), its /Kids included."""
    stack, seen = [node], set()
    while stack:
        node = stack.pop()
        if not isinstance(node, pikepdf.Dictionary) or _key(node) in seen:
            continue
        seen.add(_key(node))
        nums = node.get("/Nums")
        if isinstance(nums, pikepdf.Array):
            for index in range(0, len(nums) - 1, 2):
                if isinstance(nums[index], int):
                    yield nums[index], nums[index + 1]
        kids = node.get("/Kids")
        stack.extend(reversed(list(kids)) if isinstance(kids, pikepdf.Array) else [])


def _descendants(element: pikepdf.Dictionary) -> Iterator[pikepdf.Dictionary]:
    stack = list(_kids(element))
    while stack:
        kid = stack.pop()
        if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
            yield kid
            stack.extend(_kids(kid))
