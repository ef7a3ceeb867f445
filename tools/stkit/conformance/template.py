"""`stkit conformance template`: a statement pre-filled for a role and a level, listing every
requirement that applies, for an office to complete (each TODO) and check."""

from __future__ import annotations

import datetime as dt
import json

from ..model import Registry
from . import claims as cl
from .statement import PLACEHOLDER


def _q(value: str) -> str:
    """A YAML scalar, double-quoted (JSON's quoting is valid YAML)."""
    return json.dumps(value, ensure_ascii=False)


def _req_line(req) -> str:
    return f"{req.id} ({cl.level_text(req)}, {req.obligation}): {req.title}"


def template(registry: Registry, roles: list[str], level: int, on: dt.date, *,
             office: str | None = None, name: str | None = None, data_set: str | None = None) -> str:
    md = registry.metadata
    lines = [
        f"# Conformance statement against {md.number} version {md.version}: "
        f"{' and '.join(roles)}, level {level}.",
        "# Written by `stkit conformance template`. Replace every TODO, keep or delete the listed",
        "# exceptions, then check it:  stkit conformance check THIS-FILE",
        "# Fields: docs/conformance.md; schema: conformance-statement.schema.json.",
        "statement_format: 1",
        "office:",
        f"  code: {_q(office or PLACEHOLDER)}  # the office's two-letter code (WIPO ST.3)",
        f"  name: {_q(name or PLACEHOLDER + ': the name of the office')}",
        f"roles: [{', '.join(roles)}]",
        "standard:",
        f"  number: {_q(md.number)}",
        f"  version: {_q(md.version)}",
        f"date: {_q(on.isoformat())}  # the date of the statement",
        f"last_review: {_q(on.isoformat())}  # the date of its last review (at least once a year)",
        "claims:",
        "  # One claim per data set; delete data_set to claim for the office as a whole.",
        "  - data_set:",
        f"      id: {_q(data_set or PLACEHOLDER)}  # the identifier of its data set description",
        f"      title: {_q(PLACEHOLDER + ': the title of the data set')}",
        f"      description: {_q(PLACEHOLDER + ': https address of the data set description')}",
        f"    level: {level}",
    ]
    musts = cl.mandatory(registry, roles, max(level, 1))
    if level == 0:
        lines += [
            "    # Below level 1: the plan lists each requirement of level 1 not yet met, with the",
            "    # date by which the office expects to meet it. Delete those already met.",
            "    plan:",
        ]
        for req in musts:
            lines += [f"      - requirement: {req.id}  # {req.title}",
                      f"        target_date: {_q(PLACEHOLDER + ': YYYY-MM-DD')}"]
        return "\n".join(lines) + "\n"
    lines.append(f"    # Met by a claim to level {level} (mandatory, \"{cl.MANDATORY}\"). The one ground for an")
    lines.append("    # exception to one of them is a provision of the law applicable to the office that")
    lines.append("    # prevents meeting it: list it under exceptions with its reason and legal_basis, the")
    lines.append("    # provision cited. Any other reason means claiming a lower level.")
    lines += [f"    #   {_req_line(r)}" for r in musts] or ["    #   (none)"]
    opts = cl.options(registry, roles, level)
    if opts:
        lines.append(f"    # Options (\"{cl.OPTIONAL}\"): taken up or not, they need no exception:")
        lines += [f"    #   {_req_line(r)}" for r in opts]
    recs = cl.recommendations(registry, roles, level)
    if not recs:
        lines.append("    exceptions: []  # no recommendation applies to this role and level")
        return "\n".join(lines) + "\n"
    lines += [
        "    # Recommendations (\"should\"): they do not count towards the claim. The statement",
        "    # may list one the office does not follow: replace [] below by entries such as these",
        "    # (without the #), each with its reason and, where known, the date by which the",
        "    # office expects to follow it.",
        "    exceptions: []",
    ]
    for req in recs:
        lines += [f"    #   - requirement: {req.id}  # {cl.level_text(req)}: {req.title}",
                  f"    #     reason: {_q(PLACEHOLDER + ': why it is not followed')}",
                  "    #     target_date: \"YYYY-MM-DD\"  # optional"]
    return "\n".join(lines) + "\n"
