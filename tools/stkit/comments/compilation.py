"""The compilation of a round, as the Secretariat circulates it: every comment in the
standard's order (where its text is now), with counts by office, type and decision."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from ..project import Project
from .anchors import Placed, Resolver, Revisions
from .form import TYPES
from .records import DECISIONS, Comment, Round


@dataclass
class Entry:
    comment: Comment
    placed: Placed


@dataclass
class Compilation:
    round: Round
    standard: str
    title: str
    version: str  # the standard's version now
    entries: list[Entry]

    def counts(self, what: str) -> list[tuple[str, int]]:
        """(value, count) by office, type or decision; types and decisions in their fixed order."""
        if what == "office":
            c = Counter(e.comment.office for e in self.entries)
            return sorted(c.items())
        if what == "type":
            c = Counter(e.comment.type for e in self.entries)
            return [(t, c[t]) for t in TYPES if c[t]]
        c = Counter(e.comment.disposition.decision for e in self.entries)
        return [(d, c[d]) for d in DECISIONS if c[d]]

    @property
    def open(self) -> int:
        return sum(1 for e in self.entries if e.comment.disposition.is_open)


def compile_round(rnd: Round, resolver: Resolver) -> Compilation:
    entries = [Entry(c, resolver.place(c)) for c in rnd.comments]
    entries.sort(key=lambda e: (e.placed.position, e.comment.id))
    md = resolver.current.registry.metadata
    return Compilation(rnd, md.number, md.title, md.version, entries)


def resolver_for(root: Path, project: Project) -> Resolver:
    return Resolver(Revisions(root, project.catalogues), project)
