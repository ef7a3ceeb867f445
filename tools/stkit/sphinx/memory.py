"""Hold one page's doctree at a time, not all of them.

Sphinx (9.0) keeps every doctree it reads in memory until the page is written
(`env._write_doc_doctree_cache`), besides pickling it to the doctree folder: at 2,000
requirements that cache was most of the build's peak memory, and it grew with every node a
page has. Here each doctree is dropped from that cache as soon as Sphinx has pickled it (when
the next page is read, and after the last): the write phase reads each page back from its
pickle, as Sphinx itself does after a parallel read (-j), which writes the same bytes (the
serial and -j 2 builds are compared byte for byte, tests/sphinx/test_parallel.py). The
pickled bytes a page was read back from are dropped once the page is written.

And each page's memory is given back as soon as it is written.

A doctree is a web of cycles (every node points at its parent, the document at itself), so
when Sphinx drops a written page its nodes wait for the cyclic collector; and with the
build's high collection threshold (gcpause.GC_THRESHOLD) and the read phase's nodes long
since in the oldest generation, that wait lasts to the end of the build: the pages already
written piled up as garbage, some 40 MB of a 2,000-requirement build. Here each written
page's doctree is taken apart (every node's references dropped) once the next page is
written, or when the build ends, so reference counting frees it at once.

Only a doctree that `html-page-context` handed over is taken apart, one page later: by then
the page is written, its words are in the search index, and no builder reads it again.
"""

from __future__ import annotations

from docutils import nodes

from .context import state


def dismantle(doctree: nodes.document) -> None:
    """Drop every reference a node of `doctree` holds (its parent, its children, its attributes)."""
    stack = [doctree]  # a walk of our own: docutils' findall() is a generator per node, 3x slower
    while stack:
        node = stack.pop()
        attributes = node.__dict__
        children = attributes.get("children")
        if children:
            stack.extend(children)
        attributes.clear()


def _drop_read_doctrees(app, *args) -> None:
    """The doctrees Sphinx pickled and kept for the write phase: dropped (taken apart)."""
    cache = getattr(app.env, "_write_doc_doctree_cache", None)
    if not cache:
        return
    kept = list(cache.values())
    cache.clear()
    for doctree in kept:
        dismantle(doctree)


def _page_written(app, pagename, templatename, context, doctree) -> None:
    pickled = getattr(app.env, "_pickled_doctree_cache", None)
    if pickled is not None:
        pickled.pop(pagename, None)
    st = state(app)
    previous, st.last_page = st.last_page, doctree
    if previous is not None and previous is not doctree:
        dismantle(previous)


def _finished(app, exception) -> None:
    st = state(app)
    last, st.last_page = st.last_page, None
    if last is not None:
        dismantle(last)


def register(app) -> None:
    app.connect("source-read", _drop_read_doctrees)  # the page read before is pickled by now
    app.connect("env-updated", _drop_read_doctrees)  # after the last page read
    app.connect("html-page-context", _page_written, priority=900)
    app.connect("build-finished", _finished)
