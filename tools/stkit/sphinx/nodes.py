"""Placeholder nodes: written at read time, replaced at write time (tables.py) from the data
of every document, so a link or a generated table is never stale after an incremental build.
They never reach a writer; the visitors below only guard against a builder that skips
post-transforms (a link then prints as its text, a table or a requirement as nothing)."""

from __future__ import annotations

from docutils import nodes


class pending_link(nodes.Inline, nodes.TextElement):
    """A link to something placed somewhere in the standard.

    Attributes: kind ("req", "para", "ip5", "challenge", "standard"), target (the ID, label or
    number). Its text is the fallback shown when the target is not placed anywhere.
    """


class pending_requirement(nodes.General, nodes.Element):
    """Where a requirement's block goes (the {requirement} directive): one node instead of
    the block's 37 while the page waits to be written. Attribute: rid; its ids are the
    block's; its children (a marker of open comments) go after the requirement's ID."""


class generated_table(nodes.General, nodes.Element):
    """Where a generated table goes. Attribute: kind (the directive's name)."""


def collect(document: nodes.Node, kinds: tuple[type, ...]) -> list[nodes.Node]:
    """The nodes of `document` that are instances of `kinds`, in document order, found in one
    walk (docutils' findall is a generator per node, several times slower, and a findall per
    kind walks the page once per kind)."""
    found: list[nodes.Node] = []
    stack = [document]
    while stack:
        node = stack.pop()
        if isinstance(node, kinds):
            found.append(node)
        children = getattr(node, "children", None)
        if children:
            stack.extend(reversed(children))
    return found


def _skip(self, node) -> None:
    raise nodes.SkipNode


def _pass(self, node) -> None:
    pass


def register(app) -> None:
    writers = ("html", "latex", "text", "man", "texinfo")
    app.add_node(pending_link, **{w: (_pass, _pass) for w in writers})
    app.add_node(generated_table, **{w: (_skip, None) for w in writers})
    app.add_node(pending_requirement, **{w: (_skip, None) for w in writers})
