"""write_docx(): the assembled doctree -> checked, reproducible `<outdir>/<file_stem>.docx`."""

from __future__ import annotations

import json
from pathlib import Path

from sphinx.util import logging

from ..pdf.archive import build_time, document_fields
from ..pdf.errors import PdfError
from ..pdf.furniture import furniture
from ..release.reproducible import zip_date_time
from ..sphinx.context import state
from ..translation.languages import SOURCE_LANGUAGE
from ..translation.render import document_title
from . import check, revisions
from ..atomicfile import write_atomic
from .builder import write_json
from .document import WordWriter
from .translator import DocxTranslator


logger = logging.getLogger("stkit")


def fail(target: Path, errors: list[tuple[str, str]]) -> None:
    """Report each error on one line (with its file and line when it has one), remove any
    older DOCX, and stop the build as the extension does for a user's mistake (exit 2)."""
    target.unlink(missing_ok=True)
    for location, message in errors:
        logger.error(f"DOCX {message}", location=location or None, type="stkit", subtype="DOCX")
    raise SystemExit(2)


def write_docx(builder, doctree) -> Path:
    st = state(builder.env)
    md = st.project.registry.metadata
    lang = builder.config.language or SOURCE_LANGUAGE
    # named like the PDFs: <file_stem>.docx in English, <file_stem>-<lang>.docx otherwise
    stem = md.file_stem if lang == SOURCE_LANGUAGE else f"{md.file_stem}-{lang}"
    target = Path(builder.outdir) / f"{stem}.docx"
    try:
        when = build_time(md, release=builder.config.stkit_release)
    except PdfError as exc:
        fail(target, [("", str(exc))])
    annexes = {sf.docname: sf.annex for sf in st.project.sources if sf.annex}
    furn = furniture(md, lang)
    writer = WordWriter(md, furn, annexes, lang=lang)
    writer.prepare(doctree)
    marker = None
    if builder.config.stkit_docx_revisions:
        plan = json.loads(Path(builder.config.stkit_docx_revisions).read_text(encoding="utf-8"))
        marker = revisions.Marker(plan, writer)
        writer.block_hooks.append(marker.on_block)
        writer.document_start_hooks.append(marker.on_document_start)
        writer.document_end_hooks.append(marker.on_document_end)
    translator = DocxTranslator(doctree, builder, writer)
    doctree.walkabout(translator)
    if translator.errors:
        fail(target, translator.errors)
    if marker is not None:
        marker.finish()
    fields = document_fields(md, when, furn.draft)
    writer.properties(when, document_title(st.root, md, lang), fields["description"], fields["keywords"],
                      writer.language)
    data = writer.to_bytes(zip_date_time(int(when.timestamp())))
    problems = check.check_package(data)
    if problems:
        fail(target, [("", f"{target.name}: {problem}") for problem in problems])
    write_atomic(target, data)
    if builder.config.stkit_docx_blocks:
        write_json(builder.config.stkit_docx_blocks,
                   [revisions.block_record(block, writer) for block in translator.blocks])
    return target
