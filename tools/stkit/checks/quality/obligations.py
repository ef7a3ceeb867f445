"""QLT001: one obligation per statement. A second verb of duty coordinated with the main
verb under the one keyword ("shall correct the errors ... and deliver the corrected
records"), or a list of duties ("shall present ..., identify ... and label ..."), is
reported with the second duty it found."""

from __future__ import annotations

import re
from typing import Iterable

from ...diagnostics import Diagnostic
from .context import Context, Finding
from .statement import Statement, words_after

# "and" (or "as well as") perhaps with a parenthesis between commas, or a bare comma; then
# "to", "then", "also" or a keyword of its own may stand before the verb.
_JOIN = re.compile(r"(?:\s+(?:and|as\s+well\s+as)\s*(?:,[^,]{1,80},)?|,)\s+(?:(?:to|then|also|shall|should|may|must)\s+)?"
                   r"(?!(?:and|or|as)\b)(?P<verb>[a-z]+)\b(?:\s+(?P<next>[A-Za-z']+))?")
_MAIN = re.compile(r"\s+(?:not\s+)?(?:(?:also|only|always|then|\w+ly)\s+)?(?P<verb>[a-z]+)\b")


def second_duty(st: Statement, ctx: Context) -> tuple[int, str, str] | None:
    """(offset, verb, main verb) of the first duty after the main one, or None."""
    lex = ctx.lex
    predicate = st.predicate
    main = _MAIN.match(predicate)
    if main is None:
        return None
    main_verb = main.group("verb")
    for m in _JOIN.finditer(predicate, main.end()):
        verb, after = m.group("verb"), (m.group("next") or "").lower()
        if verb in lex.verbs or verb in lex.ambiguous_verbs and after in lex.object_starts:
            between = predicate[main.end():m.start()]
            if _inside_infinitive(between, lex) or _inside_relative(between, lex):
                continue
            return st.predicate_start + m.start("verb"), verb, main_verb
    return None


def _inside_infinitive(between: str, lex) -> bool:
    """True when an infinitive opened after the main verb is still running at the join
    ("may use tools to detect errors and propose corrections": one permission, whose
    purpose has two verbs). "to its recipients" is no infinitive; a comma ends one."""
    last = None
    for m in re.finditer(r"\bto\s+(?P<w>[a-z]+)\b", between):
        if m.group("w") not in lex.object_starts:
            last = m
    return last is not None and "," not in between[last.end():]


def _inside_relative(between: str, lex) -> bool:
    """True when a relative clause with a plural verb runs up to the join ("informs the
    recipients that receive and redistribute the data": the second verb is the clause's,
    not a duty). "the errors that it finds and deliver ..." is a second duty: "finds"
    cannot be continued by "deliver"."""
    rel = None
    for m in re.finditer(r"\b(?:that|which|who)\b", between):
        rel = m
    if rel is None or "," in between[rel.end():]:
        return False
    words = re.findall(r"[a-z]+", between[rel.end():].lower())
    return bool(words) and (words[-1] in lex.verbs or words[-1] in lex.ambiguous_verbs)


def check(ctx: Context) -> Iterable[Finding]:
    for st in ctx:
        found = second_duty(st, ctx)
        if found is None:
            continue
        offset, verb, main_verb = found
        duty = words_after(st.text, offset)
        keyword = st.keyword.group(0)
        yield Finding(st.req.id, Diagnostic.at(
            "QLT001", ctx.locate.at(st.req, offset),
            f"{st.req.id}: a second duty under one '{keyword}': '{duty}' (besides '{main_verb}')",
            fix=f"give '{verb} ...' a requirement of its own, so that each can be met and checked alone"))
