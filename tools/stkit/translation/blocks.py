"""The requirement block and the title block of a translated build: the same structure, ids
and classes as stkit.sphinx.blocks, with the registry's fields and the block's own words in
the language, and the English marked "translation pending" wherever no current translation
exists."""

from __future__ import annotations

from docutils import nodes

from ..model import Catalogues, Metadata, Requirement
from ..sphinx.blocks import SEP, keyword_marked, standard_link
from ..sphinx.nodes import pending_link
from .render import Translator, statement_nodes, title_block_lines


def translated_requirement_block(req: Requirement, catalogues: Catalogues,
                                 tr: Translator) -> nodes.container:
    w = tr.words
    classes = ["stkit-req", f"stkit-req-{req.obligation}"]
    if not req.active:
        classes.append("stkit-req-withdrawn")
    block = nodes.container(classes=classes, ids=[req.anchor])

    statement = nodes.paragraph(classes=["stkit-req-statement"])
    label = f"[{req.id}]"
    statement += nodes.reference(label, label, refid=req.anchor, classes=["stkit-req-id"],
                                 reftitle=w["permalink"])
    statement += nodes.Text(" ")
    text, current = statement_nodes(tr, req.id, req.statement, req.obligation, keyword_marked)
    statement += text
    if not current:
        block["classes"].append("stkit-req-pending")
    block += statement

    meta = nodes.paragraph(classes=["stkit-req-meta"])
    title = nodes.strong(classes=["stkit-req-title"])
    title += tr.text(req.id, req.title)
    meta += title
    facts = [f"{w['obligations'][req.obligation]} ({req.obligation})"]
    if req.level is not None:
        facts.append(w["levels"].get(req.level, f"{req.level}"))
    if req.applies_to:
        facts.append(w["applies_to"].format(role=w["roles"].get(req.applies_to, req.applies_to)))
    if not req.active:
        facts.append(f"withdrawn in {req.withdrawn_in}" if req.withdrawn_in else "withdrawn")
    meta += nodes.Text(SEP + SEP.join(facts))
    block += meta

    links = []
    if req.references:
        links.append(("references", w["references"],
                      [standard_link(ref, catalogues) for ref in req.references]))
    if req.ip5:
        items = []
        for pid in req.ip5:
            principle = catalogues.principles.get(pid)
            summary = tr.get(pid, principle.summary) if principle else ""
            items.append(pending_link(pid, pid, kind="ip5", target=pid,
                                      reftitle=summary or (principle.summary if principle else "")))
        links.append(("ip5", w["ip5"], items))
    if req.challenges:
        items = []
        for cid in req.challenges:
            challenge = catalogues.challenges.get(cid)
            english = challenge.title if challenge else cid
            text = (tr.get(cid, english) if challenge else None) or english
            items.append(pending_link(text, text, kind="challenge", target=cid, reftitle=cid))
        links.append(("survey", w["challenges"], items))
    for cls, name, items in links:
        para = nodes.paragraph(classes=["stkit-req-links", "stkit-req-" + cls])
        para += nodes.emphasis(name + " : " if tr.lang == "fr" else name + ": ",
                               name + (" : " if tr.lang == "fr" else ": "))
        for index, item in enumerate(items):
            if index:
                para += nodes.Text("; ")
            para += item
        block += para
    return block


def translated_title_block(md: Metadata, tr: Translator) -> nodes.container:
    block = nodes.container(classes=["stkit-title-block"])
    for children, cls in title_block_lines(md, tr):
        para = nodes.paragraph(classes=[cls])
        para.extend(children)
        block += para
    if md.is_draft:
        block["classes"].append("stkit-draft")
    return block
