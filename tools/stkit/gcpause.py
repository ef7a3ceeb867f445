"""Python's cycle collector paused while long-lived data is built (loading, the quality rules),
or run less often while a build makes millions of objects that live until it ends."""

from __future__ import annotations

import gc
from contextlib import contextmanager


@contextmanager
def gc_paused():
    """Python's cycle collector off while a file is loaded, and what was loaded moved out of
    its sight afterwards (gc.freeze). Loading allocates hundreds of thousands of nodes, marks
    and values that live until the process ends, none of them garbage; each later burst of
    allocations set the collector walking all of them again, which at 10,000 requirements
    was 1.6 s of a 3.7 s `stkit check`. Reference counting still frees whatever is dropped
    (only a reference cycle among frozen objects would wait for the process to end); the
    collector's state is restored afterwards, even on an error."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if was_enabled:
            gc.enable()


# A build (Sphinx's HTML, WeasyPrint's PDF) allocates millions of objects that stay alive
# until a page or the file is written; with the interpreter's default threshold (700) the
# collector walks that growing heap again and again. Collecting the youngest generation every
# 50,000 allocations instead (as mypy does) takes that to a few percent for a little memory.
GC_THRESHOLD = 50_000


def raise_threshold() -> tuple[int, ...]:
    """The collector's youngest generation collected every GC_THRESHOLD allocations (or less
    often, if it already was); returns the thresholds before, to restore."""
    before = gc.get_threshold()
    gc.set_threshold(max(GC_THRESHOLD, before[0]), *before[1:])
    return before


@contextmanager
def fewer_collections():
    """The collector runs less often inside (raise_threshold), as before after, even on an error."""
    before = raise_threshold()
    try:
        yield
    finally:
        gc.set_threshold(*before)
