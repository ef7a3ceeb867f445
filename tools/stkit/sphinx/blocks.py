"""Docutils nodes for the requirement block and the title block, built from the typed model,
in the build's language: one renderer for English and for a translated build (the
translation's words and registry catalogue come from `tr`, a translation.render.Translator;
English is shown marked "translation pending" wherever no current translation exists).

A page does not keep these nodes between reading and writing: the {requirement} directive
leaves one `pending_requirement` node, and the block is made from the registry when the page
is written (tables.FillIn, expand_requirements below). A block is about 37 nodes; kept in
every doctree of a 2,000-requirement build they were most of its memory (docs/build.md).

Registry and catalogue text only ever becomes `nodes.Text` (escaped by the writer); no HTML
string is built from data here.
"""

from __future__ import annotations

import re

from docutils import nodes
from docutils.utils import new_document

from ..model import LEVEL_NAMES, Catalogues, Metadata, Requirement, StandardRef, long_date
from .nodes import pending_link, pending_requirement

SEP = " \u00b7 "  # a middle dot between the facts of a requirement
# The English words of the block (the translation's words come from translation/words/*.yaml).
PERMALINK = "Permanent link to this requirement"
LINK_NAMES = (("references", "References"), ("ip5", "IP5 policy"), ("survey", "Survey challenges"))


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
    return nodes.reference(text, text, refuri=std.url, reftitle=f"{std.code}: {std.title}",
                           classes=["stkit-st"])


def _translated(tr) -> bool:
    return tr is not None and not tr.source


def requirement_block(req: Requirement, catalogues: Catalogues, tr=None,
                      after_id: list[nodes.Node] = ()) -> nodes.container:
    """The requirement's block; `tr` (a translation.render.Translator) for a translated build.
    `after_id`: nodes put after the requirement's ID (a marker of open comments)."""
    translated = _translated(tr)
    w = tr.words if translated else None
    classes = ["stkit-req", f"stkit-req-{req.obligation}"]
    if not req.active:
        classes.append("stkit-req-withdrawn")
    block = nodes.container(classes=classes, ids=[req.anchor])

    statement = nodes.paragraph(classes=["stkit-req-statement"])
    label = f"[{req.id}]"
    statement += nodes.reference(label, label, refid=req.anchor, classes=["stkit-req-id"],
                                 reftitle=w["permalink"] if translated else PERMALINK)
    if after_id:
        statement += nodes.Text(" ")
        statement.extend(after_id)
    statement += nodes.Text(" ")
    if translated:
        from ..translation.render import statement_nodes

        text, current = statement_nodes(tr, req.id, req.statement, req.obligation, keyword_marked)
        statement += text
        if not current:
            block["classes"].append("stkit-req-pending")
    else:
        statement += keyword_marked(req.statement, req.obligation)
    block += statement

    meta = nodes.paragraph(classes=["stkit-req-meta"])
    title = tr.text(req.id, req.title) if translated else [nodes.Text(req.title)]
    meta += nodes.strong(req.title, "", *title, classes=["stkit-req-title"])
    if translated:
        facts = [f"{w['obligations'][req.obligation]} ({req.obligation})"]
    else:
        facts = [f"{req.obligation_name.capitalize()} ({req.obligation})"]
    if req.level is not None:  # a permission carries no level
        facts.append(w["levels"].get(req.level, f"{req.level}") if translated
                     else LEVEL_NAMES.get(req.level, f"Level {req.level}"))
    if req.applies_to:
        facts.append(w["applies_to"].format(role=w["roles"].get(req.applies_to, req.applies_to))
                     if translated else f"applies to: {req.applies_to}")
    if not req.active:
        facts.append(f"withdrawn in {req.withdrawn_in}" if req.withdrawn_in else "withdrawn")
    meta += nodes.Text(SEP + SEP.join(facts))
    block += meta

    # The reason is not in the registry catalogue: a translated build leaves it out.
    if not req.active and req.withdrawn_reason and not translated:
        block += nodes.paragraph(req.withdrawn_reason, req.withdrawn_reason,
                                 classes=["stkit-req-withdrawn-reason"])

    items: dict[str, list[nodes.Node]] = {}
    if req.references:
        items["references"] = [standard_link(ref, catalogues) for ref in req.references]
    if req.ip5:
        items["ip5"] = []
        for pid in req.ip5:
            principle = catalogues.principles.get(pid)
            summary = principle.summary if principle else ""
            if translated and principle:
                summary = tr.get(pid, principle.summary) or principle.summary
            items["ip5"].append(pending_link(pid, pid, kind="ip5", target=pid, reftitle=summary))
    if req.challenges:
        items["survey"] = []
        for cid in req.challenges:
            challenge = catalogues.challenges.get(cid)
            text = challenge.title if challenge else cid
            if translated and challenge:
                text = tr.get(cid, text) or text
            items["survey"].append(pending_link(text, text, kind="challenge", target=cid, reftitle=cid))
    colon = " : " if translated and tr.lang == "fr" else ": "
    for (cls, english), key in zip(LINK_NAMES, ("references", "ip5", "challenges")):
        if cls not in items:
            continue
        name = (w[key] if translated else english) + colon
        para = nodes.paragraph(classes=["stkit-req-links", "stkit-req-" + cls])
        para += nodes.emphasis(name, name)
        for index, item in enumerate(items[cls]):
            if index:
                para += nodes.Text("; ")
            para += item
        block += para
    return block


