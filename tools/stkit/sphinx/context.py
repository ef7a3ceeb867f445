"""The project as the build sees it: found and loaded once per build (at config-inited).

Everything in the extension reads the typed model through `state(env).project`; nothing
parses the YAML again. Findings (the loader's, the checker's, the extension's own) are
reported through `report()`, one message per (code, file, line) per build, as Sphinx
warnings of type "stkit" with the rule code as subtype, so `-W` fails the build and
`suppress_warnings = ["stkit.REQ006"]` silences one rule.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from sphinx.util import logging

from ..catalogues import load_catalogues
from ..checks import run_checks
from ..diagnostics import Diagnostic, printable
from ..project import FsTree, Project, find_root, load_project, read_registry
from . import cache, entrycache
from .datakeys import DataKeys, data_files, data_keys

logger = logging.getLogger("stkit")


def find_project_root(app) -> Path:
    """`stkit_root` (or $STKIT_ROOT) when set; else the nearest folder at or above the source
    folder that holds the registry (so `-c <repo> <fixture>/standard` builds the fixture);
    else the folder of conf.py."""
    configured = app.config.stkit_root or os.environ.get("STKIT_ROOT", "")
    if configured:
        return Path(configured).resolve()
    return find_root(Path(app.srcdir)) or Path(app.confdir).resolve()


@dataclass
class State:
    """What one build knows beyond the environment: the loaded project and what it reported."""

    root: Path
    project: Project
    keys: DataKeys  # fingerprints of the registry and catalogues as loaded (datakeys.py)
    reported: set = field(default_factory=set)
    builder: object = None
    changed_requirements: set = field(default_factory=set)  # since the previous build
    changed_links: set = field(default_factory=set)  # what a {req} link shows changed (datakeys)
    catalogues_changed: bool = False  # since the previous build
    last_page: object = None  # the doctree of the page written last (memory.py)
    tables_wrapped: bool = False  # the theme wraps each table in a <div> (htmltables.py)
    previous: object = None  # the previous build's envdata.Snapshot (None: a new environment)
    rewrite_all: bool = False  # the previous build stopped before its pages were written
    index: object = None  # envdata.Index of this build's write phase
    gc_threshold: tuple = ()  # the collector's thresholds before the build
    written_pages: set = field(default_factory=set)  # pages written in this build (searchindex.py)


# One state per source folder: directives and transforms reach it through env.srcdir.
_STATES: dict[str, State] = {}


def load(app) -> State:
    """Load the project once for this build (at config-inited). When the registry or a
    catalogue cannot be loaded, report why and stop the build."""
    root = find_project_root(app)
    project = _load_project(root, Path(app.doctreedir))
    if project.loaded:
        st = State(root=root, project=project, keys=data_keys(root, project))
    else:
        st = State(root=root, project=project, keys=None)
    _STATES[str(app.srcdir)] = st
    if not project.loaded:
        for diag in project.load_diagnostics:
            emit(st, diag)
        # Sphinx prints any exception with a traceback; a user's mistake gets one line instead.
        logger.error("stkit: the requirements registry or a catalogue cannot be loaded (see "
                     "above; `stkit check` lists the same); nothing was built")
        raise SystemExit(2)
    if not project.sources:  # the root document is missing, a link out, a device ...
        for diag in project.load_diagnostics:
            emit(st, diag)
        logger.error("stkit: the root document standard/index.md cannot be read (see above); "
                     "nothing was built")
        raise SystemExit(2)
    return st


def _load_project(root: Path, doctreedir: Path) -> Project:
    """The project, its registry and catalogues from the build folder's cache when their files
    did not change (cache.py), the registry's unchanged entries when it did (entrycache.py);
    the sources are scanned every time."""
    tree = FsTree(root)
    registry_file, *catalogue_files = data_files(root)

    def load_registry_model():
        # an edited registry: its unchanged entries are not parsed again (entrycache.py)
        loaded = entrycache.load(tree, doctreedir, whole=read_registry)
        return loaded.registry, loaded.diagnostics

    registry = cache.cached(doctreedir, "registry", lambda: cache.files_key([registry_file]),
                            load_registry_model)
    catalogues = cache.cached(doctreedir, "catalogues", lambda: cache.files_key(catalogue_files),
                              load_catalogues)
    return load_project(tree, catalogues=catalogues, registry=registry)


def state(env_or_app) -> State:
    return _STATES[str(env_or_app.srcdir)]


def emit(st: State, diag: Diagnostic) -> None:
    """One checker finding as a Sphinx message; notes are not reported."""
    if diag.severity == "note":
        return
    message = diag.message + (f" (fix: {diag.fix})" if diag.fix else "")
    report(st, diag.code, diag.path, diag.line, message, error=diag.severity == "error")


def report(st: State, code: str, path: str, line: int | None, message: str, *,
           error: bool = True) -> None:
    """Report once per (code, path, line) in this build. `path` is relative to the project root."""
    path, message = printable(path), printable(message)
    key = (code, path, line)
    if key in st.reported:
        return
    st.reported.add(key)
    # Sphinx reads a location without a colon as a docname; "path:" is its own form for a file.
    location = f"{path}:{line}" if line else f"{path}:"
    log = logger.error if error else logger.warning
    log(f"{code} {message}", location=location, type="stkit", subtype=code)


def run_checker(app) -> None:
    """The checker's errors and warnings, reported before any document is read."""
    st = state(app)
    for diag in run_checks(st.project):
        emit(st, diag)


def relpath(env, source: str | None, docname: str | None = None) -> str:
    """A file as the checker names it: relative to the project root."""
    if not source and docname:
        source = str(env.doc2path(docname))
    if not source:
        return "<unknown>"
    path = Path(source)
    try:
        return path.resolve().relative_to(state(env).root).as_posix()
    except (ValueError, OSError):
        return path.as_posix()


def node_location(env, node, docname: str | None = None) -> tuple[str, int | None]:
    """(root-relative path, line) of a docutils node; a node without them takes its parent's."""
    line, source = None, None
    current = node
    while current is not None and (line is None or source is None):
        line = line if line is not None else current.line
        source = source or current.source
        current = current.parent
    return relpath(env, source, docname or env.docname), line
