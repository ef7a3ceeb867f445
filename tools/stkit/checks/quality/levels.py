"""QLT007: a permission ('may') carries no conformance level: it binds no office, so a
level on it means nothing. QLT008: a requirement's level is not lower than the level of a
requirement its statement depends on ({req} in the statement): an office at the lower
level would otherwise have to meet a requirement of a higher one."""

from __future__ import annotations

from typing import Iterable

from ...diagnostics import Diagnostic
from ...sources import ROLE
from .context import Context, Finding


def check(ctx: Context) -> Iterable[Finding]:
    by_id = ctx.registry.by_id
    for st in ctx:
        req = st.req
        if req.obligation == "may" and req.level is not None:
            yield Finding(req.id, Diagnostic.at(
                "QLT007", req.loc_of("level"),
                f"{req.id} is a permission ('may') but carries level {req.level}: a permission "
                "binds no office, so it counts towards no level",
                fix="remove `level:`, or make it a recommendation ('should') if offices at "
                    f"level {req.level} are expected to do it"))
        if req.level is None:
            continue
        for m in ROLE.finditer(st.text):
            if m.group("role") != "req":
                continue
            dep = by_id.get(m.group("target").strip())
            if dep is None or not dep.active or dep.level is None or dep.level <= req.level:
                continue
            yield Finding(req.id, Diagnostic.at(
                "QLT008", ctx.locate.at(req, m.start()),
                f"{req.id} (level {req.level}) depends on {dep.id}, which is at level {dep.level}: "
                f"an office at level {req.level} would have to meet a level {dep.level} requirement",
                fix=f"raise {req.id} to level {dep.level}, or lower {dep.id} to level {req.level}"))
