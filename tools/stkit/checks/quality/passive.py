"""QLT006: a passive normative statement that names no agent ("Each file shall be
validated before delivery": validated by whom?). A passive whose "by" names a defined
actor ("shall be confirmed by the data provider") is not reported, here or by QLT005."""

from __future__ import annotations

import re
from typing import Iterable

from ...diagnostics import Diagnostic
from .context import Context, Finding
from .statement import DETERMINER, NP_END, Statement

_BE = re.compile(r"\s+(?:not\s+)?(?:(?:also|only|always|then|still|further|\w+ly)\s+)?be\s+"
                 r"(?:(?:\w+ly|also|only|always)\s+)?(?P<part>[a-z]+)\b")
_BY = re.compile(r"\bby\s+(?P<np>[^,;.]+)", re.I)


def passive(st: Statement, ctx: Context) -> tuple[str, str | None] | None:
    """(participle, the actor named by "by", or None) when the keyword governs a passive;
    None for an active statement."""
    m = _BE.match(st.predicate)
    if m is None:
        return None
    part = m.group("part")
    if not (part.endswith("ed") and len(part) > 4 or part in ctx.lex.participles) \
            or part in ctx.lex.not_passive:
        return None
    rest_start = st.predicate_start + m.end()
    for by in _BY.finditer(st.text, rest_start):
        np = NP_END.split(DETERMINER.sub("", by.group("np").strip()), maxsplit=1)[0]
        actor = ctx.glossary.actor_heading(np) if np else None
        if actor:
            return part, actor
    return part, None


def check(ctx: Context) -> Iterable[Finding]:
    for st in ctx:
        found = passive(st, ctx)
        if found is None or found[1] is not None:
            continue
        part = found[0]
        phrase = " ".join(st.text[st.keyword.start():st.predicate_start + _BE.match(st.predicate).end()].split())
        yield Finding(st.req.id, Diagnostic.at(
            "QLT006", ctx.locate.at(st.req, st.keyword.start()),
            f"{st.req.id}: passive '{phrase}' names no agent: {part} by whom?",
            fix="make the actor the subject ('A data provider shall ...'), or add 'by' and the actor"))
