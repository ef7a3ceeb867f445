"""Hostile content in the sources is refused with a located error and left out of the output:
raw HTML (MyST html_block / html_inline), `javascript:` / `data:` / `vbscript:` / `file:` link
targets, and an include or literalinclude of a file outside the repository.

The checker's line scanner reports the same things (SRC003, SRC004, SRC005) before the build
reads anything; the build reports again only what the scanner did not see, and removes
everything either way.
"""

from __future__ import annotations

import re
from pathlib import Path

from docutils import nodes
from sphinx.directives.code import LiteralInclude
from sphinx.transforms import SphinxTransform

from ..sources import UNSAFE_SCHEMES
from .context import node_location, relpath, report, state

_CONTROL = re.compile(r"[\x00-\x20\x7f]+")


def unsafe_scheme(uri: str) -> str | None:
    """The scheme of a URI a browser would run or read locally, else None. Browsers ignore
    whitespace and control characters inside the scheme, so they are ignored here too."""
    cleaned = _CONTROL.sub("", uri).lower()
    for scheme in UNSAFE_SCHEMES:
        if cleaned.startswith(scheme + ":"):
            return scheme
    return None


class RefuseUnsafe(SphinxTransform):
    default_priority = 100  # before anything else looks at the tree

    def apply(self, **kwargs) -> None:
        st = state(self.env)
        for node in list(self.document.findall(nodes.raw)):
            path, line = node_location(self.env, node)
            snippet = node.astext().strip().replace("\n", " ")[:30]
            report(st, "SRC003", path, line, f"raw HTML {snippet!r} is not allowed and is left out "
                   "of the output; use MyST syntax (a comment is a line starting with %)")
            node.parent.remove(node)
        for node in list(self.document.findall(nodes.reference)):
            scheme = unsafe_scheme(node.get("refuri", ""))
            if scheme:
                path, line = node_location(self.env, node)
                report(st, "SRC004", path, line, f"a {scheme}: link is not allowed; the link is "
                       "left out, its text kept")
                node.replace_self(nodes.inline(node.astext(), node.astext()))
        for node in list(self.document.findall(nodes.image)):
            scheme = unsafe_scheme(node.get("uri", ""))
            if scheme:
                path, line = node_location(self.env, node)
                report(st, "SRC004", path, line, f"an image from a {scheme}: address is not allowed "
                       "and is left out")
                node.parent.remove(node)


def inside(root: Path, path: Path) -> bool:
    try:
        path.resolve().relative_to(root.resolve())
        return True
    except ValueError:
        return False


def refuse_include(app, relative_path: Path, parent_docname: str, content: list[str]) -> None:
    """include-read: the text of an included file outside the repository is dropped."""
    st = state(app)
    target = Path(app.srcdir) / relative_path
    if inside(st.root, target):
        return
    content[0] = ""
    docname = app.env.docname  # the document being read (MyST passes a file name here)
    path, line = relpath(app.env, None, docname), None
    shown = f"'{relative_path.as_posix()}'"
    for sf in st.project.sources:  # the scanner knows the line of a directive it could judge
        if sf.docname == docname:
            line = next((loc.line for code, loc, message in sf.problems
                         if code == "SRC005" and shown in message), None)
    report(st, "SRC005", path, line, f"an include of '{relative_path.as_posix()}' reaches outside "
           "the repository and is left out")


class SafeLiteralInclude(LiteralInclude):
    def run(self):
        st = state(self.env)
        _, filename = self.env.relfn2path(self.arguments[0])
        if not inside(st.root, Path(filename)):
            source, line = self.get_source_info()
            report(st, "SRC005", relpath(self.env, source, self.env.docname), line,
                   f"{{{self.name}}} of '{self.arguments[0]}' reaches outside the repository and is "
                   "left out")
            return []
        return super().run()


def register(app) -> None:
    app.add_transform(RefuseUnsafe)
    app.connect("include-read", refuse_include)
    app.add_directive("literalinclude", SafeLiteralInclude, override=True)
