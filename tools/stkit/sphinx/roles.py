"""The roles of docs/authoring.md: {st}, {req}, {para}, {kw}."""

from __future__ import annotations

from docutils import nodes
from sphinx.util.docutils import SphinxRole

from ..citation import parse_citation, resolve
from . import envdata
from .blocks import standard_link
from .context import relpath, report, state
from .nodes import pending_link


class _Role(SphinxRole):
    def location(self) -> tuple[str, int]:
        source, line = self.get_source_info()
        return relpath(self.env, source, self.env.docname), line


class StandardRole(_Role):
    """{st}`ST.96 Annex III`: a citation of a WIPO standard, linked to WIPO's document."""

    def run(self):
        st = state(self.env)
        envdata.renders_catalogues(self.env)
        text = self.text.strip()
        ref = parse_citation(text)
        if ref is None:
            report(st, "XRF010", *self.location(), f"'{text}' is not a citation of the form "
                   "ST.<n>[ v<version>][ <part>][ [<rule>]]")
            return [nodes.inline(text, text, classes=["stkit-st", "stkit-unresolved"])], []
        if ref.standard not in st.project.catalogues.standards:
            code, message = resolve(ref, st.project.catalogues)[0]
            report(st, code, *self.location(), message)
        return [standard_link(ref, st.project.catalogues)], []


class LinkRole(_Role):
    """{req}`IPDX-FMT-001` and {para}`para-scope` / {para}`12`: resolved when the page is written."""

    def run(self):
        target = self.text.strip()
        kind = self.name.split(":")[-1]
        envdata.links_to(self.env, kind, target)
        node = pending_link(target, target, kind=kind, target=target)
        node.source, node.line = self.get_source_info()
        return [node], []


class KeywordRole(_Role):
    """{kw}`shall`: a normative keyword mentioned, not used."""

    def run(self):
        text = self.text.strip()
        return [nodes.inline(text, text, classes=["kw", "kw-mention"])], []


def register(app) -> None:
    app.add_role("st", StandardRole())
    app.add_role("req", LinkRole())
    app.add_role("para", LinkRole())
    app.add_role("kw", KeywordRole())
