"""Keep the search index of an incremental build equal to a clean build's.

Sphinx (9.0) reloads the previous `searchindex.js` for the pages it does not write again, but
not their index entries (the glossary's terms, under "indexentries"): after a rebuild that
leaves the definitions page alone, searching for a defined term no longer finds it. The
entries of the pages not written in this build are taken back from the previous index, just
before the new one is written, in the order a clean build gives them (by page name).
"""

from __future__ import annotations

from pathlib import Path

from sphinx.search import js_index

from .context import state


def page_resolved(app, doctree, docname) -> None:
    """A page written in this build (doctree-resolved runs in the main process, -j or not)."""
    state(app).written_pages.add(docname)


def restore_index_entries(app):
    builder = app.builder
    indexer = getattr(builder, "indexer", None)
    path = Path(builder.outdir) / getattr(builder, "searchindex_filename", "searchindex.js")
    if indexer is None or builder.indexer_format is not js_index or not path.is_file():
        return []
    try:
        frozen = js_index.loads(path.read_text(encoding="utf-8"))
        docnames = frozen["docnames"]
        previous = frozen.get("indexentries", {})
    except (OSError, ValueError, KeyError, TypeError):
        return []  # no usable previous index: Sphinx writes a new one from what it has
    kept = set(indexer._titles) - state(app).written_pages
    restored: dict[str, set] = {}
    for entry, places in previous.items():
        for docindex, anchor, main in places:
            docname = docnames[docindex] if 0 <= docindex < len(docnames) else None
            if docname in kept:
                restored.setdefault(docname, set()).add((entry, anchor, "main" if main else ""))
    entries = {name: found for name, found in indexer._index_entries.items() if name not in kept}
    entries.update((name, sorted(found)) for name, found in restored.items())
    indexer._index_entries = dict(sorted(entries.items()))
    return []


def register(app) -> None:
    app.connect("doctree-resolved", page_resolved)
    app.connect("html-collect-pages", restore_index_entries)
