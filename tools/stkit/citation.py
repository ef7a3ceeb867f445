"""The grammar of a citation of a WIPO standard, shared by the checker and the Sphinx role:

    ST.<n>[ v<version>][ <part>][ [<rule>]]      e.g.  ST.96 v9.0 Annex III   ST.90 [RSG-01]
"""

from __future__ import annotations

import re

from .model import Catalogues, Loc, StandardRef

_CITATION = re.compile(
    r"^\s*(?P<standard>ST\.\d+)"
    r"(?:\s+v(?P<version>\d+\.\d+))?"
    r"(?:\s+(?P<part>[^\[\]]*?[^\s\[\]]))?"
    r"(?:\s*\[(?P<rule>[^\[\]]+)\])?\s*$"
)


def parse_citation(text: str, loc: Loc | None = None) -> StandardRef | None:
    """A StandardRef, or None when the text does not follow the grammar."""
    m = _CITATION.match(text)
    if not m:
        return None
    return StandardRef(standard=m.group("standard"), part=m.group("part"), rule=m.group("rule"),
                       version=m.group("version"), loc=loc)


def resolve(ref: StandardRef, catalogues: Catalogues) -> list[tuple[str, str]]:
    """What is wrong with a citation: a list of (code, message), empty when it resolves.
    Notes on unverified facts are included (XRF009); the caller filters what it needs."""
    problems: list[tuple[str, str]] = []
    std = catalogues.standards.get(ref.standard)
    if std is None:
        known = ", ".join(sorted(catalogues.standards, key=lambda c: int(c.split(".")[1])))
        return [("XRF001", f"{ref.standard} is not a WIPO standard in the catalogue (known: {known})")]
    if ref.part and ref.part not in std.parts:
        listed = ", ".join(std.parts) or "none"
        problems.append(("XRF002", f"{ref.standard} has no part '{ref.part}' in the catalogue "
                                   f"(its parts: {listed})"))
    if ref.rule:
        if not std.rule_pattern:
            problems.append(("XRF003", f"{ref.standard} has no known rule identifiers; "
                                       f"'{ref.rule}' cannot be checked"))
        elif not re.match(std.rule_pattern, ref.rule):
            problems.append(("XRF003", f"'{ref.rule}' is not a rule identifier of {ref.standard} "
                                       f"(expected the form {std.rule_pattern})"))
    if std.status != "in-force":
        succ = f"; its successor is {std.superseded_by}" if std.superseded_by else ""
        problems.append(("XRF004", f"{ref.standard} is {std.status.replace('-', ' ')}{succ}"))
    if ref.version:
        if std.versions and ref.version not in std.versions:
            problems.append(("XRF006", f"{ref.standard} has no version {ref.version} in the catalogue "
                                       f"(known: {', '.join(std.versions)})"))
        elif std.current_version and _vkey(ref.version) < _vkey(std.current_version):
            problems.append(("XRF005", f"{ref.standard} v{ref.version} is older than the current "
                                       f"version {std.current_version}"))
    if not std.verified or std.unverified:
        fields = ", ".join(std.unverified) or "the entry"
        problems.append(("XRF009", f"{ref.standard}: catalogue facts not yet verified ({fields})"))
    return problems


def _vkey(version: str) -> tuple[int, ...]:
    return tuple(int(x) for x in version.split("."))
