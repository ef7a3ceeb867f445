"""QLT012 (a note): a term in a normative statement that looks like a defined concept but
is not in the glossary: a run of two or more capitalised words ("International Bureau",
"IP Data Dictionary"), a term in quotation marks, or a noun phrase of two words or more
that statements use as a term ("the terms of exchange" in three requirements or more). An
editor decides whether to define it, write it in lower case, or leave it (a proper name:
words.yaml `not_terms`)."""

from __future__ import annotations

import re
from collections import defaultdict
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
RECURRING = 3  # statements that use a noun phrase before it reads as a term


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
    reported: set[str] = set()  # a capitalised or quoted term is not reported again as a phrase
    for st in ctx:
        seen = set()
        for offset, term in candidates(st.text):
            key = term.lower()
            if (key in seen or key in ignored or _ANNEX.match(term)
                    or key in defined or key.rstrip("s") in defined):
                continue
            seen.add(key)
            reported.add(key)
            yield Finding(st.req.id, Diagnostic.at(
                "QLT012", ctx.locate.at(st.req, offset),
                f"{st.req.id}: '{term}' reads as a defined term, but the glossary does not define it",
                fix="define it in the glossary, write it in lower case if it is no term, or waive QLT012"))
    yield from recurring(ctx, defined | reported)


_PHRASE_CACHE: dict[frozenset, re.Pattern] = {}


def _phrase_start(lex) -> re.Pattern:
    """A determiner and the run of words after it (up to punctuation), as a lookahead so
    that "the terms of the exchange" yields both runs."""
    pattern = _PHRASE_CACHE.get(lex.determiners)
    if pattern is None:
        dets = "|".join(sorted(lex.determiners, key=len, reverse=True))
        pattern = _PHRASE_CACHE[lex.determiners] = re.compile(
            rf"\b(?:{dets})\s+(?=([a-z][a-z'’-]*(?:\s+[a-z][a-z'’-]*){{1,6}}))")
    return pattern


def _noun_phrases(text: str, lex) -> Iterable[str]:
    """Two to four words after a determiner, up to a small word, a verb of duty or a
    punctuation mark; "of" may join two nouns ("terms of exchange")."""
    stop = lex.phrase_breaks
    for m in _phrase_start(lex).finditer(text.lower()):
        words = m.group(1).split()
        n = len(words)
        j = 0
        while j < n and words[j] in lex.not_term_words:
            j += 1
        phrase: list[str] = []
        while j < n and len(phrase) < 4:
            x = words[j]
            if x == "of" and phrase and j + 1 < n and words[j + 1] not in stop:
                phrase.append(x)
            elif x in stop or x in lex.verbs:
                break
            else:
                phrase.append(x)
            j += 1
        while phrase and phrase[-1] == "of":
            phrase.pop()
        if len(phrase) >= 2:
            yield " ".join(phrase)


def _defined(phrase: str, defined: set[str]) -> bool:
    return phrase in defined or phrase.removesuffix("s") in defined or phrase.removesuffix("es") in defined


def recurring(ctx: Context, known: set[str]) -> Iterable[Finding]:
    """A noun phrase that RECURRING statements or more use, reported once, at its first use;
    `known`: the defined terms and the terms reported already (lower case)."""
    users: dict[str, list] = defaultdict(list)
    for st in ctx:
        for phrase in set(_noun_phrases(st.text, ctx.lex)):
            users[phrase].append(st)
    for phrase, sts in users.items():
        if len(sts) < RECURRING or _defined(phrase, known) or phrase in ctx.lex.not_terms:
            continue
        first = sts[0]
        m = re.search(r"(?<![\w-])" + r"\s+".join(re.escape(w) for w in phrase.split()), first.text, re.I)
        names = ", ".join(s.req.id for s in sts[:3]) + (", ..." if len(sts) > 3 else "")
        yield Finding(first.req.id, Diagnostic.at(
            "QLT012", ctx.locate.at(first.req, m.start() if m else 0),
            f"{first.req.id}: '{phrase}' is used as a term in {len(sts)} statements ({names}), "
            "but the glossary does not define it",
            fix="define it in the glossary, or say it in other words where it is no term"))
