"""The requirement blocks written straight as HTML, for the HTML builders (html, singlehtml).

A requirement block is some 37 docutils nodes with six links in it (blocks.requirement_block):
at 2,000 requirements, making those nodes, resolving their links, walking them for the search
index, writing them and taking them apart again was over a third of what the extension adds
to a clean build (docs/build.md). The HTML builders get here the bytes Sphinx's HTML writer
gives the block's nodes, written from the registry directly, in one `html_table` node (the
writer prints its `html` as it is) with a `search_words` node beside it holding the block's
text for the search index, word for word what the indexer would find in the nodes.

Only an English block without anything the nodes' path would add or change is written here:
not a block in a translated build (its words and pending marks come as nodes from the
translation), not one with a marker of open comments after its ID, not one whose anchor
carries other IDs or classes (the writer adds spans for those), and not one whose text smart
quotes would change (quotes, dashes, ellipses: `blocks._smarten` runs docutils' transform on
the nodes). Those go the nodes' way, as every block does for the other builders (Word, text).
tests/sphinx/test_html_tables.py builds whole sites both ways and compares them byte for byte,
search index included.

Registry and catalogue text is escaped as the writer escapes it (htmltables.esc, attr).
"""

from __future__ import annotations

import re

from docutils import nodes

from ..model import LEVEL_NAMES, Catalogues, Requirement
from .blocks import _SMARTENED, LINK_NAMES, PERMALINK, SEP
from .htmltables import attr, esc, html_table, search_words


def block_html(req: Requirement, placeholder: nodes.Element, catalogues: Catalogues,
               link_target) -> list[nodes.Node] | None:
    """The block of `req` as [html_table, search_words], or None when it must be made as nodes.
    `link_target(kind, target)` gives (uri, refid) of a table row, or None when no page
    places that table."""
    if placeholder.children or placeholder["classes"] or placeholder["ids"] != [req.anchor]:
        return None
    words: list[str] = []
    paragraphs: list[str] = []  # each paragraph's text, as the nodes' astext() has it

    def text(value: str) -> str:
        words.append(value)
        return esc(value)

    classes = ["stkit-req", f"stkit-req-{req.obligation}"] + ([] if req.active else ["stkit-req-withdrawn"])
    out = [f'<div class="{" ".join(classes)} docutils container" id="{attr(req.anchor)}">\n']

    label = f"[{req.id}]"
    statement = req.statement
    m = re.search(rf"\b{re.escape(req.obligation)}\b", statement, re.IGNORECASE)
    if m:
        marked = (f"{text(statement[:m.start()])}<strong class=\"kw kw-{attr(req.obligation)}\">"
                  f"{text(m.group(0))}</strong>{text(statement[m.end():])}")
    else:
        marked = text(statement)
    out.append(f'<p class="stkit-req-statement"><a class="stkit-req-id reference internal" '
               f'href="#{attr(req.anchor)}" title="{attr(PERMALINK)}">{text(label)}</a>{text(" ")}'
               f"{marked}</p>\n")
    paragraphs.append(f"{label} {statement}")

    facts = [f"{req.obligation_name.capitalize()} ({req.obligation})"]
    if req.level is not None:
        facts.append(LEVEL_NAMES.get(req.level, f"Level {req.level}"))
    if req.applies_to:
        facts.append(f"applies to: {req.applies_to}")
    if not req.active:
        facts.append(f"withdrawn in {req.withdrawn_in}" if req.withdrawn_in else "withdrawn")
    tail = SEP + SEP.join(facts)
    out.append(f'<p class="stkit-req-meta"><strong class="stkit-req-title">{text(req.title)}</strong>'
               f"{text(tail)}</p>\n")
    paragraphs.append(req.title + tail)

    if not req.active and req.withdrawn_reason:
        out.append(f'<p class="stkit-req-withdrawn-reason">{text(req.withdrawn_reason)}</p>\n')
        paragraphs.append(req.withdrawn_reason)

    items: dict[str, list[str]] = {}
    plain: dict[str, list[str]] = {}
    if req.references:
        items["references"], plain["references"] = [], []
        for ref in req.references:
            shown = str(ref)
            std = catalogues.standards.get(ref.standard)
            if std is None:
                items["references"].append(f'<span class="stkit-st stkit-unresolved">{text(shown)}</span>')
            else:
                items["references"].append(
                    f'<a class="stkit-st reference external" href="{attr(std.url)}" '
                    f'title="{attr(f"{std.code}: {std.title}")}">{text(shown)}</a>')
            plain["references"].append(shown)
    if req.ip5:
        items["ip5"], plain["ip5"] = [], []
        for pid in req.ip5:
            principle = catalogues.principles.get(pid)
            items["ip5"].append(_link(link_target("ip5", pid), text(pid), "stkit-ip5-ref",
                                      principle.summary if principle else ""))
            plain["ip5"].append(pid)
    if req.challenges:
        items["survey"], plain["survey"] = [], []
        for cid in req.challenges:
            challenge = catalogues.challenges.get(cid)
            shown = challenge.title if challenge else cid
            items["survey"].append(_link(link_target("challenge", cid), text(shown),
                                         "stkit-challenge-ref", cid))
            plain["survey"].append(shown)
    for cls, english in LINK_NAMES:
        if cls not in items:
            continue
        name = english + ": "
        parts = [f"<em>{text(name)}</em>"]
        for index, item in enumerate(items[cls]):
            if index:
                parts.append(text("; "))
            parts.append(item)
        out.append(f'<p class="stkit-req-links stkit-req-{cls}">{"".join(parts)}</p>\n')
        paragraphs.append(name + "; ".join(plain[cls]))
    out.append("</div>\n")

    if _SMARTENED.search("\n\n".join(paragraphs)):
        return None  # smart quotes would change it: the nodes' way
    found = search_words()
    found.extend(nodes.Text(word) for word in words)
    return [html_table(html="".join(out)), found]


def _link(target: tuple[str | None, str | None] | None, inner: str, cls: str, title: str) -> str:
    span = f'<span class="{cls}">{inner}</span>'
    if target is None:
        return span
    uri, refid = target
    href = attr(uri) if uri is not None else "#" + attr(refid)
    title_attr = f' title="{attr(title)}"' if title else ""
    return f'<a class="reference internal" href="{href}"{title_attr}>{span}</a>'
