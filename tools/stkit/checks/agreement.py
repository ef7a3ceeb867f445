"""REQ: the registry and the text agree. Every active requirement is placed exactly once, no
unknown or withdrawn one is placed, each statement's keyword matches its obligation, and
informative text holds no normative keyword."""

from __future__ import annotations

from typing import Iterable

from ..diagnostics import Diagnostic
from ..model import Loc, Placement
from ..project import Project
from ..sources import KEYWORD, strip_for_keywords


def check(project: Project) -> Iterable[Diagnostic]:
    registry = project.registry
    placed: dict[str, Placement] = {}
    for sf in project.sources:
        for placement in sf.placements:
            rid = placement.req_id
            if not rid:
                yield Diagnostic.at("REQ007", placement.loc, "a {requirement} directive without an ID")
                continue
            if len(rid.split()) > 1:
                yield Diagnostic.at("REQ007", placement.loc,
                                    f"a {{requirement}} directive takes exactly one ID, not '{rid}'",
                                    fix="place each requirement with a directive of its own")
                continue
            req = registry.by_id.get(rid)
            if req is None:
                yield Diagnostic.at("REQ003", placement.loc,
                                    f"{rid} is placed here but is not in the registry",
                                    fix="add it to requirements_registry.yaml or correct the ID")
            elif not req.active:
                yield Diagnostic.at("REQ004", placement.loc,
                                    f"{rid} is withdrawn (in {req.withdrawn_in}) and cannot be placed",
                                    fix="remove this directive")
            elif rid in placed:
                first = placed[rid].loc
                yield Diagnostic.at("REQ002", placement.loc,
                                    f"{rid} is placed again (first at {first.path}:{first.line})",
                                    fix=f"remove this placement; cite it with {{req}}`{rid}`")
            placed.setdefault(rid, placement)
    # A source that could not be read (REG005) may hold placements: "placed nowhere" would
    # be a guess, and one finding per requirement on top of the real problem.
    unread = bool(project.unreadable) or any(d.code == "REG005" and d.path != registry.path
                                             for d in project.load_diagnostics)
    for req in registry.requirements:
        if req.active and req.id not in placed and not unread:
            yield Diagnostic.at("REQ001", req.loc, f"{req.id} is active but placed nowhere in the text",
                                fix=f"add ```{{requirement}} {req.id}``` to the section it belongs to")
        if req.active:
            yield from _keyword(req)
    yield from accidental_keywords(project)


def _keyword(req) -> Iterable[Diagnostic]:
    found = [m.group(1).lower() for m in KEYWORD.finditer(req.statement)]
    loc = req.loc_of("statement")
    if not found:
        yield Diagnostic.at("REQ005", loc,
                            f"{req.id}: the statement has no normative keyword; its obligation "
                            f"'{req.obligation}' needs \"{req.obligation}\"")
    elif found != [req.obligation]:
        listed = ", ".join(f'"{k}"' for k in found)
        yield Diagnostic.at("REQ005", loc,
                            f"{req.id}: the statement uses {listed} but its obligation is "
                            f"'{req.obligation}'; it needs exactly one \"{req.obligation}\"",
                            fix="make the keyword and the obligation agree")


def accidental_keywords(project: Project) -> Iterable[Diagnostic]:
    for sf in project.sources:
        for prose in sf.prose:
            line = prose.text
            if not KEYWORD.search(line):
                continue
            for m in KEYWORD.finditer(strip_for_keywords(line)):
                word = m.group(1)
                yield Diagnostic.at("REQ006", Loc(prose.loc.path, prose.loc.line, m.start() + 1),
                                    f"normative keyword '{word}' in informative text",
                                    fix=_suggest(word.lower()))


def _suggest(word: str) -> str:
    return {"shall": "write 'is to' or make it a requirement; mark a mention as {kw}`shall`",
            "should": "write 'is expected to' or make it a recommendation; mark a mention as {kw}`should`",
            "may": "write 'can' or 'might'; mark a mention as {kw}`may`",
            "must": "write 'needs to' or 'has to'; requirements use 'shall'"}[word]
