"""Python's cycle collector paused while long-lived data is built (loading, the quality rules)."""

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
