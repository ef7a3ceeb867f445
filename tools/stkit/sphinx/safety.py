"""Hostile content in the sources is refused with a located error and left out of the output:
raw HTML (MyST html_block / html_inline), `javascript:` / `data:` / `vbscript:` / `file:` link
targets, any directive, role, image or link that would read a file other than a regular file
inside the repository, directives that bypass the checker ({raw}, {eval-rst}, {meta} ...),
content loaded from the network, math, and front matter keys the project does not define.

Three gates, each before anything is read: source files that are links out of the
repository or not regular files are excluded from Sphinx's discovery (`exclude_unsafe`,
`drop_unsafe_docs`); each source's text (and each included text) is judged by
`guard.markdown`, the same judge as the checker's, and the refused constructs' lines are
emptied before MyST parses it (`judge_source_text`); and the doctree is swept for what
slipped through (`RefuseUnsafe`). The checker reports the same findings before the build
starts; the build reports what only it sees.
"""

from __future__ import annotations

import os
from pathlib import Path

from docutils import nodes
from sphinx import addnodes
from sphinx.directives.code import LiteralInclude
from sphinx.transforms import SphinxTransform

from ..guard import paths
from ..guard.markdown import blank, file_refusal, is_remote, judge_text, unsafe_scheme
from .context import node_location, relpath, report, state
from .nodes import collect


def inside(root: Path, path: Path) -> bool:
    try:
        path.resolve().relative_to(root.resolve())
        return True
    except ValueError:
        return False


def _root_relative(st, path: Path) -> str | None:
    """`path` relative to the project root, without resolving links (None: outside)."""
    try:
        return Path(os.path.abspath(path)).relative_to(os.path.abspath(st.root)).as_posix()
    except ValueError:
        return None


def _why_not(st, path: Path) -> str | None:
    rel = _root_relative(st, path)
    return "reaches outside the repository" if rel is None else paths.why_not(st.root, rel)


# --- gate 1: which files Sphinx reads as documents ---------------------------------------

def exclude_unsafe(app, config) -> None:
    """Keep Sphinx's discovery (which follows links) away from anything under the source
    folder that is a link out of the repository or not a regular file: it is never opened,
    nor walked into. The checker reports such .md files (SRC008). Sources the checker could
    not read (not UTF-8, REG005) are left out too: Sphinx would stop on them with a crash
    report."""
    st = state(app)
    srcdir = Path(app.srcdir)
    refused: list[str] = []
    for folder, dirs, files in os.walk(srcdir, followlinks=False):
        for name in [*dirs, *files]:
            full = Path(folder) / name
            if name in dirs and not os.path.islink(full):
                continue
            if _why_not(st, full):
                refused.append(full.relative_to(srcdir).as_posix())
    source = os.path.abspath(srcdir)
    for path in st.project.unreadable:  # not UTF-8 ...: Sphinx would stop with a crash report
        full = os.path.abspath(st.root / path)
        if full.startswith(source + os.sep):
            refused.append(Path(full).relative_to(source).as_posix())
    dirs_refused = [f"{p}/**" for p in refused]
    config.exclude_patterns = [*config.exclude_patterns, *refused, *dirs_refused]


def drop_unsafe_docs(app, env, docnames) -> None:
    """env-before-read-docs: a document whose file may not be read (changed since discovery),
    or that the checker could not read (not UTF-8: Sphinx would stop with a crash report), is
    not read."""
    st = state(app)
    unreadable = set(st.project.unreadable)  # the checker could not read them (not UTF-8 ...)
    for docname in list(docnames):
        reason = _why_not(st, Path(env.doc2path(docname)))
        if relpath(env, None, docname) in unreadable or reason:
            docnames.remove(docname)
            env.project.docnames.discard(docname)  # nor written (its doctree does not exist)
        if reason:
            shown = relpath(env, None, docname)
            report(st, "SRC008", shown, None, f"'{shown}' {reason}; only regular files inside the "
                   "repository are read, so it is neither checked nor built")


# --- gate 2: the text, before MyST parses it ----------------------------------------------

def _judged(st, shown: str, text: str) -> str:
    """`text` of the file `shown` (root-relative) with every refused construct's lines
    emptied, each reported at its line."""
    judgement = judge_text(shown, text)
    ranges = list(judgement.refused)
    for code, loc, message in judgement.problems:
        if code == "SRC013":  # not refused: the block is built, as code
            report(st, code, loc.path, loc.line, message)
        elif code != "SRC009":  # a control character is reported by the checker; MyST replaces it
            report(st, code, loc.path, loc.line, message + " (left out of the output)")
    for ref in judgement.refs:
        message = file_refusal(lambda rel: paths.why_not(st.root, rel), shown, ref)
        if message:
            report(st, "SRC005", ref.loc.path, ref.loc.line, message + " (left out of the output)")
            ranges.append(ref.span or (ref.loc.line - 1, ref.loc.line))
    return blank(text, ranges)


def judge_source_text(app, docname: str, source: list[str]) -> None:
    """source-read: judge the document's text and empty what is refused."""
    st = state(app)
    source[0] = _judged(st, relpath(app.env, None, docname), source[0])


