"""QLT005: the subject of a statement is an actor the glossary defines (a defined term
whose definition is a kind of office, body, party or person: see statement.Glossary).
Reported: a person where a role is meant, a defined term that is a thing and not an actor,
and a subject the glossary does not define. A passive statement is QLT006's: its subject
is what is acted on, and it is fine when "by" names a defined actor."""

from __future__ import annotations

from typing import Iterable

from ...diagnostics import Diagnostic
from .context import Context, Finding
from .passive import passive
from .statement import WORD


def _problem(noun_phrase: str, ctx: Context) -> str | None:
    if not noun_phrase:
        return "the statement has no subject before its keyword"
    if ctx.glossary.actor_heading(noun_phrase):
        return None
    persons = [w for w in WORD.findall(noun_phrase) if w.lower() in ctx.lex.persons]
    if persons:
        return f"'{noun_phrase}' is a person ('{persons[0]}'), where the duty belongs to a role"
    thing = ctx.glossary.thing_heading(noun_phrase)
    if thing:
        return f"'{noun_phrase}' is a defined term, but a thing, not an actor that can act"
    return f"the subject '{noun_phrase}' is not an actor that the glossary defines"


def check(ctx: Context) -> Iterable[Finding]:
    actors = ", ".join(f"'{ctx.glossary.terms[a]}'" for a in sorted(ctx.glossary.actors))
    fix = (f"make one of the defined actors the subject ({actors}), or define the actor in the glossary"
           if actors else "define the actors (data provider, data recipient ...) in the glossary")
    for st in ctx:
        found = passive(st, ctx)
        if found is not None:
            continue  # QLT006 reports a passive with no agent; an agent found is an actor
        problem = _problem(st.subject, ctx)
        if problem is None:
            continue
        yield Finding(st.req.id, Diagnostic.at(
            "QLT005", ctx.locate.at(st.req, st.subject_start), f"{st.req.id}: {problem}",
            fix=fix))
