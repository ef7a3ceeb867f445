"""After the build: the version, status and dates printed in the HTML, the PDF and the JSON
all come from the registry's metadata and agree. A bundle whose outputs disagree (a stale
build, a conf.py that hard-codes a version) is refused."""

from __future__ import annotations

import json
from html.parser import HTMLParser
from pathlib import Path

from pypdf import PdfReader

from ..model import Metadata

DRAFT_MARK = "DRAFT"
JSON_FIELDS = ("number", "title", "version", "status", "date", "cws_session", "adoption_date")


class StampError(Exception):
    """The outputs do not say what the registry says."""


def verify(md: Metadata, *, html_index: Path, pdf: Path, registry_json: bytes, draft: bool) -> None:
    problems = (json_problems(md, registry_json) + html_problems(md, html_index, draft)
                + pdf_problems(md, pdf, registry_json))
    if problems:
        raise StampError("the outputs do not agree with the registry's metadata:\n"
                         + "\n".join(problems))


def json_problems(md: Metadata, registry_json: bytes) -> list[str]:
    data = json.loads(registry_json)["metadata"]
    return [f"registry JSON: {name} is {data.get(name)!r}, the registry says {getattr(md, name)!r}"
            for name in JSON_FIELDS if data.get(name) != getattr(md, name)]


def expected_html(md: Metadata) -> list[str]:
    """What the title block of the HTML front page prints, from the metadata."""
    return [md.number, md.status_line, f"Version {md.version}"]


def html_problems(md: Metadata, index: Path, draft: bool) -> list[str]:
    if not index.is_file():
        return ["HTML: the front page index.html was not built"]
    text = page_text(index.read_text(encoding="utf-8"))
    problems = [f"HTML index.html: the title block does not say {want!r}"
                for want in expected_html(md) if want not in text]
    if draft and DRAFT_MARK not in text:
        problems.append(f"HTML index.html: a draft release is not marked {DRAFT_MARK}")
    return problems


def pdf_problems(md: Metadata, pdf: Path, registry_json: bytes) -> list[str]:
    reader = PdfReader(pdf)
    info = reader.metadata or {}
    title, subject = str(info.get("/Title", "")), str(info.get("/Subject", ""))
    problems = []
    if title != f"{md.number} - {md.title}":
        problems.append(f"PDF: the title is {title!r}, the registry says {md.number} - {md.title!r}")
    for want in (f"version {md.version}", md.status_line):
        if want not in subject:
            problems.append(f"PDF: the subject {subject!r} does not say {want!r}")
    attached = _attached_registry(reader)
    if attached is not None and json.loads(attached) != json.loads(registry_json):
        problems.append("PDF: the registry attached to the PDF differs from the registry JSON")
    return problems


def _attached_registry(reader: PdfReader) -> bytes | None:
    for name, contents in (reader.attachments or {}).items():
        if name.endswith(".json") and "schema" not in name and contents:
            return contents[0]
    return None


class _Text(HTMLParser):
    SKIP = {"script", "style"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag, attrs):
        if tag in self.SKIP:
            self.skipping += 1

    def handle_endtag(self, tag):
        if tag in self.SKIP and self.skipping:
            self.skipping -= 1

    def handle_data(self, data):
        if not self.skipping:
            self.parts.append(data)


def page_text(html: str) -> str:
    """The visible text of a page, whitespace collapsed."""
    parser = _Text()
    parser.feed(html)
    return " ".join(" ".join(parser.parts).split())
