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
compared.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from typing import Iterable

from rapidfuzz.distance import Indel

from ...diagnostics import Diagnostic
from .context import Context, Finding

THRESHOLD = 0.85  # share of the words alike (Indel similarity) from which two are near-duplicates
_TOKEN = re.compile(r"[a-z0-9]+(?:[.'’-][a-z0-9]+)*")


def _words(text: str, stopwords: frozenset[str]) -> list[str]:
    return [w for w in _TOKEN.findall(text.lower()) if w not in stopwords]


def pairs(statements: list[str], stopwords: frozenset[str], threshold: float = THRESHOLD
          ) -> list[tuple[int, int, float]]:
    """(i, j, similarity) with i < j for every pair at or above `threshold`."""
    seqs = [_words(s, stopwords) for s in statements]
    # Each word as one character, so that RapidFuzz compares short strings (its fastest path).
    vocab: dict[str, str] = {}
    encoded, tagged = [], []
    for seq in seqs:
        chars, seen = [], Counter()
        for w in seq:
            if w not in vocab:
                code = len(vocab) + 0x100
                vocab[w] = chr(code + 0x800 if code >= 0xD800 else code)  # no surrogates
            chars.append(vocab[w])
            seen[w] += 1
        encoded.append("".join(chars))
        tagged.append([(w, n) for w in seen for n in range(seen[w])])  # a multiset as a set
    freq = Counter(t for tags in tagged for t in tags)
    ratio = threshold / (2 - threshold)  # the overlap a statement needs, as a share of its length
    index: dict[tuple, list[int]] = {}
    out = []
    for i, tags in enumerate(tagged):
        n = len(tags)
        if n == 0:
            continue
        tags.sort(key=lambda t: (freq[t], t))
        prefix = tags[:n - math.ceil(ratio * n - 1e-9) + 1]
        candidates = set()
        for t in prefix:
            bucket = index.get(t)
            if bucket:
                candidates.update(bucket)
        a = encoded[i]
        for j in sorted(candidates):
            b = encoded[j]
            if min(len(a), len(b)) < ratio * max(len(a), len(b)) - 1e-9:
                continue
            score = Indel.normalized_similarity(a, b, score_cutoff=threshold)
            if score:
                out.append((j, i, score))
        for t in prefix:
            index.setdefault(t, []).append(i)
    return out


def check(ctx: Context) -> Iterable[Finding]:
    statements = ctx.statements
    for i, j, score in pairs([st.text for st in statements], ctx.lex.stopwords):
        for me, other in ((statements[i], statements[j]), (statements[j], statements[i])):
            yield Finding(me.req.id, Diagnostic.at(
                "QLT009", ctx.locate.statement(me.req),
                f"{me.req.id} is a near-duplicate of {other.req.id}: {score:.0%} of their words are alike",
                fix=f"merge the two (withdraw one, with replaced_by), or reword one to say what only it requires"))
