"""The project as the build sees it: found and loaded once per build (at config-inited).

Everything in the extension reads the typed model through `state(env).project`; nothing
parses the YAML again. Findings (the loader's, the checker's, the extension's own) are
reported through `report()`, one message per (code, file, line) per build, as Sphinx
warnings of type "stkit" with the rule code as subtype, so `-W` fails the build and
`suppress_warnings = ["stkit.REQ006"]` silences one rule.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path

from sphinx.util import logging

from ..catalogues import FILES as CATALOGUE_FILES
from ..catalogues import catalogue_dir
from ..checks import run_checks
from ..diagnostics import Diagnostic
from ..project import FsTree, Project, find_root, load_project
from ..registry import REGISTRY_FILE

logger = logging.getLogger("stkit")


def find_project_root(app) -> Path:
    """`stkit_root` (or $STKIT_ROOT) when set; else the nearest folder at or above the source
    folder that holds the registry (so `-c <repo> <fixture>/standard` builds the fixture);
    else the folder of conf.py."""
    configured = app.config.stkit_root or os.environ.get("STKIT_ROOT", "")
    if configured:
        return Path(configured).resolve()
    return find_root(Path(app.srcdir)) or Path(app.confdir).resolve()


def data_files(root: Path) -> list[Path]:
    """The files the model is read from besides the text: the registry and the catalogues."""
    return [root / REGISTRY_FILE] + [catalogue_dir() / name for name in CATALOGUE_FILES]


def fingerprint(root: Path) -> str:
    digest = hashlib.sha256()
    for path in data_files(root):
        digest.update(path.name.encode())
        try:
            digest.update(path.read_bytes())
        except OSError:
            digest.update(b"\0missing")
    return digest.hexdigest()


@dataclass
class State:
    """What one build knows beyond the environment: the loaded project and what it reported."""

    root: Path
    project: Project
    fingerprint: str
    reported: set = field(default_factory=set)
    builder: object = None
    read_any: bool = False
    data_changed: bool = False


# One state per source folder: directives and transforms reach it through env.srcdir.
_STATES: dict[str, State] = {}


def load(app) -> State:
    """Load the project once for this build (at config-inited). When the registry or a
    catalogue cannot be loaded, report why and stop the build."""
    root = find_project_root(app)
    project = load_project(FsTree(root))
    st = State(root=root, project=project, fingerprint=fingerprint(root))
    _STATES[str(app.srcdir)] = st
    if not project.loaded:
        for diag in project.load_diagnostics:
            emit(st, diag)
        # Sphinx prints any exception with a traceback; a user's mistake gets one line instead.
        logger.error("stkit: the requirements registry or a catalogue cannot be loaded (see "
                     "above; `stkit check` lists the same); nothing was built")
        raise SystemExit(2)
    return st


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
