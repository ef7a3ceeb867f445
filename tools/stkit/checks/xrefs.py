"""XRF: every citation of a WIPO standard (registry and text), every {req} and every {para}
reference resolves."""

from __future__ import annotations

from typing import Iterable

from ..citation import parse_citation, resolve
from ..diagnostics import Diagnostic
from ..project import Project


_FIELD_OF = {"XRF002": "part", "XRF003": "rule", "XRF005": "version", "XRF006": "version"}


def check(project: Project) -> Iterable[Diagnostic]:
    registry, catalogues = project.registry, project.catalogues
    unverified_noted: set[str] = set()

    def cite(ref, loc) -> Iterable[Diagnostic]:
        for code, message in resolve(ref, catalogues):
            if code == "XRF009":
                # One note per standard, at its first citation: the fact is the same everywhere.
                if ref.standard in unverified_noted:
                    continue
                unverified_noted.add(ref.standard)
            # In the registry, point at the field at fault (part, rule, version) when known.
            field = _FIELD_OF.get(code)
            at = (ref.field_locs.get(field) if field and ref.field_locs else None) or loc
            yield Diagnostic.at(code, at, message)

    for req in registry.requirements:
        for ref in req.references:
            yield from cite(ref, ref.loc or req.loc)
        if req.replaced_by and req.replaced_by not in registry.by_id:
            yield Diagnostic.at("XRF012", req.loc_of("replaced_by"),
                                f"{req.id} is replaced by {req.replaced_by}, which is not in the registry")

    labels = {p.label: p for p in project.paragraphs if p.label}
    body_numbers = {str(p.number) for sf in project.sources if not sf.annex for p in sf.paragraphs}
    for sf in project.sources:
        for c in sf.citations:
            if c.role == "st":
                ref = parse_citation(c.target, c.loc)
                if ref is None:
                    yield Diagnostic.at("XRF010", c.loc, f"'{c.target}' is not a citation of the form "
                                        "ST.<n>[ v<version>][ <part>][ [<rule>]]")
                    continue
                yield from cite(ref, c.loc)
            elif c.role == "req":
                req = registry.by_id.get(c.target)
                if req is None:
                    yield Diagnostic.at("XRF007", c.loc, f"{{req}} names {c.target}, which is not in the registry")
                elif not req.active:
                    more = f"; it is replaced by {req.replaced_by}" if req.replaced_by else ""
                    yield Diagnostic.at("XRF011", c.loc, f"{c.target} is withdrawn{more}")
            elif c.role == "para":
                # a paragraph of a source that could not be read is not known to be missing
                if c.target not in labels and c.target not in body_numbers and not project.unreadable:
                    yield Diagnostic.at("XRF008", c.loc, f"{{para}} names '{c.target}': no paragraph "
                                        "has that label or number")
