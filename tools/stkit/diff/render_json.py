"""The report as JSON for tools: sorted keys, two-space indent, UTF-8, stable from run to run.

Redlines are lists of `[op, text]` pairs, op being `=` (kept), `-` (deleted) or `+`
(inserted). The keys are documented in docs/review.md; `schema` names their version.
"""

from __future__ import annotations

import json


def render(report: dict) -> str:
    return json.dumps(report, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
