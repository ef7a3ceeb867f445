"""QLT010: each conformance level holds at least one mandatory requirement ('shall') for
each role it applies to, or the registry says why not (`conformance_gaps`). A level applies
to a role when it holds a requirement or recommendation binding that role (`applies_to`;
`both`, or none given, binds either). QLT011: a recorded gap that is no gap."""

from __future__ import annotations

from typing import Iterable

from ...diagnostics import Diagnostic
from .context import Context, Finding

ROLES = ("provider", "recipient")


def roles_of(applies_to: str | None) -> tuple[str, ...]:
    return (applies_to,) if applies_to in ROLES else ROLES


def check(ctx: Context) -> Iterable[Finding]:
    binding: dict[tuple[int, str], list] = {}
    for req in ctx.registry.active:
        if req.level is None or req.obligation == "may":
            continue
        for role in roles_of(req.applies_to):
            binding.setdefault((req.level, role), []).append(req)
    gaps = {}
    for gap in ctx.registry.conformance_gaps:
        gaps.setdefault((gap.level, gap.role), gap)
    for (level, role), reqs in sorted(binding.items()):
        if any(r.obligation == "shall" for r in reqs) or (level, role) in gaps:
            continue
        names = ", ".join(r.id for r in reqs[:3]) + (", ..." if len(reqs) > 3 else "")
        yield Finding(None, Diagnostic.at(
            "QLT010", reqs[0].loc_of("level"),
            f"level {level} binds a data {role} only by recommendations ({len(reqs)}: {names}): "
            f"a claim of level {level} as a data {role} asks nothing that must be met",
            fix=f"make one of them a requirement ('shall'), or give the reason under "
                f"conformance_gaps (level: {level}, role: {role})"))
    for (level, role), gap in sorted(gaps.items()):
        reqs = binding.get((level, role), [])
        mandatory = [r.id for r in reqs if r.obligation == "shall"]
        if mandatory:
            why = f"it holds the requirement {mandatory[0]}" + (f" and {len(mandatory) - 1} more"
                                                               if len(mandatory) > 1 else "")
        elif not reqs:
            why = f"it binds a data {role} by nothing at all"
        else:
            continue
        yield Finding(None, Diagnostic.at(
            "QLT011", gap.loc,
            f"conformance_gaps lists level {level} for a data {role}, but {why}",
            fix="remove this entry"))
