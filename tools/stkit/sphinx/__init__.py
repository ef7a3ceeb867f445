"""The Sphinx extension of the standard: `extensions = ["myst_parser", "stkit.sphinx"]`.

It reads the same typed model as the checker (loaded once per build, context.py), renders
the directives and roles of docs/authoring.md, numbers paragraphs as written, fills the
generated tables in when pages are written, refuses hostile content, and reports the
checker's findings as Sphinx warnings (type "stkit", subtype the rule code). See
docs/build.md.
"""

from __future__ import annotations

import atexit
import gc
import html
import importlib.util
import os
from pathlib import Path

from ..gcpause import raise_threshold
from ..model import STATUS_LINES
from . import access, directives, envdata, memory, nodes, paragraphs, roles, safety, searchindex, tables
from .context import load, logger, run_checker, state

HERE = Path(__file__).parent
ENV_VERSION = 3  # 3: requirement blocks are made when a page is written
# A build allocates millions of docutils nodes that stay alive until their page is written
# (Sphinx keeps every doctree it read for the write phase). With the interpreter's default
# threshold (700) the cyclic collector walked that growing heap again and again: a third of a
# clean build of 2,000 requirements. The threshold is raised for the build
# (gcpause.raise_threshold) and restored when it ends.
# When sphinx-build exits, the interpreter's last collection walks and frees every node the
# build left (more than a million at 2,000 requirements: over a second). Freezing the heap at
# exit skips that walk (the system takes the memory back at once); mypy's exit does the same
# with os._exit. Sphinx closes every file it writes itself, so nothing is left unflushed.
_EXIT_HOOK: list = []


def _truthy(value: str | None) -> bool:
    return (value or "").strip().lower() in ("1", "true", "yes", "on")


def config_inited(app, config) -> None:
    refuse_committed_build_folders(app)
    if _truthy(os.environ.get("STKIT_RELEASE")):
        config.stkit_release = True
    md = load(app).project.registry.metadata
    status = STATUS_LINES.get(md.status, md.status)
    config.project = f"WIPO Standard {md.number}"
    config.version = config.release = md.version
    config.html_title = f"WIPO {md.number}, version {md.version} ({status})"
    config.html_short_title = f"{md.number} v{md.version}"
    options = dict(config.html_theme_options or {})
    if md.is_draft and config.html_theme == "furo":
        # The banner furo prints at the top of every page; our text, escaped.
        options.setdefault("announcement", '<span class="stkit-draft-banner">DRAFT</span> '
                           + html.escape(md.status_line))
    config.html_theme_options = options
    config.html_static_path = [*config.html_static_path, str(HERE / "static")]
    config.html_context = {**(config.html_context or {}), "stkit_draft": md.is_draft,
                           "stkit_status_line": md.status_line}


def refuse_committed_build_folders(app) -> None:
    """Before Sphinx or the build cache load anything from the output folders: none of their
    files may be tracked by git (guard/committed.py, SRC014)."""
    from ..guard.committed import committed_under, refusal
    from .context import find_project_root

    found = committed_under(find_project_root(app), [Path(app.outdir), Path(app.doctreedir)])
    if found:
        logger.error("stkit: SRC014 " + refusal(found))
        raise SystemExit(2)


def builder_inited(app) -> None:
    st = state(app)
    st.builder = app.builder
    st.gc_threshold = raise_threshold()
    app.add_css_file("stkit.css")
    run_checker(app)


def build_finished(app, exception) -> None:
    st = state(app)
    if st.gc_threshold:
        gc.set_threshold(*st.gc_threshold)


def setup(app):
    if not _EXIT_HOOK:
        atexit.register(gc.freeze)
        _EXIT_HOOK.append(gc.freeze)
    app.add_config_value("stkit_release", False, "env", bool)
    app.add_config_value("stkit_diff_base", os.environ.get("DIFF_BASE", ""), "html", str)
    app.add_config_value("stkit_root", "", "env", str)
    app.connect("config-inited", config_inited, priority=400)
    app.connect("builder-inited", builder_inited)
    app.connect("env-purge-doc", envdata.purge)
    app.connect("env-merge-info", envdata.merge)
    app.connect("env-get-outdated", envdata.outdated)
    app.connect("env-before-read-docs", envdata.before_read)
    app.connect("env-get-updated", envdata.updated)
    app.connect("build-finished", envdata.finished)
    app.connect("build-finished", build_finished)
    nodes.register(app)
    directives.register(app)
    roles.register(app)
    paragraphs.register(app)
    safety.register(app)
    tables.register(app)
    searchindex.register(app)
    access.register(app)
    memory.register(app)
    app.setup_extension("stkit.translation.sphinxext")
    if importlib.util.find_spec("stkit.sphinx.changes") is not None:
        app.setup_extension("stkit.sphinx.changes")
    app.setup_extension("stkit.sphinx.dashboard")
    app.setup_extension("stkit.sphinx.comments")
    app.setup_extension("stkit.docx.builder")  # `-b docx`: the Word document (docs/word.md)
    return {"version": "1", "env_version": ENV_VERSION,
            "parallel_read_safe": True, "parallel_write_safe": True}
