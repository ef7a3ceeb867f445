"""The word lists of the quality rules (words.yaml), loaded once into matchers."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ...usercache import yaml_data


@dataclass(frozen=True)
class Phrase:
    """A listed term: how it is written, why it is listed, and a guard on what precedes it."""

    term: str
    reason: str
    unless_after: re.Pattern | None = None


# A word as every rule counts it: letters and digits, with inner dots, apostrophes and
# hyphens ("st.96", "months'", "user-friendly"). Read once per statement (tokens()).
TOKEN = re.compile(r"[a-z0-9]+(?:[.'’-][a-z0-9]+)*")


def tokens(text: str) -> list[str]:
    """The words of a text, in lower case, in order."""
    return TOKEN.findall(text.lower())


@dataclass(frozen=True)
class PhraseList:
    """One list (vague, escape, open_end). Each phrase is filed under its longest word; a
    statement is searched only for the phrases whose word it contains (one set
    intersection), so most statements cost nothing (one big alternation tried at every
    position was a hundred times slower). Where phrases overlap, the one that starts first
    wins, then the longest: "in a timely manner" and not "timely"."""

    by_key: dict[str, tuple[tuple[Phrase, re.Pattern], ...]]
    keys: frozenset[str]

    def find(self, text: str, words: list[str] | None = None) -> list[tuple[int, str, Phrase]]:
        """(offset, the words as written, the entry) of every listed phrase in `text`.
        `words`: the text's tokens(), when the caller has them already."""
        hits = self.keys.intersection(words if words is not None else tokens(text))
        if not hits:
            return []
        found = []
        for key in hits:
            for phrase, pattern in self.by_key[key]:
                for m in pattern.finditer(text):
                    if phrase.unless_after is None or not phrase.unless_after.search(text[:m.start()]):
                        found.append((m.start(), -len(m.group(0)), m.group(0), phrase))
        out, end = [], 0
        for start, _, written, phrase in sorted(found, key=lambda f: (f[0], f[1])):
            if start >= end:
                out.append((start, written, phrase))
                end = start + len(written)
        return out


def _phrase_regex(term: str) -> str:
    words = term.split()
    body = r"\s+".join(re.escape(w) for w in words)
    start = r"(?<![\w-])" if term[0].isalnum() else ""
    end = r"(?![\w-])" if term[-1].isalnum() else ""  # "etc." ends in a dot
    return start + body + end


def _phrase_list(entries: list[dict]) -> PhraseList:
    by_key: dict[str, list] = {}
    for e in entries:
        phrase = Phrase(e["term"], e["reason"],
                        re.compile(e["unless_after"], re.I) if e.get("unless_after") else None)
        key = max(tokens(phrase.term), key=len)
        by_key.setdefault(key, []).append((phrase, re.compile(_phrase_regex(phrase.term), re.IGNORECASE)))
    return PhraseList({k: tuple(v) for k, v in by_key.items()}, frozenset(by_key))


@dataclass(frozen=True)
class Lexicon:
    """The word lists of words.yaml, as phrase matchers and sets of lower-case words."""

    vague: PhraseList
    escape: PhraseList
    open_end: PhraseList
    persons: frozenset[str]
    agent_nouns: frozenset[str]
    verbs: frozenset[str]
    ambiguous_verbs: frozenset[str]
    object_starts: frozenset[str]
    participles: frozenset[str]
    not_passive: frozenset[str]
    clause_openers: frozenset[str]
    stopwords: frozenset[str]
    not_terms: frozenset[str]
    determiners: frozenset[str]
    not_term_words: frozenset[str]
    phrase_breaks: frozenset[str]


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    raw = yaml_data(Path(__file__).parent / "words.yaml")  # parsed once, then from the user's cache

    def words(key: str) -> frozenset[str]:
        return frozenset(w.lower() for w in raw[key])

    return Lexicon(
        vague=_phrase_list(raw["vague"]), escape=_phrase_list(raw["escape"]),
        open_end=_phrase_list(raw["open_end"]),
        persons=words("persons"), agent_nouns=words("agent_nouns"),
        verbs=frozenset(raw["duty_verbs"]["verbs"]),
        ambiguous_verbs=frozenset(raw["duty_verbs"]["ambiguous"]),
        object_starts=words("object_starts"), participles=words("participles"),
        not_passive=words("not_passive"),
        clause_openers=words("clause_openers"), stopwords=words("stopwords"),
        not_terms=words("not_terms"), determiners=words("determiners"),
        not_term_words=words("not_term_words"),
        phrase_breaks=words("phrase_breaks") | words("stopwords"),
    )
