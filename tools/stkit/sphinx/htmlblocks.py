"""The requirement blocks written straight as HTML, for the HTML builders (html, singlehtml).

A requirement block is some 37 docutils nodes with six links in it (blocks.requirement_block):
at 2,000 requirements, making those nodes, resolving their links, walking them for the search
index, writing them and taking them apart again was over a third of what the extension adds
to a clean build (docs/build.md). The HTML builders get here the bytes Sphinx's HTML writer
gives the block's nodes, written from the registry directly, in one `written_html` node (the
writer prints its `html` as it is) with a `search_words` node beside it holding the block's
text for the search index, word for word what the indexer would find in the nodes.

Smart quotes, which Sphinx applies to the text while a page is read (before any block
exists), are applied here as the nodes' way applies them (blocks.smartener: docutils'
educate_tokens over each paragraph's texts in order). Only an English block without anything
the nodes' path would add is written here: not a block in a translated build (its words and
pending marks come as nodes from the translation), not one with a marker of open comments
after its ID, and not one whose anchor carries other IDs or classes (the writer adds spans
for those). Those go the nodes' way, as every block does for the other builders (Word,
text). The links of the text ({req}, {para}) are written the same way, as `html_link` nodes
that keep their text as a text node. tests/sphinx/test_html_tables.py builds whole sites
both ways and compares them byte for byte, search index included.

Registry and catalogue text is escaped as the writer escapes it (htmltables.esc, attr).
"""

from __future__ import annotations

import re

from docutils import nodes

from ..model import LEVEL_NAMES, Catalogues, Requirement
from .blocks import _SMARTENED, LINK_NAMES, PERMALINK, SEP
from .htmltables import attr, esc, written_html, words_node


class _Text(str):
    """A text of a block (a text node of its nodes), as opposed to markup."""


