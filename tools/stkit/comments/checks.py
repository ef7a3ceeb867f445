"""The CMT rules of `stkit check` on comments/<round>.yaml, and the open comments that the
release of an adopted standard refuses (a draft release lists them).

CMT001 a comment anchored to nothing (at the revision it was made on, or a revision this
repository cannot read); CMT002 a decision without a response; CMT003 a comment still open
(a note: it never fails `stkit check`); CMT004 a comment ID given twice."""

from __future__ import annotations

from pathlib import Path

from ..diagnostics import Diagnostic
from ..model import Loc
from ..project import Project


def check(project: Project) -> list[Diagnostic]:
    root = project.root
    if root is None or project.registry is None or not (Path(root) / "comments").is_dir():
        return []
    # Imported only when there is a round: `stkit check` of a standard without one pays nothing.
    from .anchors import NOWHERE, UNKNOWN_REVISION, Resolver, Revisions
    from .records import DECISION_NAMES
    from .store import load_rounds

    loaded = load_rounds(Path(root))
    diags = list(loaded.diagnostics)
    if not any(r.comments for r in loaded.rounds):
        return diags
    resolver = Resolver(Revisions(Path(root), project.catalogues), project)
    number = project.registry.metadata.number
    for rnd in loaded.rounds:
        doc = loaded.docs[rnd.name]

        def at(*path) -> Loc:
            line, col = doc.position(path)
            return Loc(rnd.path, line, col)

        if rnd.standard != number:
            diags.append(Diagnostic.at("CMT001", at("standard"),
                                       f"round '{rnd.name}' is on {rnd.standard}, but this is {number}"))
        seen: dict[str, int] = {}
        for i, c in enumerate(rnd.comments):
            if c.id in seen:
                diags.append(Diagnostic.at("CMT004", at("comments", i, "id"),
                                           f"{c.id} is given twice in round '{rnd.name}' (first at "
                                           f"line {at('comments', seen[c.id], 'id').line})"))
            seen.setdefault(c.id, i)
            placed = resolver.place(c)
            if placed.state in (NOWHERE, UNKNOWN_REVISION):
                diags.append(Diagnostic.at("CMT001", at("comments", i, "anchor"),
                                           f"{c.id} is anchored to nothing: {placed.note}"))
            d = c.disposition
            if not d.is_open and not d.response.strip():
                diags.append(Diagnostic.at("CMT002", at("comments", i, "disposition", "decision"),
                                           f"{c.id} is {DECISION_NAMES[d.decision]} without a response "
                                           f"to {c.office}"))
            if d.is_open:
                on = placed.current if placed.target else c.anchor.shown()
                diags.append(Diagnostic.at("CMT003", at("comments", i, "id"),
                                           f"{c.id} ({c.office}, {c.type}, on {on}) is still open"))
    return diags


def open_comment_lines(project: Project) -> list[str]:
    """One line per open comment, for the release: `path:line:col: ID ... is still open`."""
    return [f"{d.path}:{d.line}:{d.col}: {d.message}" for d in check(project) if d.code == "CMT003"]
