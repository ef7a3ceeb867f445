"""SRV: every survey challenge is answered by an active requirement or recorded as out of
scope with a reason."""

from __future__ import annotations

from typing import Iterable

from ..coverage import coverage
from ..diagnostics import Diagnostic
from ..project import Project


def check(project: Project) -> Iterable[Diagnostic]:
    registry, challenges = project.registry, project.catalogues.challenges
    cov = coverage(registry)
    for req in registry.requirements:
        for i, cid in enumerate(req.challenges):
            if cid not in challenges:
                import difflib  # for a suggestion, on a finding only

                close = difflib.get_close_matches(cid, list(challenges), n=1)
                yield Diagnostic.at("SRV001", req.loc_of(f"challenges[{i}]"),
                                    f"{req.id} answers the unknown survey challenge '{cid}'",
                                    fix=f"did you mean '{close[0]}'?" if close else None)
    for entry in registry.out_of_scope:
        if entry.challenge not in challenges:
            import difflib

            close = difflib.get_close_matches(entry.challenge, list(challenges), n=1)
            yield Diagnostic.at("SRV001", entry.loc, f"out_of_scope names the unknown survey challenge "
                                f"'{entry.challenge}'",
                                fix=f"did you mean '{close[0]}'?" if close else None)
        elif cov.challenge_state(entry.challenge) == "answered":
            yield Diagnostic.at("SRV003", entry.loc, f"{entry.challenge} is recorded as out of scope "
                                "but requirements answer it")
    for cid, challenge in challenges.items():
        if cov.challenge_state(cid) == "uncovered":
            count = f", {challenge.offices} offices" if challenge.offices is not None else ""
            yield Diagnostic.at("SRV002", registry.section_locs.get("out_of_scope", registry.metadata.loc),
                                f"survey challenge {cid} ({challenge.title}{count}) is answered by no "
                                "active requirement and not recorded as out of scope",
                                fix="add it to a requirement's challenges, or record it under out_of_scope")
