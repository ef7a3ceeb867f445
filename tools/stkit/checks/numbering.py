"""NUM: paragraph numbers run 1, 2, 3 ... (main body, and each annex); requirement IDs are
unique and name a known group."""

from __future__ import annotations

from typing import Iterable

from ..diagnostics import Diagnostic
from ..model import Loc, Paragraph, Registry
from ..project import Project

GROUPS = ("DAT", "FMT", "QUA", "DLV", "DOC", "LEG", "COO", "CAP", "GOV", "CNF")


def sequences(project: Project) -> list[list[Paragraph]]:
    """The numbering sequences: the main body across files, then each annex on its own."""
    body: list[Paragraph] = []
    annexes: dict[str, list[Paragraph]] = {}
    for sf in project.sources:
        if sf.annex:
            annexes.setdefault(sf.path, []).extend(sf.paragraphs)
        else:
            body.extend(sf.paragraphs)
    return [body, *annexes.values()]


def check(project: Project) -> Iterable[Diagnostic]:
    gaps = getattr(project, "after_gap", set())
    for seq in sequences(project):
        yield from _check_sequence(seq, gaps)
    yield from check_annexes(project)
    yield from check_ids(project.registry)


def roman(n: int) -> str:
    out = ""
    for value, letters in ((100, "C"), (90, "XC"), (50, "L"), (40, "XL"), (10, "X"), (9, "IX"),
                           (5, "V"), (4, "IV"), (1, "I")):
        while n >= value:
            out, n = out + letters, n - value
    return out


def check_annexes(project: Project) -> Iterable[Diagnostic]:
    """Annexes are numbered I, II, III ... in toctree order, each numeral once."""
    annexes = [sf for sf in project.sources if sf.annex]
    for expected, sf in enumerate(annexes, start=1):
        if sf.annex != roman(expected):
            line = next((n for n, text in enumerate(sf.text.split("\n"), start=1)
                         if text.strip().startswith("annex:")), 1)
            yield Diagnostic.at("NUM005", Loc(sf.path, line, 1),
                                f"annex {sf.annex} is the {_nth(expected)} annex in the toctree; "
                                f"expected Annex {roman(expected)}",
                                fix=f"write annex: {roman(expected)} (and renumber the annexes after it)")


def _nth(n: int) -> str:
    return {1: "first", 2: "second", 3: "third"}.get(n, f"{n}th")


def _check_sequence(seq: list[Paragraph], gaps: set[str] = frozenset()) -> Iterable[Diagnostic]:
    """Each paragraph should carry its position in the sequence. A mistake (a gap, a repeat)
    shifts every paragraph after it by the same amount, so a paragraph is reported only where
    the shift changes: one finding per mistake, not one per paragraph that follows it. After a
    chapter that could not be read (`gaps`: the sources that follow one), the count picks up
    from the number written: the unread chapter is reported once, by the loader."""
    seen: dict[int, Paragraph] = {}
    where = "in Annex " + seq[0].annex if seq and seq[0].annex else "in the main body"
    previous_shift = 0
    resynced: set[str] = set()
    for expected, para in enumerate(seq, start=1):
        shift = para.number - expected
        if para.loc.path in gaps and para.loc.path not in resynced:
            resynced.add(para.loc.path)
            previous_shift = shift
        if shift != 0 and shift != previous_shift:
            if para.number in seen:
                first = seen[para.number]
                yield Diagnostic.at("NUM002", para.loc,
                                    f"paragraph {para.number} {where} is numbered again "
                                    f"(first at {first.loc.path}:{first.loc.line}); expected {expected}",
                                    fix="run `stkit check --fix` to renumber")
            else:
                yield Diagnostic.at("NUM001", para.loc,
                                    f"paragraph numbered {para.number} {where}, expected {expected}",
                                    fix="run `stkit check --fix` to renumber")
        seen.setdefault(para.number, para)
        previous_shift = shift


def next_free_id(registry: Registry, group: str) -> str:
    return _next_free_ids(registry).get(group, f"IPDX-{group}-001")


def _next_free_ids(registry: Registry) -> dict[str, str]:
    """The next free ID of every group, in one pass over the registry (asking per duplicate
    would read the registry again for each: quadratic with thousands of duplicates)."""
    highest: dict[str, int] = {}
    for r in registry.requirements:
        try:
            number = int(r.id.rsplit("-", 1)[1])
        except (IndexError, ValueError):
            continue
        highest[r.group] = max(highest.get(r.group, 0), number)
    return {group: f"IPDX-{group}-{number + 1:03d}" for group, number in highest.items()}


def check_ids(registry: Registry) -> Iterable[Diagnostic]:
    first: dict[str, int] = {}
    free: dict[str, str] | None = None
    for req in registry.requirements:
        if req.id in first:
            free = free if free is not None else _next_free_ids(registry)
            yield Diagnostic.at("NUM003", req.loc,
                                f"requirement ID {req.id} is already used (line {first[req.id]}); "
                                f"IDs are never reused",
                                fix=f"give this requirement the next free ID, "
                                    f"{free.get(req.group, f'IPDX-{req.group}-001')}")
        else:
            first[req.id] = req.loc.line
        if req.group not in GROUPS:
            yield Diagnostic.at("NUM004", req.loc,
                                f"requirement ID {req.id} names the unknown group '{req.group}'; "
                                f"groups are {', '.join(GROUPS)}")
