"""What a claim to a level means under one version of the registry, read generically from the
requirements' fields (level, obligation, applies_to, status): which requirements a claim binds,
which recommendations are grouped with its levels, and which are options.

A permission ("may") carries no level since version 0.3 (its level is None): it belongs to no
level, is an option at every one, and never needs an exception. Older versions gave it a
level; it is then an option from that level up. A requirement without a level that is not a
permission (which the registry's rules do not allow) belongs to no claim."""

from __future__ import annotations

from ..model import Registry, Requirement

MANDATORY = "shall"  # met without exception by a claim to its level or a higher one
OPTIONAL = "may"  # an option: taken up or not, it never needs an exception


def applies(req: Requirement, roles: list[str] | tuple[str, ...]) -> bool:
    """Whether a requirement binds an office of these roles ('both', or none given: any)."""
    return req.applies_to in (None, "both") or req.applies_to in roles


def is_mandatory(req: Requirement) -> bool:
    return req.obligation == MANDATORY


def is_optional(req: Requirement) -> bool:
    return req.obligation == OPTIONAL


def levels(registry: Registry) -> list[int]:
    """The levels the registry's active requirements use, lowest first (permissions have none)."""
    return sorted({r.level for r in registry.active if r.level is not None})


def within(req: Requirement, level: int) -> bool:
    """Whether a claim to `level` covers the requirement: its level is that one or lower; a
    permission without a level is an option at every level."""
    if req.level is None:
        return is_optional(req)
    return req.level <= level


def level_text(req: Requirement) -> str:
    """The requirement's level for a reader: "level 2", or "no level" (a permission)."""
    return f"level {req.level}" if req.level is not None else "no level"


def in_claim(registry: Registry, roles, level: int) -> list[Requirement]:
    """The active requirements a claim to `level` covers for these roles, in registry order."""
    return [r for r in registry.active if within(r, level) and applies(r, roles)]


def mandatory(registry: Registry, roles, level: int) -> list[Requirement]:
    return [r for r in in_claim(registry, roles, level) if is_mandatory(r)]


def recommendations(registry: Registry, roles, level: int) -> list[Requirement]:
    """The recommendations ("should") grouped with `level` or a lower one: they do not count
    towards the claim; one not followed may be listed as an exception, with its reason."""
    return [r for r in in_claim(registry, roles, level) if not is_mandatory(r) and not is_optional(r)]


def options(registry: Registry, roles, level: int) -> list[Requirement]:
    return [r for r in in_claim(registry, roles, level) if is_optional(r)]
