"""The word lists of the quality rules (words.yaml), loaded once into matchers."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import yaml


@dataclass(frozen=True)
class Phrase:
    """A listed term: how it is written, why it is listed, and a guard on what precedes it."""

    term: str
    reason: str
    unless_after: re.Pattern | None = None


@dataclass(frozen=True)
class PhraseList:
    """One list (vague, escape, open_end) compiled into a single regex of whole-word phrases,
    longest first, so that "in a timely manner" wins over "timely"."""

    phrases: tuple[Phrase, ...]
    pattern: re.Pattern

    def find(self, text: str) -> list[tuple[int, str, Phrase]]:
        """(offset, the words as written, the entry) of every listed phrase in `text`."""
        out = []
        for m in self.pattern.finditer(text):
            phrase = self.phrases[int(m.lastgroup[1:])]
            if phrase.unless_after is not None and phrase.unless_after.search(text[:m.start()]):
                continue
            out.append((m.start(), m.group(0), phrase))
        return out


def _phrase_regex(term: str) -> str:
    words = term.split()
    body = r"\s+".join(re.escape(w) for w in words)
    start = r"(?<![\w-])" if term[0].isalnum() else ""
    end = r"(?![\w-])" if term[-1].isalnum() else ""  # "etc." ends in a dot
    return start + body + end


def _phrase_list(entries: list[dict]) -> PhraseList:
    phrases = tuple(sorted((Phrase(e["term"], e["reason"],
                                   re.compile(e["unless_after"], re.I) if e.get("unless_after") else None)
                            for e in entries), key=lambda p: -len(p.term)))
    pattern = re.compile("|".join(f"(?P<p{i}>{_phrase_regex(p.term)})" for i, p in enumerate(phrases)),
                         re.IGNORECASE)
    return PhraseList(phrases, pattern)


@dataclass(frozen=True)
class Lexicon:
    vague: PhraseList
    escape: PhraseList
    open_end: PhraseList
    persons: frozenset[str]
    agent_nouns: frozenset[str]
    verbs: frozenset[str]
    ambiguous_verbs: frozenset[str]
    object_starts: frozenset[str]
    participles: frozenset[str]
    clause_openers: frozenset[str]
    stopwords: frozenset[str]
    not_terms: frozenset[str]


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    text = resources.files("stkit.checks.quality").joinpath("words.yaml").read_text(encoding="utf-8")
    raw = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))

    def words(key: str) -> frozenset[str]:
        return frozenset(w.lower() for w in raw[key])

    return Lexicon(
        vague=_phrase_list(raw["vague"]), escape=_phrase_list(raw["escape"]),
        open_end=_phrase_list(raw["open_end"]),
        persons=words("persons"), agent_nouns=words("agent_nouns"),
        verbs=frozenset(raw["duty_verbs"]["verbs"]),
        ambiguous_verbs=frozenset(raw["duty_verbs"]["ambiguous"]),
        object_starts=words("object_starts"), participles=words("participles"),
        clause_openers=words("clause_openers"), stopwords=words("stopwords"),
        not_terms=words("not_terms"),
    )
