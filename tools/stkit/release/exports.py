"""The registry in the bundle: as JSON (the data as loaded) and the requirements as CSV."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from ..model import Registry

# Every field of a requirement (tools/stkit/schema/registry.schema.json), headed by its name
# in the registry, in the schema's order: one header style, and a user who filters a
# spreadsheet on `applies_to` or `withdrawn_in` finds the name the documentation uses. Lists
# are joined with "; "; an absent field is an empty cell.
CSV_COLUMNS = ("id", "title", "statement", "obligation", "category", "level", "applies_to",
               "references", "ip5", "challenges", "status", "rationale", "since",
               "withdrawn_in", "withdrawn_reason", "replaced_by", "waivers")
JOIN = "; "


def registry_json(data: Any) -> bytes:
    """The registry's data exactly as loaded: keys sorted, UTF-8 kept as text, 2-space
    indents, one trailing newline."""
    return (json.dumps(data, sort_keys=True, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def requirements_rows(registry: Registry) -> list[list[str]]:
    rows = [list(CSV_COLUMNS)]
    for req in registry.requirements:
        rows.append([
            req.id, _one_line(req.title), _one_line(req.statement), req.obligation, req.category,
            "" if req.level is None else str(req.level), req.applies_to or "", JOIN.join(str(ref) for ref in req.references),
            JOIN.join(req.ip5), JOIN.join(req.challenges), req.status, _one_line(req.rationale or ""),
            req.since or "", req.withdrawn_in or "", _one_line(req.withdrawn_reason or ""),
            req.replaced_by or "", JOIN.join(f"{w.code}: {_one_line(w.reason)}" for w in req.waivers),
        ])
    return rows


def requirements_csv(registry: Registry) -> bytes:
    """One row per requirement of the registry (withdrawn ones too, with their status), in
    registry order. RFC 4180: CRLF line ends, quotes only where needed; UTF-8 with a BOM so
    that Excel reads the accents right."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
    writer.writerows(requirements_rows(registry))
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def _one_line(text: str) -> str:
    return " ".join(text.split())
