"""build_pdf(): singlehtml folder -> print page -> WeasyPrint -> checked PDF/A-3b file.

The PDF is written to a hidden temporary file beside the target and renamed only once it
has passed the post-checks, so a failed build never leaves a partial or unchecked PDF; it
removes the previous build's PDF too, so what is there is always this build's.
"""

from __future__ import annotations

import logging
import os
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

from weasyprint import CSS, HTML
from weasyprint import LOGGER as WEASYPRINT_LOGGER
from weasyprint.urls import URLFetcher

from ..diagnostics import format_text
from ..gcpause import GC_THRESHOLD, fewer_collections  # noqa: F401 - GC_THRESHOLD: what it sets
from ..project import FsTree, load_sources, read_registry
from . import archive, furniture, inputs, postcheck, tagging
from .errors import PdfError
from .printhtml import make_print_page

PRINT_CSS = Path(__file__).with_name("print.css")
ROOT_PAGE = "index.html"
# WeasyPrint makes a few hundred thousand boxes and PDF objects that all live until the file
# is written, and with Python's default thresholds the cycle collector walks them again and
# again: 1.5 s of CPU of an 11 s PDF step on the standard (nine full collections). With
# gcpause.fewer_collections, as the HTML build has (stkit/sphinx/__init__.py), that is 0.4 s
# for 3 MB more memory; the thresholds are restored when the step ends (docs/pdf.md, "Measured").


@dataclass
class Built:
    path: Path
    pages: int
    bookmarks: int
    warnings: list[str] = field(default_factory=list)


class _Collect(logging.Handler):
    """WeasyPrint's warnings (missing anchors, unloadable images), kept for the report."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


class LocalFetcher(URLFetcher):
    """WeasyPrint's fetcher limited to files below the allowed folders (the built site, the PDF
    step's own stylesheet) and data: URLs: the PDF loads nothing from the network and reads no
    other file, whatever the page refers to (docs/hardening.md). A refused address becomes
    WeasyPrint's warning, kept in the report."""

    def __init__(self, *allowed: Path):
        super().__init__(allowed_protocols=("file", "data"), allow_redirects=False)
        self.roots = [Path(os.path.realpath(folder)) for folder in allowed]

    def fetch(self, url, headers=None):
        if url.startswith("file:"):
            path = Path(os.path.realpath(unquote(urlsplit(url).path)))
            if not (path.is_file() and any(path == r or r in path.parents for r in self.roots)):
                raise ValueError(f"not loaded: only files of the built site are read ({url[:80]})")
        elif not url.startswith("data:"):
            raise ValueError(f"not loaded: nothing is fetched from the network ({url[:80]})")
        return super().fetch(url, headers)


def local_fetcher(*allowed: Path) -> LocalFetcher:
    return LocalFetcher(*allowed)


def _load_registry(root: Path):
    loaded = read_registry(FsTree(root))
    if loaded.registry is None:
        first = format_text(loaded.diagnostics[:1]).splitlines()[0]
        raise PdfError(first)
    return loaded.registry.metadata, loaded.doc.data


def _check_links(page_html: str) -> None:
    """Every in-document link of the print page lands on an element of it."""
    ids = set(re.findall(r'\sid="([^"]+)"', page_html))
    for target in re.findall(r'\shref="#([^"]*)"', page_html):
        if target.startswith("document-"):
            raise PdfError(f"a link still points at #{target} after the singlehtml link fix")
        if target and target not in ids:
            raise PdfError(f"a link points at #{target}, which is nowhere in the document")


def build(singlehtml_dir: Path, out_dir: Path, root: Path, *, release: bool = False,
          lang: str = "en") -> Built:
    """The PDF of `lang`: `<file_stem>.pdf` in English, `<file_stem>-<lang>.pdf` otherwise."""
    with fewer_collections():
        return _build(Path(singlehtml_dir), Path(out_dir), Path(root), release, lang)


def _build(singlehtml_dir: Path, out_dir: Path, root: Path, release: bool, lang: str) -> Built:
    index = singlehtml_dir / ROOT_PAGE
    if not index.is_file():
        raise PdfError(f"{index}: not found; build the singlehtml output first "
                       "(sphinx-build -b singlehtml, as `make pdf` does)")
    md, data = _load_registry(root)
    sources, _, _ = load_sources(FsTree(root))
    annex_docs = {sf.docname: sf.annex for sf in sources if sf.annex}
    furn = furniture.furniture(md, lang)
    when = archive.build_time(md, release=release)
    fields = archive.document_fields(md, when, furn.draft)
    fields["lang"] = lang
    if lang != "en":  # the title and contents as the translation has them (docs/translation.md)
        from ..translation.languages import words
        from ..translation.render import document_title

        fields["title"] = document_title(root, md, lang)
        fields["contents"] = words(lang)["contents"]
    page = make_print_page(index.read_text(encoding="utf-8"), annex_docs=annex_docs, fields=fields)
    _check_links(page.html)
    fetcher = local_fetcher(singlehtml_dir, PRINT_CSS.parent)
    stylesheets = [CSS(filename=str(PRINT_CSS), url_fetcher=fetcher),
                   CSS(string=furniture.stylesheet(furn, sorted(set(page.annexes.values()), key=_roman)))]
    expect = postcheck.Expect(
        attachments=(archive.REGISTRY_ATTACHMENT, archive.SCHEMA_ATTACHMENT),
        header=furn.ref, page_label=furn.page_prefix, footer=furn.footer_right, draft=furn.draft,
        title=fields["title"], lang=fields["lang"])

    out_dir.mkdir(parents=True, exist_ok=True)
    stem = md.file_stem if lang == "en" else f"{md.file_stem}-{lang}"
    target = out_dir / f"{stem}.pdf"
    handle, tmp_name = tempfile.mkstemp(prefix=f".{stem}.", suffix=".pdf.part", dir=out_dir)
    os.close(handle)
    tmp = Path(tmp_name)
    inputs.forget(target)  # the stamp of `make pdf` (inputs.py) describes the PDF about to go
    collect = _Collect()
    WEASYPRINT_LOGGER.addHandler(collect)
    try:
        document = HTML(string=page.html, base_url=index.resolve().as_uri(), url_fetcher=fetcher)
        document.write_pdf(tmp, stylesheets=stylesheets, pdf_variant=archive.PDF_VARIANT, presentational_hints=True,
                           pdf_tags=True, finisher=tagging.finish, attachments=archive.attachments(data, when))
        report = postcheck.check_pdf(tmp, expect, shown=target.name)
        os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        target.unlink(missing_ok=True)  # never leave an older PDF that looks like this build's
        raise
    finally:
        WEASYPRINT_LOGGER.removeHandler(collect)
    return Built(path=target, pages=report.pages, bookmarks=report.bookmarks, warnings=collect.messages)


def build_pdf(singlehtml_dir: Path, out_dir: Path, root: Path, *, release: bool = False) -> Path:
    """Build `<out_dir>/<file_stem>.pdf` from Sphinx's singlehtml output of the project at
    `root`; raise PdfError (one line) when it cannot be built or fails a post-check."""
    return build(singlehtml_dir, out_dir, root, release=release).path


_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}


def _roman(numeral: str) -> int:
    values = [_ROMAN.get(c, 0) for c in numeral.upper()]
    return sum(-v if i + 1 < len(values) and v < values[i + 1] else v for i, v in enumerate(values))
