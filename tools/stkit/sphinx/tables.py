"""The write phase: the requirement blocks are made (blocks.expand_requirements), then links
({req}, {para}, IP5 and challenge links of requirement blocks) and the generated tables are
filled in from the registry, the catalogues and what every document
places (envdata.Index, built once per write phase), when each page is written. Nothing here
is pickled, so nothing here can go stale.

Search: what a table only repeats is left out of the search index (Sphinx's `no-search`
class): the rows of requirements placed in the text (the search finds a requirement on the
page that places it, not in every table that lists it) and the cells that list requirement
IDs. What only a table shows stays searchable: a withdrawn or unplaced requirement, an IP5
principle and its summary, a survey challenge, a cited standard."""

from __future__ import annotations

import re

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from ..coverage import coverage
from ..model import LEVEL_NAMES, StandardRef
from .blocks import expand_requirements, smartener, standard_link
from .context import node_location, report, state
from .envdata import Index
from . import htmlblocks, htmltables
from .htmltables import HtmlTable, writes_html_directly
from .htmlblocks import block_html, link_html
from .nodes import collect, generated_table, pending_link, pending_requirement
from ..translation.sphinxext import translator


def row_id(prefix: str, ident: str) -> str:
    """'ip5', 'ip5/availability' -> 'ip5-ip5-availability'."""
    return prefix + "-" + re.sub(r"[^a-z0-9]+", "-", ident.lower()).strip("-")


NO_SEARCH = "no-search"  # Sphinx leaves an element with this class out of the search index
TABLE_ROW_PREFIX = {"ip5": ("ip5-mapping", "ip5"), "challenge": ("survey-coverage", "challenge")}


