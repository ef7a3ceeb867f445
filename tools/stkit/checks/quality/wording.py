"""QLT002 vague terms, QLT003 escape clauses, QLT004 open ends: listed phrases (words.yaml,
each with its reason) in a normative statement."""

from __future__ import annotations

from typing import Iterable

from ...diagnostics import Diagnostic
from .context import Context, Finding

_KINDS = (
    ("QLT002", "vague", "vague term", "replace it with a measure: a period, a frequency, a criterion"),
    ("QLT003", "escape", "escape clause", "state the condition under which the duty does not apply, or drop the clause"),
    ("QLT004", "open_end", "open-ended list", "list every case, or name the class the cases belong to"),
)


def check(ctx: Context) -> Iterable[Finding]:
    for code, attr, kind, fix in _KINDS:
        phrases = getattr(ctx.lex, attr)
        for st in ctx:
            for offset, written, phrase in phrases.find(st.text, st.tokens):
                shown = " ".join(written.split())
                yield Finding(st.req.id, Diagnostic.at(
                    code, ctx.locate.at(st.req, offset),
                    f"{st.req.id}: {kind} '{shown}': {phrase.reason}", fix=fix))
