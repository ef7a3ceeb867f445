"""What a claim to a level means under one version of the registry, read generically from the
requirements' fields (level, obligation, applies_to, status): which requirements a claim binds
without exception, which it lets the office list as exceptions, and which are options."""

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
    """The levels the registry's active requirements use, lowest first."""
    return sorted({r.level for r in registry.active if r.level is not None})  # a permission has none


def in_claim(registry: Registry, roles, level: int) -> list[Requirement]:
    """The active requirements a claim to `level` covers for these roles, in registry order."""
    return [r for r in registry.active if r.level <= level and applies(r, roles)]


def mandatory(registry: Registry, roles, level: int) -> list[Requirement]:
    return [r for r in in_claim(registry, roles, level) if is_mandatory(r)]


def recommendations(registry: Registry, roles, level: int) -> list[Requirement]:
    """What may be listed as an exception: neither mandatory nor an option."""
    return [r for r in in_claim(registry, roles, level) if not is_mandatory(r) and not is_optional(r)]


def options(registry: Registry, roles, level: int) -> list[Requirement]:
    return [r for r in in_claim(registry, roles, level) if is_optional(r)]
