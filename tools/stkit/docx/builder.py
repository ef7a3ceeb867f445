"""The `docx` Sphinx builder: the whole standard as one Word document,
`<outdir>/<file_stem>.docx` (e.g. build/docx/ST.XX-0.2.docx).

Like Sphinx's singlehtml builder it assembles every document of the toctree into one
doctree (so links between documents are links inside the file), then the translator
(translator.py) writes it with python-docx. The file is written to a temporary name beside
the target, checked (check.py: the OOXML parts, every internal link lands on a bookmark),
and renamed into place only then; a failed build leaves no DOCX, not even an older one.

Two settings serve the tracked-changes report (stkit.diff.render_docx), and are empty in a
normal build: `stkit_docx_blocks` (write what each requirement and numbered paragraph says,
as JSON, to this path) and `stkit_docx_revisions` (read the revisions to mark from this
JSON file).
"""

from __future__ import annotations

import json
from pathlib import Path

from docutils import nodes
from sphinx.builders import Builder
from sphinx.util.nodes import inline_all_toctrees

from ..atomicfile import write_atomic

DOCX_SUFFIX = ".docx"


class DocxBuilder(Builder):
    name = "docx"
    format = "docx"
    epilog = "The Word document is in %(outdir)s."
    supported_image_types: list[str] = []
    default_translator_class = None  # set by init(): an HTML build never imports python-docx

    def init(self) -> None:
        from .translator import DocxTranslator

        type(self).default_translator_class = DocxTranslator  # Sphinx reads it from the class
        self.written: Path | None = None

    def get_outdated_docs(self) -> str:
        return "all documents"

    def get_target_uri(self, docname: str, typ: str | None = None) -> str:
        if docname in self.env.all_docs:
            return "#document-" + docname  # every document is in the one file
        return docname

    def get_relative_uri(self, from_: str, to: str, typ: str | None = None) -> str:
        return self.get_target_uri(to, typ)

    def prepare_writing(self, docnames) -> None:
        pass

    def write_doc(self, docname: str, doctree: nodes.document) -> None:  # pragma: no cover
        pass  # write_documents writes the assembled document instead

    def assemble_doctree(self) -> nodes.document:
        master = self.config.root_doc
        tree = self.env.get_doctree(master)
        tree = inline_all_toctrees(self, set(), master, tree, lambda s: s, [master])
        tree["docname"] = master
        self.env.resolve_references(tree, master, self)
        return tree

    def write_documents(self, _docnames) -> None:
        from .write import write_docx  # python-docx is imported only by a DOCX build

        doctree = self.assemble_doctree()
        self.written = write_docx(self, doctree)

    def finish(self) -> None:
        pass


def setup(app) -> dict:
    app.add_builder(DocxBuilder)
    app.add_config_value("stkit_docx_blocks", "", "", str)
    app.add_config_value("stkit_docx_revisions", "", "", str)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}


def write_json(path: str, data) -> None:
    write_atomic(Path(path), (json.dumps(data, ensure_ascii=False, indent=1) + "\n").encode("utf-8"))
