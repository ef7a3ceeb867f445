"""QLT009: near-duplicates. Two active requirements whose statements are mostly the same
words are each reported, naming the other.

The measure is RapidFuzz's Indel similarity over the statements' words (the normative
keyword and small words of words.yaml `stopwords` left out): twice the longest common
subsequence of words over the sum of the lengths, so word order counts and a shared word
counts once. RapidFuzz (MIT, maintained, C++ with bit-parallel LCS) does the comparing;
see docs/quality.md for why it and not difflib.

Comparing every pair would be quadratic (50 million pairs at 10,000 requirements). The
pairs are found instead by prefix filtering, as in set-similarity joins: each statement's
words are ordered rarest first, and two statements can reach the threshold only if they
share one of the first few words of that order, so only statements sharing a rare word are
compared (see `pairs`).

The pairs found are kept in the user's cache (usercache.py, kind `similar`), keyed by the
statements' words: a check of a registry whose statements did not change scores nothing again
and does not load RapidFuzz.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from itertools import chain
from typing import Iterable

from ...diagnostics import Diagnostic
from .context import Context, Finding
from .lexicon import tokens

def _rapidfuzz():
    """RapidFuzz's `process` and `Indel`, imported once a pair is to be scored: a check of a
    standard where no two statements share a rare word never loads it."""
    from rapidfuzz import process
    from rapidfuzz.distance import Indel

    return process, Indel


def __getattr__(name: str):
    """`duplicates.process` and `duplicates.Indel` as before the import was made lazy."""
    if name in ("process", "Indel"):
        return _rapidfuzz()[name == "Indel"]
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


THRESHOLD = 0.85  # share of the words alike (Indel similarity) from which two are near-duplicates
# What the pairs found depend on besides the words compared (usercache.py's code key).
CACHE_MODULES = ("checks/quality/duplicates.py",)
CACHE_PACKAGES = ("rapidfuzz",)

def _words(text: str, stopwords: frozenset[str]) -> list[str]:
    return [w for w in tokens(text) if w not in stopwords]


def _tag_repeats(seq: list[str]) -> list[str]:
    seen: dict[str, int] = {}
    out = []
    for w in seq:
        k = seen[w] = seen.get(w, 0) + 1
        out.append(w if k == 1 else f"{w}#{k}")
    return out


def pairs(statements: list[str], stopwords: frozenset[str], threshold: float = THRESHOLD,
          words: list[list[str]] | None = None) -> list[tuple[int, int, float]]:
    """(i, j, similarity) with i < j for every pair at or above `threshold`. `words`: the
    statements' tokens, when the caller has them already."""
    seqs = [[w for w in seq if w not in stopwords] for seq in words] if words is not None \
        else [_words(text, stopwords) for text in statements]
    # Each word as one character, so that RapidFuzz compares short strings (its fastest path).
    vocab = {w: chr(k + 0x100 if k + 0x100 < 0xD800 else k + 0x900)  # no surrogates
             for k, w in enumerate(dict.fromkeys(chain.from_iterable(seqs)))}
    encoded = ["".join(map(vocab.__getitem__, seq)) for seq in seqs]
    # A word's second occurrence is a token of its own ("data#2"), so that the tokens of a
    # statement are a set and the overlap bound below holds.
    tagged = [list(seq) if len(set(seq)) == len(seq) else _tag_repeats(seq) for seq in seqs]
    freq = Counter(chain.from_iterable(tagged))
    rank = {t: r for r, t in enumerate(sorted(freq, key=freq.__getitem__))}  # rarest first
    # Statements are taken shortest first. Of two statements x (later) and y (earlier,
    # so not longer), Indel similarity >= t needs an overlap of t(|x|+|y|)/2 words, which
    # is at least t|y| and at least t/(2-t)|x|. So y need only be filed under its first
    # |y| - ceil(t|y|) + 1 words, and x looked up by its first |x| - ceil(t/(2-t)|x|) + 1:
    # if the overlap is reached, these two prefixes share a word (AllPairs, Bayardo et al.
    # 2007). Words common to many statements sort last and are rarely filed at all.
    probe_share = threshold / (2 - threshold)
    index: dict[str, list[int]] = {}
    out = []
    for i in sorted(range(len(tagged)), key=lambda i: len(tagged[i])):
        tags = tagged[i]
        n = len(tags)
        if n == 0:
            continue
        tags.sort(key=rank.__getitem__)
        candidates: set[int] = set()
        for t in tags[:n - math.ceil(probe_share * n - 1e-9) + 1]:
            bucket = index.get(t)
            if bucket:
                candidates.update(bucket)
        for t in tags[:n - math.ceil(threshold * n - 1e-9) + 1]:
            index.setdefault(t, []).append(i)
        if not candidates:
            continue
        ordered = list(candidates)
        process, Indel = _rapidfuzz()
        # One call scores them all (in C); the length difference rejects most at once.
        for _, score, k in process.extract(encoded[i], [encoded[j] for j in ordered],
                                           scorer=Indel.normalized_similarity,
                                           score_cutoff=threshold, limit=None):
            j = ordered[k]
            out.append((min(i, j), max(i, j), score))
    return sorted(out)


