"""Helpers of the DOCX tests: build a copy of a fixture standard with the real Sphinx and the
repository's conf.py (`-b docx -c <repo>`), as `make docx` does, and read the Word file back
(python-docx for what a reader sees, the raw WordprocessingML for bookmarks, links, fields
and revisions)."""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

import docx
from lxml import etree
from sphinx.cmd.build import build_main

REPO = Path(__file__).resolve().parents[2]
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
NS = {"w": W[1:-1]}


@dataclass
class Built:
    code: int
    out: Path
    warnings: list[str]

    @property
    def path(self) -> Path:
        found = sorted(self.out.glob("*.docx"))
        assert len(found) == 1, f"expected one .docx in {self.out}, found {found}"
        return found[0]


def build(root: Path, out: Path | None = None, *extra: str) -> Built:
    out = out or root.parent / f"{root.name}-docx"
    warnfile = out.parent / f"{out.name}-warnings.txt"
    warnfile.unlink(missing_ok=True)
    try:
        code = build_main(["-b", "docx", "-c", str(REPO), "-W", "--keep-going", "-q", "-E",
                           "-w", str(warnfile), *extra, str(root / "standard"), str(out)])
    except SystemExit as stop:
        code = stop.code
    text = warnfile.read_text(encoding="utf-8") if warnfile.exists() else ""
    return Built(code, out, [line for line in text.splitlines() if line.strip()])


def part(path: Path, name: str = "word/document.xml"):
    with zipfile.ZipFile(path) as zf:
        return etree.fromstring(zf.read(name))


def open_docx(path: Path):
    return docx.Document(str(path))


def styled(document, style: str) -> list[str]:
    return [p.text for p in document.paragraphs if p.style.name == style]


def bookmarks(root) -> list[str]:
    return [b.get(W + "name") for b in root.iter(W + "bookmarkStart")]


def text(element) -> str:
    """The text Word shows for an element: w:t, w:delText, no-break hyphens, tabs."""
    out = []
    for node in element.iter(W + "t", W + "delText", W + "noBreakHyphen", W + "tab"):
        out.append({W + "noBreakHyphen": "-", W + "tab": "\t"}.get(node.tag, node.text or ""))
    return "".join(out)


def links(root) -> list[tuple[str, str]]:
    """(text, bookmark) of every internal hyperlink, in order."""
    return [(text(h), h.get(W + "anchor")) for h in root.iter(W + "hyperlink") if h.get(W + "anchor")]


def numbers(document) -> list[str]:
    """The hanging number of every numbered paragraph, in order ('12.')."""
    return [re.match(r"^(\d+\.)\t", p.text).group(1) for p in document.paragraphs
            if p.style.name == "Numbered Paragraph"]
