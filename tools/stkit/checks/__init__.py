"""The checks of `stkit check`, one module per family. Each module has
`check(project) -> Iterable[Diagnostic]` and reads only the typed model."""

from __future__ import annotations

from ..diagnostics import Diagnostic
from ..project import Project
from ..comments import checks as comments
from . import agreement, ip5, numbering, quality, survey, terms, xrefs
from ..translation import check as translation

FAMILIES = (numbering, xrefs, ip5, survey, agreement, terms, quality, comments, translation)


def run_checks(project: Project) -> list[Diagnostic]:
    """All findings on a loaded project, sorted by place. Loading problems come first; when
    the registry or a catalogue cannot be loaded, the model-based families do not run (their
    findings would be noise on top of the real problem)."""
    diags = list(project.load_diagnostics)
    for sf in project.sources:
        diags += [Diagnostic.at(code, loc, message) for code, loc, message in sf.problems]
    if project.loaded:
        for family in FAMILIES:
            diags.extend(family.check(project))
    unique = {(d.code, d.path, d.line, d.col, d.message): d for d in diags}
    return sorted(unique.values(), key=lambda d: d.sort_key)
