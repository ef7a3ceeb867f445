"""The directives of docs/authoring.md: requirement, title-block, editor-note, template and the
generated tables (whose content is filled in at write time by tables.py)."""

from __future__ import annotations

from docutils import nodes
from sphinx.util.docutils import SphinxDirective

from . import envdata
from .blocks import title_block, unknown_requirement
from .context import relpath, report, state
from .nodes import generated_table, pending_requirement
from ..model import BOX_TITLES
from ..translation.sphinxext import translator

TABLES = ("requirements-table", "ip5-mapping", "survey-coverage", "references-table")


class _Base(SphinxDirective):
    def location(self) -> tuple[str, int]:
        source, line = self.get_source_info()
        return relpath(self.env, source, self.env.docname), line


class RequirementDirective(_Base):
    """```{requirement} IPDX-FMT-001``` places a requirement; the statement comes from the registry."""

    required_arguments = 1
    has_content = False

    def run(self) -> list[nodes.Node]:
        st = state(self.env)
        rid = self.arguments[0].strip()
        envdata.renders_requirement(self.env, rid)
        req = st.project.registry.by_id.get(rid)
        if req is None:
            path, line = self.location()
            report(st, "REQ003", path, line, f"{rid} is placed here but is not in the registry")
            return [unknown_requirement(rid)]
        envdata.record(self.env)["placements"].append(rid)
        # The block is made when the page is written (blocks.expand_requirements), from the
        # registry of that build: an edited entry rewrites the page without reading it again.
        node = pending_requirement(rid=rid, ids=[req.anchor])
        self.set_source_info(node)
        return [node]


class TitleBlockDirective(_Base):
    """The standard's title block, from the registry's metadata."""

    has_content = False

    def run(self) -> list[nodes.Node]:
        md = state(self.env).project.registry.metadata
        envdata.renders_metadata(self.env)
        document = self.state.document
        if "title" not in document:
            document["title"] = f"{md.number}: {md.title}"
        return [title_block(md, translator(self.env))]


class EditorNoteDirective(_Base):
    """An open question for the Task Force: boxed in a draft, refused by a release build."""

    has_content = True

    def run(self) -> list[nodes.Node]:
        if self.config.stkit_release:
            path, line = self.location()
            report(state(self.env), "BLD001", path, line,
                   "an {editor-note} is left in the text of a release build; resolve it and remove "
                   "the note", error=True)
            return []
        note = nodes.admonition(classes=["stkit-editor-note"])
        title = BOX_TITLES["stkit-editor-note"]
        note += nodes.title(title, title)
        self.set_source_info(note)
        note += self.parse_content_to_nodes()
        return [note]


class TemplateDirective(_Base):
    """Model text that an office adapts; its keywords are not requirements of this standard."""

    has_content = True

    def run(self) -> list[nodes.Node]:
        box = nodes.admonition(classes=["stkit-template"])
        title = BOX_TITLES["stkit-template"]
        box += nodes.title(title, title)
        self.set_source_info(box)
        box += self.parse_content_to_nodes()
        return [box]


class GeneratedTableDirective(_Base):
    """A table generated from the registry and catalogues; filled in when the page is written."""

    has_content = False

    def run(self) -> list[nodes.Node]:
        envdata.record(self.env)["tables"].append(self.name)
        node = generated_table(kind=self.name)
        self.set_source_info(node)
        return [node]


def register(app) -> None:
    app.add_directive("requirement", RequirementDirective)
    app.add_directive("title-block", TitleBlockDirective)
    app.add_directive("editor-note", EditorNoteDirective)
    app.add_directive("template", TemplateDirective)
    for name in TABLES:
        app.add_directive(name, GeneratedTableDirective)