def refuse_include(app, relative_path: Path, parent_docname: str, content: list[str]) -> None:
    """include-read: an included file outside the repository (or not a regular file) is
    dropped, with the line of the directive that included it; an included text is judged as
    a source is."""
    st = state(app)
    target = Path(app.srcdir) / relative_path
    reason = _why_not(st, target)
    if reason is None:
        shown = _root_relative(st, target) or relative_path.as_posix()
        content[0] = _judged(st, shown, content[0])
        return
    content[0] = ""
    docname = app.env.docname  # the document being read (MyST passes a file name here)
    path, line = relpath(app.env, None, docname), None
    for sf in st.project.sources:  # the checker knows the line of the directive
        if sf.docname == docname:
            line = next((loc.line for code, loc, message in sf.problems
                         if code == "SRC005" and "{include}" in message), None)
    report(st, "SRC005", path, line, f"an include of '{relative_path.as_posix()}' {reason} and is "
           "left out")


class SafeLiteralInclude(LiteralInclude):
    def run(self):
        st = state(self.env)
        _, filename = self.env.relfn2path(self.arguments[0])
        reason = _why_not(st, Path(filename))
        if reason:
            source, line = self.get_source_info()
            report(st, "SRC005", relpath(self.env, source, self.env.docname), line,
                   f"{{{self.name}}} of '{self.arguments[0]}' {reason} and is left out")
            return []
        return super().run()


# --- gate 3: the doctree ------------------------------------------------------------------

_META = getattr(nodes, "meta", None) or getattr(addnodes, "meta", None)
_SWEPT = tuple(t for t in (nodes.raw, nodes.reference, nodes.image, addnodes.download_reference,
                           nodes.math, nodes.math_block, _META) if t is not None)


def _in_tree(node: nodes.Node, document: nodes.document) -> bool:
    """Still in the page: not inside something an earlier step removed or replaced."""
    while node.parent is not None:
        node = node.parent
    return node is document


class RefuseUnsafe(SphinxTransform):
    """Raw HTML and unsafe link schemes; images and downloads whose file may not be read,
    images from the network, math, and meta tags: removed before anything else looks at the
    tree, and so before Sphinx's collectors copy a file or ask for MathJax."""

    default_priority = 100

    def apply(self, **kwargs) -> None:
        st = state(self.env)
        found = collect(self.document, _SWEPT)  # one walk (seven findall walks before)
        if not found:
            return
        kinds: dict[type, list[nodes.Element]] = {}
        for node in found:
            for kind in _SWEPT:
                if isinstance(node, kind):
                    kinds.setdefault(kind, []).append(node)
        steps = ((nodes.raw, self.raw), (nodes.reference, self.reference), (nodes.image, self.image_scheme),
                 (nodes.image, self.image_file), (addnodes.download_reference, self.download),
                 (nodes.math, self.math), (nodes.math_block, self.math), (_META, self.meta))
        first = True
        for kind, step in steps:
            for node in kinds.get(kind, ()) if kind is not None else ():
                if first or _in_tree(node, self.document):
                    step(st, node)
            first = False

    def raw(self, st, node) -> None:
        path, line = node_location(self.env, node)
        snippet = node.astext().strip().replace("\n", " ")[:30]
        report(st, "SRC003", path, line, f"raw HTML {snippet!r} is not allowed and is left out "
               "of the output; use MyST syntax (a comment is a line starting with %)")
        node.parent.remove(node)

    def reference(self, st, node) -> None:
        scheme = unsafe_scheme(node.get("refuri", ""))
        if scheme:
            path, line = node_location(self.env, node)
            report(st, "SRC004", path, line, f"a {scheme}: link is not allowed; the link is "
                   "left out, its text kept")
            node.replace_self(nodes.inline(node.astext(), node.astext()))

    def image_scheme(self, st, node) -> None:
        scheme = unsafe_scheme(node.get("uri", ""))
        if scheme:
            path, line = node_location(self.env, node)
            report(st, "SRC004", path, line, f"an image from a {scheme}: address is not allowed "
                   "and is left out")
            node.parent.remove(node)

    def image_file(self, st, node) -> None:
        uri = node.get("uri", "")
        if not uri or unsafe_scheme(uri):
            return  # image_scheme's
        path, line = node_location(self.env, node)
        if is_remote(uri):
            report(st, "SRC012", path, line, f"an image from '{uri[:60]}' is loaded from the "
                   "network; it is left out")
            node.parent.remove(node)
            return
        _, filename = self.env.relfn2path(uri, self.env.docname)
        reason = _why_not(st, Path(filename))
        if reason:
            report(st, "SRC005", path, line, f"an image of '{uri}' {reason}; it is left out")
            node.parent.remove(node)

    def download(self, st, node) -> None:
        target = node.get("reftarget", "")
        if is_remote(target):
            return
        _, filename = self.env.relfn2path(target, self.env.docname)
        reason = _why_not(st, Path(filename))
        if reason:
            path, line = node_location(self.env, node)
            report(st, "SRC005", path, line, f"a download of '{target}' {reason}; it is left out")
            node.replace_self(nodes.inline(node.astext(), node.astext()))

    def math(self, st, node) -> None:
        path, line = node_location(self.env, node)
        report(st, "SRC011", path, line, "math is not rendered (the site loads nothing from "
               "the network); it is left out")
        node.parent.remove(node)

    def meta(self, st, node) -> None:
        path, line = node_location(self.env, node)
        report(st, "SRC006", path, line, "meta tags are not allowed; left out")
        node.parent.remove(node)


def register(app) -> None:
    app.add_transform(RefuseUnsafe)
    app.connect("config-inited", exclude_unsafe, priority=450)
    app.connect("env-before-read-docs", drop_unsafe_docs)
    app.connect("source-read", judge_source_text)
    app.connect("include-read", refuse_include)
    app.add_directive("literalinclude", SafeLiteralInclude, override=True)
