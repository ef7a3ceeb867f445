"""write_docx(): the assembled doctree -> checked, reproducible `<outdir>/<file_stem>.docx`."""

from __future__ import annotations

import json
from pathlib import Path

from ..pdf.archive import build_time, document_fields
from ..pdf.errors import PdfError
from ..pdf.furniture import furniture
from ..release.reproducible import zip_date_time
from ..sphinx.context import state
from . import check, revisions
from .builder import DocxError, write_atomic, write_json
from .document import WordWriter
from .translator import DocxTranslator


def write_docx(builder, doctree) -> Path:
    st = state(builder.app)
    md = st.project.registry.metadata
    target = Path(builder.outdir) / f"{md.file_stem}.docx"
    try:
        when = build_time(md, release=builder.config.stkit_release)
    except PdfError as exc:
        raise DocxError(str(exc)) from None
    annexes = {sf.docname: sf.annex for sf in st.project.sources if sf.annex}
    furn = furniture(md)
    writer = WordWriter(md, furn, annexes)
    writer.prepare(doctree)
    marker = None
    if builder.config.stkit_docx_revisions:
        plan = json.loads(Path(builder.config.stkit_docx_revisions).read_text(encoding="utf-8"))
        marker = revisions.Marker(plan, writer)
        writer.block_hooks.append(marker.on_block)
    translator = DocxTranslator(doctree, builder, writer)
    doctree.walkabout(translator)
    if translator.errors:
        target.unlink(missing_ok=True)
        more = f" (and {len(translator.errors) - 1} more)" if len(translator.errors) > 1 else ""
        raise DocxError(translator.errors[0] + more)
    if marker is not None:
        marker.finish()
    fields = document_fields(md, when, furn.draft)
    writer.properties(when, fields["title"], fields["description"], fields["keywords"], fields["lang"])
    data = writer.to_bytes(zip_date_time(int(when.timestamp())))
    problems = check.check_package(data)
    if problems:
        target.unlink(missing_ok=True)
        raise DocxError(f"{target.name}: {problems[0]}"
                        + (f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""))
    write_atomic(target, data)
    if builder.config.stkit_docx_blocks:
        write_json(builder.config.stkit_docx_blocks,
                   [revisions.block_record(block, writer) for block in translator.blocks])
    return target
