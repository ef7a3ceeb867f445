"""QLT: the quality of each requirement, read as a delegate reads it. One module per rule:

- obligations.py  QLT001 one obligation per statement
- wording.py      QLT002 vague terms, QLT003 escape clauses, QLT004 open ends (words.yaml)
- subject.py      QLT005 the subject is an actor the glossary defines
- passive.py      QLT006 a passive with no agent
- levels.py       QLT007 a permission carries no level, QLT008 level below a dependency
- duplicates.py   QLT009 near-duplicates (RapidFuzz)
- coherence.py    QLT010/QLT011 each level binds each role it applies to by a 'shall'
- terms.py        QLT012 candidate undefined terms (notes)
- waivers.py      QLT013/QLT014 waivers in the registry

Every rule reads the active requirements' statements as statement.py splits them; the
word lists are data (words.yaml). docs/quality.md says what each rule reads and why.
"""

from __future__ import annotations

from typing import Iterable

from ...diagnostics import Diagnostic
from ...project import Project
from ...gcpause import gc_paused
from . import coherence, duplicates, levels, obligations, passive, subject, terms, wording
from .context import Context
from .waivers import apply

RULES = (obligations, wording, subject, passive, levels, duplicates, coherence, terms)


def check(project: Project) -> Iterable[Diagnostic]:
    # The rules allocate a few objects per statement that all live until the end; Python's
    # cycle collector walking them again and again was a third of their time at 10,000
    # requirements. As for loading (gcpause.py), it waits until they are done.
    with gc_paused():
        ctx = Context.of(project)
        return list(apply(ctx, (finding for rule in RULES for finding in rule.check(ctx))))
