"""Docutils nodes for the requirement block and the title block, built from the typed model.

Registry and catalogue text only ever becomes `nodes.Text` (escaped by the writer); no HTML
string is built from data here.
"""

from __future__ import annotations

import re

from docutils import nodes

from ..model import LEVEL_NAMES, Catalogues, Metadata, Requirement, StandardRef, long_date
from .nodes import pending_link

SEP = " \u00b7 "  # a middle dot between the facts of a requirement


def keyword_marked(statement: str, keyword: str) -> list[nodes.Node]:
    """The statement with its normative keyword (the first, as a whole word) marked up."""
    m = re.search(rf"\b{re.escape(keyword)}\b", statement, re.IGNORECASE)
    if not m:
        return [nodes.Text(statement)]
    return [nodes.Text(statement[: m.start()]),
            nodes.strong(m.group(0), m.group(0), classes=["kw", f"kw-{keyword}"]),
            nodes.Text(statement[m.end():])]


def standard_link(ref: StandardRef, catalogues: Catalogues) -> nodes.Node:
    """A citation of a WIPO standard: a link to WIPO's published document when it is known."""
    text = str(ref)
    std = catalogues.standards.get(ref.standard)
    if std is None:
        return nodes.inline(text, text, classes=["stkit-st", "stkit-unresolved"])
    link = nodes.reference(text, text, refuri=std.url, reftitle=f"{std.code}: {std.title}",
                           classes=["stkit-st"])
    return link


def requirement_block(req: Requirement, catalogues: Catalogues, tr=None) -> nodes.container:
    """The requirement's block; `tr` (a translation.render.Translator) for a translated build."""
    if tr is not None and not tr.source:
        from ..translation.blocks import translated_requirement_block

        return translated_requirement_block(req, catalogues, tr)
    classes = ["stkit-req", f"stkit-req-{req.obligation}"]
    if not req.active:
        classes.append("stkit-req-withdrawn")
    block = nodes.container(classes=classes, ids=[req.anchor])

    statement = nodes.paragraph(classes=["stkit-req-statement"])
    label = f"[{req.id}]"
    statement += nodes.reference(label, label, refid=req.anchor, classes=["stkit-req-id"],
                                 reftitle="Permanent link to this requirement")
    statement += nodes.Text(" ")
    statement += keyword_marked(req.statement, req.obligation)
    block += statement

    meta = nodes.paragraph(classes=["stkit-req-meta"])
    meta += nodes.strong(req.title, req.title, classes=["stkit-req-title"])
    facts = [f"{req.obligation_name.capitalize()} ({req.obligation})"]
    if req.level is not None:  # a permission carries no level
        facts.append(LEVEL_NAMES.get(req.level, f"Level {req.level}"))
    if req.applies_to:
        facts.append(f"applies to: {req.applies_to}")
    if not req.active:
        facts.append(f"withdrawn in {req.withdrawn_in}" if req.withdrawn_in else "withdrawn")
    meta += nodes.Text(SEP + SEP.join(facts))
    block += meta

    if not req.active and req.withdrawn_reason:
        block += nodes.paragraph(req.withdrawn_reason, req.withdrawn_reason, classes=["stkit-req-withdrawn-reason"])

    links = []
    if req.references:
        links.append(("References", [standard_link(ref, catalogues) for ref in req.references]))
    if req.ip5:
        items = []
        for pid in req.ip5:
            principle = catalogues.principles.get(pid)
            items.append(pending_link(pid, pid, kind="ip5", target=pid,
                                      reftitle=principle.summary if principle else ""))
        links.append(("IP5 policy", items))
    if req.challenges:
        items = []
        for cid in req.challenges:
            challenge = catalogues.challenges.get(cid)
            text = challenge.title if challenge else cid
            items.append(pending_link(text, text, kind="challenge", target=cid, reftitle=cid))
        links.append(("Survey challenges", items))
    for name, items in links:
        para = nodes.paragraph(classes=["stkit-req-links", "stkit-req-" + name.split()[0].lower()])
        para += nodes.emphasis(name + ": ", name + ": ")
        for index, item in enumerate(items):
            if index:
                para += nodes.Text("; ")
            para += item
        block += para
    return block


def unknown_requirement(rid: str) -> nodes.container:
    text = f"[{rid}] (not in the requirements registry)"
    return nodes.container("", nodes.paragraph(text, text), classes=["stkit-req", "stkit-unresolved"])


def title_block(md: Metadata, tr=None) -> nodes.container:
    if tr is not None and not tr.source:
        from ..translation.blocks import translated_title_block

        return translated_title_block(md, tr)
    block = nodes.container(classes=["stkit-title-block"])
    for text, cls in ((f"STANDARD {md.number}", "stkit-tb-number"),
                      (md.title.upper(), "stkit-tb-title"),
                      (f"Version {md.version}", "stkit-tb-version"),
                      (md.status_line, "stkit-tb-status"),
                      (long_date(md.date), "stkit-tb-date")):
        block += nodes.paragraph(text, text, classes=[cls])
    if md.is_draft:
        block["classes"].append("stkit-draft")
    return block
