"""After the build: the version, status and dates printed in the HTML, the PDF and the JSON
all come from the registry's metadata and agree. A bundle whose outputs disagree (a stale
build, a conf.py or template that hard-codes a version, a draft not marked as one) is refused.

What is read: the title block of the HTML front page (the paragraphs `stkit-tb-*` that
the Sphinx extension writes, the title as the page's h1), the draft banner on every HTML page, the PDF's title and
subject, the title block on its first page and the draft mark on every page, the registry
attached to the PDF, and the registry JSON of the bundle.
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

from pypdf import PdfReader

from ..model import STATUS_LINES, Metadata, long_date

JSON_FIELDS = ("number", "title", "version", "status", "date", "cws_session", "adoption_date")
HTML_BANNER = 'class="stkit-draft-banner"'
# a paragraph, or the h1 the title becomes on the front page (stkit/sphinx/access.py)
_TB_FIELD = re.compile(r'<(?P<tag>p|h1) class="[^"]*\bstkit-tb-(?P<field>[a-z]+)\b[^"]*">(?P<text>.*?)</(?P=tag)>', re.S)
_TAG = re.compile(r"<[^>]+>")
PDF_DRAFT_MARKS = tuple(STATUS_LINES[s].upper() for s in STATUS_LINES if s != "adopted")


class StampError(Exception):
    """The outputs do not say what the registry says."""


def verify(md: Metadata, *, html_dir: Path, pdf: Path, registry_json: bytes, draft: bool,
           docx: Path | None = None, translations: dict | None = None) -> None:
    """`translations`: lang -> (HTML site, PDF, DOCX) of each translated language."""
    problems = (json_problems(md, registry_json) + html_problems(md, html_dir, draft)
                + pdf_problems(md, pdf, registry_json, draft)
                + (docx_problems(md, docx, draft) if docx is not None else []))
    for lang, (site, lang_pdf, lang_docx) in (translations or {}).items():
        problems += translation_problems(md, lang, html_dir=site, pdf=lang_pdf, docx=lang_docx,
                                         draft=draft)
    if problems:
        raise StampError("the outputs do not agree with the registry's metadata:\n"
                         + "\n".join(problems))


def title_block(md: Metadata) -> dict[str, str]:
    """The title block as the registry says it must read, field by field."""
    return {"number": f"STANDARD {md.number}", "title": md.title.upper(),
            "version": f"Version {md.version}", "status": md.status_line,
            "date": long_date(md.date)}


def json_problems(md: Metadata, registry_json: bytes) -> list[str]:
    data = json.loads(registry_json)["metadata"]
    return [f"registry JSON: {name} is {data.get(name)!r}, the registry says {getattr(md, name)!r}"
            for name in JSON_FIELDS if data.get(name) != getattr(md, name)]


def html_title_block(page: str) -> dict[str, str]:
    return {m["field"]: _squash(html.unescape(_TAG.sub("", m["text"])))
            for m in _TB_FIELD.finditer(page)}


def html_problems(md: Metadata, html_dir: Path, draft: bool) -> list[str]:
    index = html_dir / "index.html"
    if not index.is_file():
        return ["HTML: the front page index.html was not built"]
    printed = html_title_block(index.read_text(encoding="utf-8"))
    problems = [f"HTML index.html: the title block's {name} reads {printed.get(name)!r}, "
                f"not {want!r}" for name, want in title_block(md).items()
                if printed.get(name) != want]
    for page in sorted(html_dir.rglob("*.html")):
        marked = HTML_BANNER in page.read_text(encoding="utf-8")
        if marked != draft:
            shown = page.relative_to(html_dir).as_posix()
            problems.append(f"HTML {shown}: " + ("a draft page without the DRAFT banner" if draft
                                                 else "the DRAFT banner on an adopted release"))
    return problems


def pdf_problems(md: Metadata, pdf: Path, registry_json: bytes, draft: bool) -> list[str]:
    reader = PdfReader(pdf)
    info = reader.metadata or {}
    title, subject = str(info.get("/Title", "")), str(info.get("/Subject", ""))
    problems = []
    if title != f"{md.number} - {md.title}":
        problems.append(f"PDF: the title is {title!r}, not {md.number + ' - ' + md.title!r}")
    for want in (f"version {md.version}", md.status_line):
        if want not in subject:
            problems.append(f"PDF: the subject {subject!r} does not say {want!r}")
    attached = _attached_registry(reader)
    if attached is None:
        problems.append("PDF: the registry is not attached")
    elif json.loads(attached) != json.loads(registry_json):
        problems.append("PDF: the registry attached to the PDF differs from the registry JSON")
    texts = [_squash(page.extract_text() or "") for page in reader.pages]
    first = texts[0] if texts else ""
    for name, want in title_block(md).items():
        if name != "title" and want not in first:
            problems.append(f"PDF: the title block on page 1 does not say {want!r}")
    marks = [_bare(mark) for mark in PDF_DRAFT_MARKS]
    for number, text in enumerate(texts, start=1):
        marked = any(mark in _bare(text) for mark in marks)
        if marked != draft:
            problems.append(f"PDF page {number}: " + ("a draft page without the draft mark" if draft
                                                     else "a draft mark on an adopted release"))
    return problems


def _attached_registry(reader: PdfReader) -> bytes | None:
    for name, contents in (reader.attachments or {}).items():
        if name.endswith(".json") and "schema" not in name and contents:
            return contents[0]
    return None


def _squash(text: str) -> str:
    return " ".join(text.split())


def _bare(text: str) -> str:
    return "".join(text.split())


def docx_problems(md: Metadata, path: Path, draft: bool) -> list[str]:
    """The Word document: its title property, its title block, and the draft mark (below the
    title block and in the footer of every section) exactly when it is a draft."""
    import docx

    document = docx.Document(str(path))
    problems = []
    want_title = f"{md.number} - {md.title}"
    if document.core_properties.title != want_title:
        problems.append(f"DOCX: the title is {document.core_properties.title!r}, not {want_title!r}")
    styles = {"Title Block Number": "number", "Title Block Title": "title", "Title Block Status": "status"}
    printed, lines = {}, []
    for para in document.paragraphs[:12]:
        name = para.style.name
        if name in styles:
            printed[styles[name]] = _squash(para.text)
        elif name == "Title Block Line":
            lines.append(_squash(para.text))
    if len(lines) == 2:
        printed["version"], printed["date"] = lines
    for name, want in title_block(md).items():
        if printed.get(name) != want:
            problems.append(f"DOCX: the title block's {name} reads {printed.get(name)!r}, not {want!r}")
    marked = any(p.style.name == "Draft Mark" for p in document.paragraphs[:12])
    if marked != draft:
        problems.append("DOCX: " + ("a draft without the draft mark" if draft else "a draft mark on an adopted release"))
    for number, section in enumerate(document.sections, start=1):
        footer = _bare(" ".join(p.text for p in section.footer.paragraphs))
        if any(_bare(mark) in footer for mark in PDF_DRAFT_MARKS) != draft:
            problems.append(f"DOCX section {number}: " + ("a footer without the draft mark" if draft
                                                          else "a draft mark in the footer of an adopted release"))
    return problems


def translation_problems(md: Metadata, lang: str, *, html_dir: Path, pdf: Path, docx: Path,
                         draft: bool) -> list[str]:
    """A translation's outputs (docs/translation.md): the language set in each, the version in
    the language's words on the front page and the PDF's first page, and the draft mark (the
    language's own, "PROJET DE TRAVAIL") exactly when it is a draft, on every HTML page, every
    PDF page and the Word document's footers."""
    import docx as python_docx

    from ..translation.languages import words

    w = words(lang)
    name = f"({lang})"
    version = w["version"].format(version=md.version)
    mark = w["status"][md.status].upper() if md.is_draft else ""
    problems = []
    index = html_dir / "index.html"
    if not index.is_file():
        return [f"HTML {name}: the front page index.html was not built"]
    if html_title_block(index.read_text(encoding="utf-8")).get("version") != version:
        problems.append(f"HTML {name} index.html: the title block does not say {version!r}")
    for page in sorted(html_dir.rglob("*.html")):
        text = page.read_text(encoding="utf-8")
        shown = page.relative_to(html_dir).as_posix()
        if not re.search(rf'<html[^>]*\slang="{re.escape(lang)}"', text):
            problems.append(f"HTML {name} {shown}: the page's language is not {lang!r}")
        if (HTML_BANNER in text) != draft:
            problems.append(f"HTML {name} {shown}: " + ("a draft page without the draft banner" if draft
                                                       else "the draft banner on an adopted release"))
    reader = PdfReader(pdf)
    if str(reader.trailer["/Root"].get("/Lang", "")) != lang:
        problems.append(f"PDF {name}: the document language is not {lang!r}")
    texts = [_bare(page.extract_text() or "") for page in reader.pages]
    if not texts or _bare(version) not in texts[0]:
        problems.append(f"PDF {name}: the title block on page 1 does not say {version!r}")
    marks = [_bare(m) for m in PDF_DRAFT_MARKS + tuple(s.upper() for s in w["status"].values()
                                                        if s != w["status"].get("adopted"))]
    for number, text in enumerate(texts, start=1):
        marked = any(m in text for m in marks)
        if marked != draft or (draft and _bare(mark) not in text):
            problems.append(f"PDF {name} page {number}: " + (f"a draft page without the mark {mark!r}" if draft
                                                            else "a draft mark on an adopted release"))
    document = python_docx.Document(str(docx))
    if document.core_properties.language != w["word_language"]:
        problems.append(f"DOCX {name}: the document language is "
                        f"{document.core_properties.language!r}, not {w['word_language']!r}")
    for number, section in enumerate(document.sections, start=1):
        footer = _bare(" ".join(p.text for p in section.footer.paragraphs))
        if (draft and _bare(mark) not in footer) or (not draft and any(m in footer for m in marks)):
            problems.append(f"DOCX {name} section {number}: " + (f"a footer without the draft mark {mark!r}" if draft
                                                                else "a draft mark in the footer of an adopted release"))
    return problems