def block_html(req: Requirement, placeholder: nodes.Element, catalogues: Catalogues,
               link_target, smarten=None) -> list[nodes.Node] | None:
    """The block of `req` as [written_html, search_words], or None when it must be made as nodes.
    `link_target(kind, target)` gives (uri, refid) of a table row, or None when no page
    places that table; `smarten` (blocks.smartener) what smart quotes do to a paragraph's texts."""
    if placeholder.children or placeholder["classes"] or placeholder["ids"] != [req.anchor]:
        return None
    # Each paragraph: a list of markup (str) and texts (_Text), in the order of the nodes.
    paragraphs: list[list[str]] = []
    T = _Text

    statement = req.statement
    m = re.search(rf"\b{re.escape(req.obligation)}\b", statement, re.IGNORECASE)
    marked = ([T(statement[:m.start()]), f'<strong class="kw kw-{attr(req.obligation)}">', T(m.group(0)),
               "</strong>", T(statement[m.end():])] if m else [T(statement)])
    paragraphs.append(['<p class="stkit-req-statement"><a class="stkit-req-id reference internal" '
                       f'href="#{attr(req.anchor)}" title="{attr(PERMALINK)}">', T(f"[{req.id}]"), "</a>",
                       T(" "), *marked])

    facts = [f"{req.obligation_name.capitalize()} ({req.obligation})"]
    if req.level is not None:
        facts.append(LEVEL_NAMES.get(req.level, f"Level {req.level}"))
    if req.applies_to:
        facts.append(f"applies to: {req.applies_to}")
    if not req.active:
        facts.append(f"withdrawn in {req.withdrawn_in}" if req.withdrawn_in else "withdrawn")
    paragraphs.append(['<p class="stkit-req-meta"><strong class="stkit-req-title">', T(req.title), "</strong>",
                       T(SEP + SEP.join(facts))])

    if not req.active and req.withdrawn_reason:
        paragraphs.append(['<p class="stkit-req-withdrawn-reason">', T(req.withdrawn_reason)])

    items: dict[str, list[list[str]]] = {}
    if req.references:
        items["references"] = []
        for ref in req.references:
            std = catalogues.standards.get(ref.standard)
            if std is None:
                items["references"].append(['<span class="stkit-st stkit-unresolved">', T(str(ref)), "</span>"])
            else:
                items["references"].append([f'<a class="stkit-st reference external" href="{attr(std.url)}" '
                                            f'title="{attr(f"{std.code}: {std.title}")}">', T(str(ref)), "</a>"])
    if req.ip5:
        items["ip5"] = []
        for pid in req.ip5:
            principle = catalogues.principles.get(pid)
            items["ip5"].append(_link(link_target("ip5", pid), T(pid), "stkit-ip5-ref",
                                      principle.summary if principle else ""))
    if req.challenges:
        items["survey"] = []
        for cid in req.challenges:
            challenge = catalogues.challenges.get(cid)
            items["survey"].append(_link(link_target("challenge", cid), T(challenge.title if challenge else cid),
                                         "stkit-challenge-ref", cid))
    for cls, english in LINK_NAMES:
        if cls in items:
            para = [f'<p class="stkit-req-links stkit-req-{cls}"><em>', T(english + ": "), "</em>"]
            for index, item in enumerate(items[cls]):
                if index:
                    para.append(T("; "))
                para += item
            paragraphs.append(para)

    # Smart quotes, as the nodes' way applies them: to every paragraph of a block whose text
    # holds anything they change (blocks.expand_requirements), each paragraph on its own.
    if _SMARTENED.search("\n\n".join("".join(p for p in para if type(p) is T) for para in paragraphs)):
        if smarten is None:
            return None
        for para in paragraphs:
            at = [i for i, p in enumerate(para) if type(p) is T]
            for i, new in zip(at, smarten([para[i] for i in at])):
                para[i] = T(new)
    classes = ["stkit-req", f"stkit-req-{req.obligation}"] + ([] if req.active else ["stkit-req-withdrawn"])
    out = [f'<div class="{" ".join(classes)} docutils container" id="{attr(req.anchor)}">\n']
    words: list[str] = []
    for para in paragraphs:
        for part in para:
            if type(part) is T:
                words.append(part)
                out.append(esc(part))
            else:
                out.append(part)
        out.append("</p>\n")
    out.append("</div>\n")
    return [written_html(html="".join(out)), words_node(words)]


class html_link(nodes.Inline, nodes.TextElement):
    """A link in the text written as HTML around its text (attributes `open` and `close`): the
    markup Sphinx's HTML writer gives a reference holding an inline with classes, in one node
    instead of three. Its text stays a text node, for the search index."""


def _open(self, node) -> None:
    self.body.append(node["open"])


def _close(self, node) -> None:
    self.body.append(node["close"])


def link_html(text: str, classes: list[str], uri: str | None, refid: str | None, title: str) -> html_link:
    """The link {req}, {para} or a block's IP5 or challenge link gives, for an HTML builder."""
    node = html_link(text, text)
    node["open"], node["close"] = _link_markup(classes, (uri, refid), title)
    return node


def _link_markup(classes: list[str], target: tuple[str | None, str | None] | None, title: str) -> tuple[str, str]:
    """What comes before and after a link's text: a span with `classes`, in a link to `target`
    ((uri, None) on another page, (None, refid) on this one) unless `target` is None."""
    span = f'<span class="{" ".join(classes)}">'
    if target is None:
        return span, "</span>"
    uri, refid = target
    href = attr(uri) if uri is not None else "#" + attr(refid)
    title_attr = f' title="{attr(title)}"' if title else ""
    return f'<a class="reference internal" href="{href}"{title_attr}>{span}', "</span></a>"


def register(app) -> None:
    app.add_node(html_link, html=(_open, _close))


def _link(target: tuple[str | None, str | None] | None, text: str, cls: str, title: str) -> list[str]:
    before, after = _link_markup([cls], target, title)
    return [before, text, after]