MAX_NAMED = 3  # partners a finding names; the rest are counted


def cached_pairs(seqs: list[list[str]], threshold: float, cache) -> list[tuple[int, int, float]]:
    """`pairs` of statements already split into words (stop words left out), from `cache` (a
    usercache.ContentCache, or None) when these very words were scored before."""
    if cache is None or cache.path is None:  # no cache, or caching off
        return pairs([], frozenset(), threshold, words=seqs)
    from ...usercache import content_key

    key = content_key(json.dumps([threshold, seqs], ensure_ascii=False).encode())
    kept = cache.get(key)
    if isinstance(kept, list):
        return [(a, b, score) for a, b, score in kept]
    found = pairs([], frozenset(), threshold, words=seqs)
    cache.put(key, [list(p) for p in found])
    return found


def partners(statements: list[str], stopwords: frozenset[str], words: list[list[str]] | None = None,
             threshold: float = THRESHOLD, cache=None) -> dict[int, tuple[list[tuple[int, float]], int]]:
    """For each statement that has near-duplicates: (up to MAX_NAMED of them as (index,
    similarity), best first, then in reading order; how many there are in all).

    Statements with the same words (the same requirement pasted many times) are one group:
    only one of each group is compared (`pairs`), and a group is counted, not listed, so
    5,000 copies of one statement cost one comparison and 5,000 findings, not 12.5 million.
    `cache`: where the pairs found are kept between runs (see `cached_pairs`)."""
    seqs = [[w for w in seq if w not in stopwords] for seq in words] if words is not None \
        else [_words(text, stopwords) for text in statements]
    groups: dict[tuple[str, ...], list[int]] = {}
    for i, seq in enumerate(seqs):
        groups.setdefault(tuple(seq), []).append(i)
    reps = [members for key, members in groups.items() if key]  # an empty statement is no duplicate
    linked: dict[int, list[tuple[int, float]]] = {}  # group -> [(other group, similarity)]
    for a, b, score in cached_pairs([seqs[m[0]] for m in reps], threshold, cache):
        linked.setdefault(a, []).append((b, score))
        linked.setdefault(b, []).append((a, score))
    out = {}
    for g, members in enumerate(reps):
        others = sorted(linked.get(g, []), key=lambda x: (-x[1], reps[x[0]][0]))
        total_cross = sum(len(reps[h]) for h, _ in others)
        for i in members:
            named: list[tuple[int, float]] = []
            for m in members:  # the same words: alike in full
                if len(named) == MAX_NAMED:
                    break
                if m != i:
                    named.append((m, 1.0))
            for h, score in others:
                for m in reps[h]:
                    if len(named) == MAX_NAMED:
                        break
                    named.append((m, score))
                if len(named) == MAX_NAMED:
                    break
            total = len(members) - 1 + total_cross
            if total:
                out[i] = (named, total)
    return out


def check(ctx: Context) -> Iterable[Finding]:
    from ...usercache import ContentCache

    statements = ctx.statements
    cache = ContentCache.open("similar", ctx.project.root, CACHE_MODULES, CACHE_PACKAGES)
    found = partners([st.text for st in statements], ctx.lex.stopwords,
                     words=[st.tokens for st in statements], cache=cache)
    cache.save()
    for i, (named, total) in sorted(found.items()):
        me = statements[i]
        if total == 1:
            (j, score), = named
            message = (f"{me.req.id} is a near-duplicate of {statements[j].req.id}: {score:.0%} of "
                       f"their words are alike")
        else:
            listed = ", ".join(f"{statements[j].req.id} ({score:.0%} of the words alike)"
                               for j, score in named)
            more = f" and {total - len(named)} more" if total > len(named) else ""
            message = f"{me.req.id} is a near-duplicate of {total} requirements: {listed}{more}"
        fix = ("merge the two (withdraw one, with replaced_by), or reword one to say what only it requires"
               if total == 1 else
               "merge them (withdraw all but one, with replaced_by), or reword each to say what only it requires")
        yield Finding(me.req.id, Diagnostic.at("QLT009", ctx.locate.statement(me.req), message, fix=fix))
