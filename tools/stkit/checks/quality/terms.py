"""QLT012 (a note): a term in a normative statement that looks like a defined concept but
is not in the glossary: a run of two or more capitalised words ("International Bureau",
"IP Data Dictionary") or a term in quotation marks. An editor decides whether to define it,
write it in lower case, or leave it (a proper name: words.yaml `not_terms`)."""

from __future__ import annotations

import re
from typing import Iterable

from ...diagnostics import Diagnostic
from .context import Context, Finding

_CAPITALISED = re.compile(r"(?<![\w.’'-])[A-Z][A-Za-z-]*(?:\s+[A-Z][A-Za-z-]*)+(?![\w’'-]|\.\w)")
# Double quotes, typographic quotes, or single quotes that stand outside words (so that
# "months' notice" and "the coordinator's" are no quotation).
_QUOTED = re.compile(r"[“\"](?P<q>[^”\"]{2,60})[”\"]|‘(?P<t>[^’]{2,60})’|(?<!\w)'(?P<s>[^'\n]{2,60})'(?!\w)")
_OPENERS = {"a", "an", "the", "each", "every", "any", "this", "these", "that", "those", "where",
            "when", "if", "no", "all"}
_ANNEX = re.compile(r"^(?:Annex|Part|Appendix)\s+[IVXLC\d]+$")


def candidates(text: str) -> Iterable[tuple[int, str]]:
    for m in _CAPITALISED.finditer(text):
        words = m.group(0).split()
        start = m.start()
        while words and words[0].lower() in _OPENERS:  # "An IP office", "This Standard"
            start = text.index(words[1], start + len(words[0])) if len(words) > 1 else start
            words = words[1:]
        # Two capitalised words at least ("International Bureau", "IP Data Dictionary"):
        # an acronym with one word ("Web API") is a name more often than a term.
        if len(words) >= 2 and sum(1 for w in words if not w.isupper()) >= 2:
            yield start, " ".join(words)
    if not any(q in text for q in "\"“‘'"):
        return
    for m in _QUOTED.finditer(text):
        group = m.lastgroup
        yield m.start(group), " ".join(m.group(group).split())


def check(ctx: Context) -> Iterable[Finding]:
    defined = set(ctx.glossary.terms)
    ignored = ctx.lex.not_terms
    for st in ctx:
        seen = set()
        for offset, term in candidates(st.text):
            key = term.lower()
            if (key in seen or key in ignored or _ANNEX.match(term)
                    or key in defined or key.rstrip("s") in defined):
                continue
            seen.add(key)
            yield Finding(st.req.id, Diagnostic.at(
                "QLT012", ctx.locate.at(st.req, offset),
                f"{st.req.id}: '{term}' reads as a defined term, but the glossary does not define it",
                fix="define it in the glossary, write it in lower case if it is no term, or waive QLT012"))
