"""A normative statement read as a delegate reads it: its keyword, its subject, its verb
phrase; and where a word of it is written in the registry.

This is not a parser of English. It reads the shape the standard's statements have
("<subject> <keyword> <verb> ...", perhaps after an opening clause), with the word lists of
words.yaml, and every rule that uses it is written to stay silent when the shape is not
there: a missed finding costs less than a false one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ...model import Loc, Requirement
from ...modelcache import statement_quote
from ...project import Project
from ...sources import KEYWORD
from .lexicon import Lexicon, tokens

WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
DETERMINER = re.compile(r"^(?:a|an|the|each|every|any|all|both|either|no)\s+", re.I)
# Where the noun phrase of a subject ends: a relative word, a preposition, a comma.
NP_END = re.compile(r"\s*(?:,|\(|\b(?:that|which|who|whose|whom|where|when|whether|if|unless|of|in|at|"
                    r"for|with|under|on|from|by|to|acting|as|within|than|and|or)\b)", re.I)
PLURAL = r"(?:s|es)?"
_ARTICLE = re.compile(r"\b(?:the|a|an|each|every|any|all)\s", re.I)
# Where the opening noun phrase of a definition ends ("A national or regional office or
# intergovernmental organization | that grants ..."): "and" and "or" stay inside it.
_DEFINITION_HEAD_END = re.compile(r"\s*(?:,|\(|\b(?:that|which|who|whose|whom|where|when|of|in|at|for|"
                                  r"with|under|on|from|by|to|acting|as|within)\b)", re.I)


@dataclass
class Glossary:
    """The defined terms (lower case) and which of them are actors: a term whose definition
    opens with a noun phrase headed by an agent noun (words.yaml: agent_nouns)."""

    terms: dict[str, str] = field(default_factory=dict)  # lower -> as defined
    actors: list[str] = field(default_factory=list)  # lower, longest first
    things: list[str] = field(default_factory=list)  # lower, longest first

    def __post_init__(self) -> None:
        self._actor_end = _ends_with(self.actors)
        self._thing_end = _ends_with(self.things)

    def actor_heading(self, noun_phrase: str) -> str | None:
        """The actor a noun phrase is headed by ("A less-resourced IP office" -> "ip office")."""
        m = self._actor_end.search(noun_phrase) if self._actor_end else None
        return m.group("t").lower() if m else None

    def thing_heading(self, noun_phrase: str) -> str | None:
        m = self._thing_end.search(noun_phrase) if self._thing_end else None
        return m.group("t").lower() if m else None


def _ends_with(terms: list[str]) -> re.Pattern | None:
    if not terms:
        return None
    alternatives = "|".join(r"\s+".join(re.escape(w) for w in t.split()) for t in terms)
    return re.compile(rf"(?:^|\s)(?P<t>{alternatives}){PLURAL}(?:'s|’s)?\s*$", re.I)


def read_glossary(project: Project, lex: Lexicon) -> Glossary:
    terms: dict[str, str] = {}
    definitions: dict[str, str] = {}
    for sf in project.sources:
        lines = sf.text.split("\n")
        for term in sf.terms:
            key = term.term.lower()
            if key in terms:
                continue
            terms[key] = term.term
            body = []
            for line in lines[term.loc.line:]:  # the lines after the term's own
                if not line.strip() or not line[:1].isspace():
                    break
                body.append(line.strip())
            definitions[key] = " ".join(body)
    actors, things = [], []
    for key, definition in definitions.items():
        head = _DEFINITION_HEAD_END.split(definition, maxsplit=1)[0]
        words = {w.lower() for w in WORD.findall(head)}
        (actors if words & lex.agent_nouns else things).append(key)
    by_length = lambda t: (-len(t), t)  # noqa: E731
    return Glossary(terms=terms, actors=sorted(actors, key=by_length), things=sorted(things, key=by_length))


@dataclass(slots=True)
class Statement:
    """One active requirement's statement, split where a reader splits it."""

    req: Requirement
    text: str
    keyword: re.Match  # the first normative keyword
    subject_start: int  # offset where the subject's noun phrase starts
    subject: str  # the subject's noun phrase (up to a relative word, a preposition, a comma)
    predicate_start: int  # offset just after the keyword
    tokens: list[str] = field(default_factory=list)  # its words, lower case, in order (lexicon.tokens)

    @property
    def predicate(self) -> str:
        return self.text[self.predicate_start:]


def read_statement(req: Requirement, lex: Lexicon) -> Statement | None:
    """None when the statement has no keyword (REQ005 reports that)."""
    text = req.statement
    keyword = KEYWORD.search(text)
    if keyword is None:
        return None
    zone = text[:keyword.start()]
    start = len(zone) - len(zone.lstrip())
    first = WORD.match(zone, start)
    if first and first.group(0).lower() in lex.clause_openers:
        if "," in zone:  # "Where a data set is withdrawn, a data provider shall"
            start = zone.rindex(",") + 1
            start += len(zone[start:]) - len(zone[start:].lstrip())
        else:  # no comma: the subject is the last noun phrase that opens with an article
            last = None
            for last in _ARTICLE.finditer(zone, first.end()):
                pass
            if last is not None:
                start = last.start()
    subject_zone = zone[start:].rstrip()
    subject = NP_END.split(subject_zone, maxsplit=1)[0].strip()
    return Statement(req=req, text=text, keyword=keyword, subject_start=start, subject=subject,
                     predicate_start=keyword.end(), tokens=tokens(text))


class Locator:
    """Where a place in a statement is written. A statement written as a scalar on one line
    (plain, or quoted with no escape) gives each word its own column; a statement folded
    over several lines, or with escapes, is located at its start (the column of a word
    inside a folded block would be a guess)."""

    def __init__(self, project: Project):
        self.doc = project.registry_doc

    def statement(self, req: Requirement) -> Loc:
        return req.loc_of("statement")

    def at(self, req: Requirement, offset: int) -> Loc:
        start = req.loc_of("statement")
        if offset <= 0 or self.doc is None:
            return start
        quote = statement_quote(self.doc, req.index)
        if quote is None:
            return start
        return Loc(start.path, start.line, start.col + quote + offset)


def words_after(text: str, offset: int, count: int = 5) -> str:
    """Up to `count` words from `offset`, stopping at a comma or the end of a sentence."""
    tail = re.split(r"[,;.](?:\s|$)", text[offset:], maxsplit=1)[0]
    return " ".join(tail.split()[:count])