def unknown_requirement(rid: str) -> nodes.container:
    text = f"[{rid}] (not in the requirements registry)"
    return nodes.container("", nodes.paragraph(text, text), classes=["stkit-req", "stkit-unresolved"])


def expand_requirements(document: nodes.document, registry, catalogues: Catalogues, tr=None,
                        placeholders: list | None = None) -> list[nodes.Element]:
    """Each `pending_requirement` of a page about to be written (or each of `placeholders`)
    becomes its block, with the typography the page's text had when it was read (Sphinx's
    smart quotes, which run while a page is read, before this). Returns the blocks."""
    if placeholders is None:
        placeholders = list(document.findall(pending_requirement))
    if not placeholders:
        return []
    scratch = new_document(document.get("source", ""), document.settings)
    blocks = []
    for node in placeholders:
        req = registry.by_id.get(node["rid"])
        if req is None:  # removed since the page was read: envdata reads the page again
            block = unknown_requirement(node["rid"])
        else:
            block = requirement_block(req, catalogues, tr, after_id=list(node.children))
        block.source, block.line = node.source, node.line
        blocks.append(block)
        if _SMARTENED.search(block.astext()):
            scratch += block
    if len(scratch):
        _smarten(scratch, document)
    for node, block in zip(placeholders, blocks):
        if block.parent is scratch:
            scratch.remove(block)
        node.replace_self(block)
    return blocks


# What Sphinx's smart quotes change (quotes, backquotes, "--" dashes, "..." ellipses): a
# block without any of them is left as it is, as the transform would leave it.
_SMARTENED = re.compile(r"[\"'`]|--|\.\s?\.")


def _smarten(scratch: nodes.document, document: nodes.document) -> None:
    from sphinx.transforms import SphinxSmartQuotes

    env = getattr(document.settings, "env", None)
    if env is None:
        return
    scratch.settings.env = env
    transform = SphinxSmartQuotes(scratch, startnode=None)
    if transform.is_available():
        transform.apply()


def smartener(document: nodes.document):
    """What Sphinx's smart quotes do to one paragraph of a requirement block, as a function of
    the paragraph's texts (the strings of its text nodes, in order) to their new texts: the
    steps of SphinxSmartQuotes.apply for a paragraph of plain text with no language of its
    own. None when this build leaves quotes as they are."""
    from docutils.utils import normalize_language_tag, smartquotes
    from sphinx.transforms import SphinxSmartQuotes

    env = getattr(document.settings, "env", None)
    if env is None or not SphinxSmartQuotes(document, startnode=None).is_available():
        return None
    settings = document.settings
    setting = getattr(settings, "smart_quotes", False)
    if not setting:
        return None
    if getattr(settings, "smartquotes_locales", None):
        smartquotes.smartchars.quotes.update(dict(settings.smartquotes_locales))
    lang = settings.language_code
    if isinstance(setting, str) and setting.startswith("alt"):
        lang = lang.replace("-x-altquot", "") if "-x-altquot" in lang else lang + "-x-altquot"
    lang = next((tag for tag in normalize_language_tag(lang) if tag in smartquotes.smartchars.quotes), "")
    action = env.config.smartquotes_action

    def smarten(texts: list[str]) -> list[str]:
        tokens = [("plain", re.sub(r'(?<=\x00)([-\\\'".`])', r'\\\1', text)) for text in texts]
        return list(smartquotes.educate_tokens(tokens, attr=action, language=lang))
    return smarten


def title_block(md: Metadata, tr=None) -> nodes.container:
    if _translated(tr):
        from ..translation.render import title_block_lines

        lines = title_block_lines(md, tr)
    else:
        lines = [([nodes.Text(text)], cls) for text, cls in (
            (f"STANDARD {md.number}", "stkit-tb-number"), (md.title.upper(), "stkit-tb-title"),
            (f"Version {md.version}", "stkit-tb-version"), (md.status_line, "stkit-tb-status"),
            (long_date(md.date), "stkit-tb-date"))]
    block = nodes.container(classes=["stkit-title-block"])
    for children, cls in lines:
        block += nodes.paragraph("", "", *children, classes=[cls])
    if md.is_draft:
        block["classes"].append("stkit-draft")
    return block