class FillIn(SphinxPostTransform):
    default_priority = 450  # after the transforms that have nothing to do in what it adds (none of
    # its nodes is a pending_xref, an image, an only or a literal block), before furo wraps tables

    def run(self, **kwargs) -> None:
        self.st = state(self.env)
        self.project = self.st.project
        if self.st.index is None:  # a write phase that env-get-updated did not open
            self.st.index = Index(self.env)
        self.index = self.st.index
        self.docname = self.env.docname
        self.uris: dict[str, str] = {}
        self.as_html = writes_html_directly(self.st.builder)
        placeholders, links, tables = _placeholders(self.document)
        if placeholders:
            tr = translator(self.env)
            if self.as_html and (tr is None or tr.source):
                placeholders = self.blocks_as_html(placeholders)
            for block in expand_requirements(self.document, self.project.registry, self.project.catalogues,
                                             tr, placeholders):
                links.extend(block.findall(pending_link))
        for node in links:
            node.replace_self(self.link(node))
        if tables:
            self.wrapped = self.as_html and self.st.tables_wrapped
        for node in tables:
            node.replace_self(getattr(self, "table_" + node["kind"].replace("-", "_"))())

    def blocks_as_html(self, placeholders: list[pending_requirement]) -> list[pending_requirement]:
        """The requirement blocks the HTML writer gets straight as HTML (htmlblocks.py); those
        it cannot take are returned, for expand_requirements."""
        by_id = self.project.registry.by_id
        catalogues = self.project.catalogues
        smarten = smartener(self.document)
        rest = []
        for node in placeholders:
            req = by_id.get(node["rid"])
            written = None if req is None else block_html(req, node, catalogues, self.row_target, smarten)
            if written is None:
                rest.append(node)
            else:
                node.replace_self(written)
        return rest

    def row_target(self, kind: str, ident: str) -> tuple[str | None, str | None] | None:
        """(uri, refid) of the row of `ident` in the table of `kind` links, None when no page
        places that table."""
        table, prefix = TABLE_ROW_PREFIX[kind]
        docname = self.index.tables.get(table)
        return None if docname is None else self.target(docname, row_id(prefix, ident))

    # --- links ------------------------------------------------------------------------------

    def link(self, node: pending_link) -> nodes.Node:
        kind, target = node["kind"], node["target"]
        if kind == "req":
            classes, uri, refid, title = self.req_target(target, node)
            text = target
        elif kind == "para":
            found = self.index.paragraph(target)
            if found is None:
                path, line = node_location(self.env, node)
                report(self.st, "XRF008", path, line, f"{{para}} names '{target}': no paragraph has "
                       "that label or number")
                text = node.astext()
                return nodes.inline(text, text, classes=["stkit-para-ref", "stkit-unresolved"])
            text, classes, title = found.text, ["stkit-para-ref"], ""
            uri, refid = self.target(found.docname, found.anchor)
        else:
            text, classes, title = node.astext(), [f"stkit-{kind}-ref"], node.get("reftitle", "")
            uri, refid = self.row_target(kind, target) or (None, None)
        if uri is None and refid is None:
            return nodes.inline(text, text, classes=classes)
        if self.as_html:  # the markup Sphinx's writer gives the nodes below (htmlblocks.py)
            return link_html(text, classes, uri, refid, title)
        return _reference(nodes.inline(text, text, classes=classes), uri, refid, title)

    def req_target(self, rid: str, node: nodes.Node | None = None) -> tuple:
        """(classes, uri or None, refid or None, title) of a link to requirement `rid`."""
        req = self.project.registry.by_id.get(rid)
        classes = ["stkit-req-ref"] + ([] if req is None or req.active else ["stkit-withdrawn"])
        placed = self.index.requirements.get(rid)
        if req is None and node is not None:
            path, line = node_location(self.env, node)
            report(self.st, "XRF007", path, line, f"{{req}} names {rid}, which is not in the registry")
        if placed is None:
            return classes, None, None, ""
        uri, refid = self.target(placed.docname, placed.anchor)
        return classes, uri, refid, req.title if req else ""

    def target(self, docname: str, anchor: str) -> tuple[str | None, str | None]:
        """(refuri, None) to another page, (None, refid) on this one (singlehtml: every page)."""
        uri = self.uris.get(docname)
        if uri is None:
            uri = self.uris[docname] = self.st.builder.get_relative_uri(self.docname, docname)
        if docname == self.docname or uri.startswith("#"):
            return None, anchor
        return f"{uri}#{anchor}", None

    def req_link(self, rid: str, node: nodes.Node | None = None) -> nodes.Node:
        classes, uri, refid, title = self.req_target(rid, node)
        child = nodes.inline(rid, rid, classes=classes)
        if uri is None and refid is None:
            return child
        return _reference(child, uri, refid, title)

    # --- tables -----------------------------------------------------------------------------
    # A cell is a string or a list of parts: ("text", s), ("em", s, classes), ("strong", s),
    # ("code", s), ("req", rid) or ("std", StandardRef). A table is made as docutils nodes
    # (Table) for the builders that read nodes (Word, text, LaTeX), and straight as HTML
    # (htmltables.HtmlTable) for the HTML builders: the same bytes as Sphinx's HTML writer
    # gives those nodes, without the 100,000 nodes of the tables of 2,000 requirements.

    def new_table(self, headings: list[str], cls: str):
        if self.as_html:
            return HtmlTable(headings, cls, self, wrapped=self.wrapped)
        return Table(headings, cls, self)

    def part_nodes(self, part) -> list[nodes.Node]:
        kind, text = part[0], part[1]
        if kind == "text":
            return [nodes.Text(text)]
        if kind == "em":
            return [nodes.emphasis(text, text, classes=list(part[2]))]
        if kind == "strong":
            return [nodes.strong(text, text)]
        if kind == "code":
            return [nodes.literal(text, text)]
        if kind == "req":
            return [self.req_link(text)]
        return [standard_link(text, self.project.catalogues)]  # "std"

    def table_requirements_table(self):
        registry = self.project.registry
        table = self.new_table(["ID", "Title", "Obligation", "Level", "Status"], "stkit-requirements-table")
        placed_in: dict[str, list[str]] = {}
        for rid, target in self.index.requirements.items():
            placed_in.setdefault(target.docname, []).append(rid)
        order = {rid: n for n, rid in enumerate(r.id for r in registry.requirements)}
        shown: set[str] = set()
        for sf in self.project.sources:
            rids = sorted(placed_in.get(sf.docname, []), key=lambda r: order.get(r, len(order)))
            rows = [registry.by_id[r] for r in rids if r in registry.by_id and registry.by_id[r].active]
            if rows:
                title = self.env.titles[sf.docname].astext() if sf.docname in self.env.titles else sf.docname
                table.group(title)
                for req in rows:
                    self.requirement_row(table, req)
                    shown.add(req.id)
        rest = [r for r in registry.requirements if r.active and r.id not in shown]
        if rest:
            table.group("Not placed in the text")
            for req in rest:
                self.requirement_row(table, req)
        withdrawn = [r for r in registry.requirements if not r.active]
        if withdrawn:
            table.group("Withdrawn")
            for req in withdrawn:
                self.requirement_row(table, req)
        return table.done()

    def requirement_row(self, table, req) -> None:
        status = "active" if req.active else (f"withdrawn in {req.withdrawn_in}" if req.withdrawn_in else "withdrawn")
        if not req.active and req.replaced_by:
            status = [("text", status + "; replaced by "), ("req", req.replaced_by)]
        placed = req.id in self.index.requirements
        table.row([[("req", req.id)], req.title, f"{req.obligation} ({req.obligation_name})",
                   "" if req.level is None else LEVEL_NAMES.get(req.level, str(req.level)), status],
                  # A withdrawn requirement is placed nowhere: its row keeps its permanent URL.
                  ident=None if req.active else req.anchor,
                  classes=([] if req.active else ["stkit-withdrawn"]) + ([NO_SEARCH] if placed else []))

    @staticmethod
    def req_list(rids: list[str]) -> list[tuple]:
        out: list[tuple] = []
        for index, rid in enumerate(rids):
            if index:
                out.append(("text", ", "))
            out.append(("req", rid))
        return out

    def table_ip5_mapping(self):
        cov, principles = coverage(self.project.registry), self.project.catalogues.principles
        deviations = cov.deviations
        table = self.new_table(["Principle", "Summary", "Implemented by"], "stkit-ip5-mapping")
        for pid, principle in principles.items():
            rids = cov.by_principle.get(pid, [])
            name: list[tuple] = [("code", pid), ("text", f" ({principle.kind})")]
            if not principle.verified:
                name.append(("em", " not yet verified", ("stkit-unverified",)))
            if rids:
                cell: object = self.req_list(rids)
            elif pid in deviations:
                cell = [("em", "Deviation: ", ()), ("text", deviations[pid].reason)]
            else:
                cell = [("em", "not addressed", ("stkit-gap",))]
            table.row([name, principle.summary, cell], ident=row_id("ip5", pid), unsearched={2} if rids else set())
        return table.done()

    def table_survey_coverage(self):
        cov, challenges = coverage(self.project.registry), self.project.catalogues.challenges
        out = cov.out_of_scope
        table = self.new_table(["Challenge", "Offices", "Context / group", "Answered by"], "stkit-survey-coverage")
        for cid, challenge in challenges.items():
            rids = cov.by_challenge.get(cid, [])
            if rids:
                cell: object = self.req_list(rids)
            elif cid in out:
                cell = [("em", "Out of scope: ", ()), ("text", out[cid].reason)]
            else:
                cell = [("em", "not addressed", ("stkit-gap",))]
            offices = "\u2013" if challenge.offices is None else str(challenge.offices)
            table.row([challenge.title, offices, f"{challenge.context} / {challenge.group}", cell],
                      ident=row_id("challenge", cid), unsearched={3} if rids else set())
        return table.done()

    def table_references_table(self):
        registry, standards = self.project.registry, self.project.catalogues.standards
        citing: dict[str, list[str]] = {}
        for req in registry.requirements:
            if req.active:
                for ref in req.references:
                    rids = citing.setdefault(ref.standard, [])
                    if req.id not in rids:
                        rids.append(req.id)
        table = self.new_table(["Standard", "Title", "Cited by"], "stkit-references-table")
        for code in sorted(citing, key=lambda c: int(c.split(".")[1])):
            std = standards.get(code)
            title = std.title if std else "(not in the catalogue)"
            table.row([[("std", StandardRef(code))], title, self.req_list(citing[code])],
                      ident=row_id("ref", code), unsearched={2})
        return table.done()


