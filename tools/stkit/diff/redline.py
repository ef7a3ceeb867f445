"""A word-level redline of two texts: which words were deleted, which inserted.

The result is a list of segments `(op, text)` with op `=` (kept), `-` (deleted) or `+`
(inserted); joining the `=` and `-` texts gives the old text back, the `=` and `+` texts the
new one. Within a changed stretch all deletions come before all insertions, and a lone
space between two changes is folded into them, so "a b c" -> "a x y c" reads
`a [-b-][+x y+] c` rather than a patchwork of one-word edits. A text of a translated build
that went from the English, marked "translation pending", to its translation (or back) is
replaced whole: a word redline across two languages means nothing.
"""

from __future__ import annotations

import difflib
import re
from functools import lru_cache

_TOKEN = re.compile(r"\w+(?:[-'’.]\w+)*|\s+|[^\w\s]")

Segment = tuple[str, str]


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(text)


def normalise(text: str) -> str:
    """Whitespace folded: rewrapping a paragraph is not a rewording."""
    return " ".join(text.split())


def redline(before: str, after: str) -> list[Segment]:
    if _language_switched(before, after):
        # the English (marked pending) replaced by its translation, or back: a word redline
        # across two languages means nothing, so the whole text is replaced
        return [(op, text) for op, text in (("-", normalise(before)), ("+", normalise(after))) if text]
    a, b = tokens(normalise(before)), tokens(normalise(after))
    raw: list[Segment] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            raw.append(("=", "".join(a[i1:i2])))
            continue
        if i2 > i1:
            raw.append(("-", "".join(a[i1:i2])))
        if j2 > j1:
            raw.append(("+", "".join(b[j1:j2])))
    return _group(raw)


@lru_cache(maxsize=1)
def pending_marks() -> tuple[str, ...]:
    """The mark a translated build puts before English it shows for want of a current
    translation, in each language ("[traduction en attente]"; translation/words/*.yaml)."""
    from ..translation.languages import HERE, SOURCE_LANGUAGE, words

    return tuple(f"[{words(path.stem)['pending']}]" for path in sorted((HERE / "words").glob("*.yaml"))
                 if path.stem != SOURCE_LANGUAGE)


def _language_switched(before: str, after: str) -> bool:
    """One text shows more blocks in English, marked pending, than the other."""
    if "[" not in before and "[" not in after:
        return False
    return any(before.count(mark) != after.count(mark) for mark in pending_marks())


def _group(raw: list[Segment]) -> list[Segment]:
    # A kept stretch that is only whitespace, between two changes, joins the change.
    merged: list[Segment] = []
    for index, (op, text) in enumerate(raw):
        between = 0 < index < len(raw) - 1 and raw[index - 1][0] != "=" and raw[index + 1][0] != "="
        if op == "=" and between and not text.strip():
            merged += [("-", text), ("+", text)]
        else:
            merged.append((op, text))
    out: list[Segment] = []
    run_del, run_ins = [], []

    def flush() -> None:
        if run_del:
            out.append(("-", "".join(run_del)))
        if run_ins:
            out.append(("+", "".join(run_ins)))
        run_del.clear()
        run_ins.clear()

    for op, text in merged:
        if op == "=":
            flush()
            if out and out[-1][0] == "=":
                out[-1] = ("=", out[-1][1] + text)
            else:
                out.append(("=", text))
        else:
            (run_del if op == "-" else run_ins).append(text)
    flush()
    return [s for s in out if s[1]]


def changed_size(segments: list[Segment]) -> int:
    """How many characters a reader has to look at: the length of the changed text."""
    return sum(len(t) for op, t in segments if op != "=")
