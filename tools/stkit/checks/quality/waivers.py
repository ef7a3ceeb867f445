"""Waivers: a requirement exempt from a quality rule says so in the registry, with the
reason (`waivers: [{code: QLT002, reason: ...}]`; a waiver without a reason fails the
schema, REG003). QLT013: a waiver of a code that is no quality rule one can waive.
QLT014: a waiver that silences nothing, so it is stale."""

from __future__ import annotations

from typing import Iterable

from ...diagnostics import Diagnostic
from ...rules import RULES
from .context import Context, Finding

NOT_WAIVABLE = ("QLT010", "QLT011", "QLT013", "QLT014")  # not about one requirement


def apply(ctx: Context, findings: Iterable[Finding]) -> Iterable[Diagnostic]:
    """The findings left once each requirement's waivers are applied, then QLT013/QLT014."""
    waived: dict[str, dict[str, object]] = {}
    for req in ctx.registry.requirements:
        for w in req.waivers:
            waived.setdefault(req.id, {})[w.code] = w
    used: set[tuple[str, str]] = set()
    for finding in findings:
        code = finding.diagnostic.code
        if finding.req_id is not None and code in waived.get(finding.req_id, {}) \
                and code not in NOT_WAIVABLE:
            used.add((finding.req_id, code))
            continue
        yield finding.diagnostic
    for req in ctx.registry.requirements:
        first: dict[str, object] = {}
        for w in req.waivers:
            if w.code in first:
                yield Diagnostic.at("QLT014", w.loc, f"{req.id} waives {w.code} again "
                                    f"(first on line {first[w.code].loc.line})",
                                    fix="keep one waiver per code, with one reason")
                continue
            first[w.code] = w
            if w.code not in RULES or w.code in NOT_WAIVABLE:
                what = "no rule" if w.code not in RULES else "not about one requirement"
                yield Diagnostic.at("QLT013", w.loc, f"{req.id} waives {w.code}, which is {what}",
                                    fix="correct the code (`stkit explain --list`), or remove the waiver")
            elif (req.id, w.code) not in used:
                why = "withdrawn" if not req.active else f"{w.code} finds nothing in it"
                yield Diagnostic.at("QLT014", w.loc, f"{req.id} waives {w.code}, but {why}",
                                    fix="remove the waiver")