def _placeholders(document: nodes.document) -> tuple[list, list, list]:
    """The page's pending_requirement, pending_link and generated_table nodes, in document
    order, found in one walk."""
    found: dict[type, list] = {pending_requirement: [], pending_link: [], generated_table: []}
    for node in collect(document, tuple(found)):
        found[type(node)].append(node)
    return found[pending_requirement], found[pending_link], found[generated_table]


def _reference(child: nodes.Node, uri: str | None, refid: str | None, title: str) -> nodes.reference:
    """An internal link: to `uri` on another page, or to `refid` on this one."""
    node = nodes.reference("", "", child, internal=True)
    if refid:
        node["refid"] = refid
    else:
        node["refuri"] = uri
    if title:
        node["reftitle"] = title
    return node


class Table:
    """A docutils table built row by row; cells are strings (escaped text) or lists of parts."""

    def __init__(self, headings: list[str], cls: str, fill: FillIn):
        self.width = len(headings)
        self.fill = fill
        self.node = nodes.table(classes=["stkit-table", cls])
        tgroup = nodes.tgroup(cols=self.width)
        self.node += tgroup
        for _ in headings:
            tgroup += nodes.colspec(colwidth=1)
        thead = nodes.thead()
        tgroup += thead
        thead += self._row(headings)
        self.body = nodes.tbody()
        tgroup += self.body

    def _entry(self, cell) -> nodes.entry:
        para = nodes.paragraph()
        if isinstance(cell, str):
            para += nodes.Text(cell)
        else:
            for part in cell:
                para.extend(self.fill.part_nodes(part))
        return nodes.entry("", para)

    def _row(self, cells) -> nodes.row:
        row = nodes.row()
        for cell in cells:
            row += self._entry(cell)
        return row

    def row(self, cells, ident: str | None = None, classes: list[str] | None = None,
            unsearched: set[int] = frozenset()) -> None:
        """`unsearched`: the cells (by position) left out of the search index."""
        row = self._row(cells)
        for position in unsearched:
            row[position]["classes"].append(NO_SEARCH)
        if ident:
            row["ids"].append(ident)
        row["classes"].extend(classes or [])
        self.body += row

    def group(self, title: str) -> None:
        entry = self._entry([("strong", title)])
        entry["morecols"] = self.width - 1
        self.body += nodes.row("", entry, classes=["stkit-group"])

    def done(self) -> list[nodes.Node]:
        return [self.node]


def register(app) -> None:
    htmltables.register(app)
    htmlblocks.register(app)
    app.add_post_transform(FillIn)
