"""TRM: every defined term is used; variant spellings of a defined term are reported; {term}
references name a defined term; no term is defined twice."""

from __future__ import annotations

import re
from typing import Iterable

from ..diagnostics import Diagnostic
from ..model import Loc
from ..project import Project
from ..sources import strip_for_keywords

_PREFIXES = ("co", "re", "pre", "sub", "non")


def _word_pattern(word: str) -> str:
    for prefix in _PREFIXES:
        if word.lower().startswith(prefix) and len(word) > len(prefix) + 3:
            rest = word[len(prefix):]
            return re.escape(word[: len(prefix)]) + "-?" + re.escape(rest)
    return re.escape(word)


def _term_pattern(term: str) -> str:
    """A regex for the term and its near misses: words closed up or hyphenated, a prefix
    hyphenated (co-ordinator), and a plural."""
    words = re.split(r"[\s-]+", term)
    body = r"[\s-]*".join(_word_pattern(w) for w in words)
    return rf"\b{body}(?:s|es)?\b"


def _first_char_guard(names: list[str]) -> str:
    """A lookahead for the characters a match can start with. Every alternative starts with
    its term's first letter, so the guard changes no match; it lets the regex engine skip the
    other positions at once instead of trying every alternative there (six times faster on a
    large standard). No guard when a term does not start with a word."""
    firsts = set()
    for name in names:
        first_word = re.split(r"[\s-]+", name)[0]
        if not first_word:
            return ""
        firsts.add(first_word[0])
    return "(?=[" + "".join(re.escape(c) for c in sorted(firsts)) + "])"


def _canonical(text: str) -> str:
    return re.sub(r"\s+", " ", text.lower())


def check(project: Project) -> Iterable[Diagnostic]:
    defined: dict[str, Loc] = {}
    for sf in project.sources:
        for term in sf.terms:
            key = term.term.lower()
            if key in defined:
                first = defined[key]
                yield Diagnostic.at("TRM004", term.loc, f"'{term.term}' is defined again "
                                    f"(first at {first.path}:{first.line})")
            else:
                defined[key] = term.loc
    if not defined:
        return
    names = sorted(defined, key=len, reverse=True)  # longest first: "data set description" before "data set"
    # Every alternative starts with \b; said once in front, the engine skips the positions
    # inside words before trying the guard and the alternatives (twice as fast on the standard).
    combined = re.compile(r"\b" + _first_char_guard(names)
                          + "(?:" + "|".join(f"(?P<t{i}>{_term_pattern(n)})" for i, n in enumerate(names)) + ")",
                          re.IGNORECASE)
    used: set[str] = set()

    def scan(text: str, loc: Loc | None, exact: bool = True) -> Iterable[Diagnostic]:
        """`exact`: `text` is one source line and `loc` its start, so a match's column is
        known; otherwise (a registry value, perhaps folded over lines) the value's start."""
        for m in combined.finditer(text):
            name = names[int(m.lastgroup[1:])]
            found = _canonical(m.group(0))
            if found in (name, name + "s", name + "es"):
                used.add(name)
            elif loc is not None:
                yield Diagnostic.at("TRM002", Loc(loc.path, loc.line, m.start() + 1) if exact else loc,
                                    f"'{m.group(0)}' is a variant of the defined term '{name}'",
                                    fix=f"write '{name}'")
            else:
                used.add(name)  # a variant in the registry still counts as a use

    for sf in project.sources:
        for c in sf.citations:
            if c.role == "term":
                target = c.target
                explicit = re.match(r"^.*<(?P<t>[^>]+)>$", target)
                target = (explicit.group("t") if explicit else target).strip().lower()
                if target not in defined and not project.unreadable:  # the glossary may be unread
                    yield Diagnostic.at("TRM003", c.loc, f"{{term}} names '{target}', which the "
                                        "glossary does not define")
                used.add(target)
        for prose in sf.prose:
            yield from scan(strip_for_keywords(prose.text).replace("{term}", ""), prose.loc)
        for c in sf.citations:
            if c.role == "term":
                yield from scan(c.target, None)
    for req in project.registry.requirements:
        yield from scan(req.statement, req.loc_of("statement"), exact=False)
        yield from scan(req.title, req.loc_of("title"), exact=False)
    for name, loc in defined.items():
        if name not in used and not project.unreadable:  # the use may be in the unread file
            yield Diagnostic.at("TRM001", loc, f"the defined term '{name}' is never used")
