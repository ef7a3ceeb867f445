"""IP5: every principle ID used exists; every principle is implemented by an active
requirement or carries a recorded deviation."""

from __future__ import annotations

from typing import Iterable

from ..coverage import coverage
from ..diagnostics import Diagnostic
from ..project import Project


def check(project: Project) -> Iterable[Diagnostic]:
    registry, principles = project.registry, project.catalogues.principles
    cov = coverage(registry)
    noted: set[str] = set()
    for req in registry.requirements:
        for i, pid in enumerate(req.ip5):
            if pid not in principles:
                yield Diagnostic.at("IP5001", req.loc_of(f"ip5[{i}]"), f"{req.id} cites the unknown IP5 principle "
                                    f"'{pid}'", fix=_closest(pid, principles))
                continue
            if not principles[pid].verified and pid not in noted:
                noted.add(pid)
                yield Diagnostic.at("IP5004", req.loc_of("ip5"),
                                    f"{pid} is not yet verified against the IP5 policy text")
    for dev in registry.ip5_deviations:
        if dev.principle not in principles:
            yield Diagnostic.at("IP5001", dev.loc, f"a deviation names the unknown IP5 principle "
                                f"'{dev.principle}'", fix=_closest(dev.principle, principles))
        elif cov.principle_state(dev.principle) == "implemented":
            yield Diagnostic.at("IP5003", dev.loc, f"a deviation is recorded for {dev.principle}, "
                                "which requirements implement")
    for pid, principle in principles.items():
        if cov.principle_state(pid) == "uncovered":
            yield Diagnostic.at("IP5002", registry.section_locs.get("ip5_deviations", registry.metadata.loc),
                                f"IP5 principle {pid} ({principle.summary}) is implemented by no "
                                "active requirement and has no recorded deviation",
                                fix="add it to a requirement's ip5 list, or record it under ip5_deviations")


def _closest(value: str, known) -> str:
    import difflib
    close = difflib.get_close_matches(value, list(known), n=1)
    return f"did you mean '{close[0]}'?" if close else "see tools/stkit/catalogues/ip5_principles.yaml"
