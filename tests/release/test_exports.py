"""The registry exports on their own: accents, commas and quotes survive CSV and JSON."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from conftest import replace_in

from stkit.project import FsTree, load_project
from stkit.registry import load_registry
from stkit.release.exports import CSV_COLUMNS, registry_json, requirements_csv

SCHEMA = Path(__file__).resolve().parents[2] / "tools" / "stkit" / "schema" / "registry.schema.json"

TITLE = 'Délai de préavis, "six mois"'


def test_csv_keeps_accents_commas_and_quotes(mini):
    replace_in(mini / "requirements_registry.yaml", "title: Notice before discontinuation",
               f"title: '{TITLE}'")
    raw = requirements_csv(load_project(FsTree(mini)).registry)
    assert raw.startswith("\ufeff".encode("utf-8"))
    assert b'"D\xc3\xa9lai de pr\xc3\xa9avis, ""six mois"""' in raw  # quoted, quotes doubled
    assert b',shall,technical,1,' in raw  # plain cells stay unquoted
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    assert [r[1] for r in rows if r[0] == "IPDX-DLV-001"] == [TITLE]
    assert all(len(r) == len(CSV_COLUMNS) for r in rows)


def test_csv_has_one_column_per_registry_field_in_one_header_style():
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    fields = list(schema["$defs"]["requirement"]["properties"])
    assert list(CSV_COLUMNS) == fields
    assert {"applies_to", "rationale", "since", "withdrawn_in", "replaced_by"} <= set(CSV_COLUMNS)


def test_csv_round_trips_every_field_of_every_requirement(mini):
    """Read back as a spreadsheet user would (csv.DictReader on the file), every row gives the
    registry's values: lists split on '; ', empty cells for absent fields, the level a number."""
    replace_in(mini / "requirements_registry.yaml", 'withdrawn_in: "0.1"',
               'withdrawn_in: "0.1"\n    replaced_by: IPDX-DLV-001')
    registry = load_project(FsTree(mini)).registry
    assert any(r.withdrawn_in and r.replaced_by for r in registry.requirements)
    assert any(r.applies_to for r in registry.requirements) and any(r.rationale for r in registry.requirements)
    raw = requirements_csv(registry)
    read = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    assert [row["id"] for row in read] == [r.id for r in registry.requirements]
    for row, req in zip(read, registry.requirements):
        def listed(name):
            return row[name].split("; ") if row[name] else []
        assert row["title"] == req.title and row["statement"] == " ".join(req.statement.split())
        assert (row["obligation"], row["category"], int(row["level"]) if row["level"] else None, row["status"]) == (
            req.obligation, req.category, req.level, req.status)
        assert listed("references") == [str(ref) for ref in req.references]
        assert listed("ip5") == req.ip5 and listed("challenges") == req.challenges
        for name in ("applies_to", "since", "withdrawn_in", "replaced_by"):
            assert row[name] == (getattr(req, name) or ""), name
        assert row["rationale"] == " ".join((req.rationale or "").split())
        assert row["withdrawn_reason"] == " ".join((req.withdrawn_reason or "").split())


def test_json_keeps_accents_as_text(mini):
    replace_in(mini / "requirements_registry.yaml", "title: Notice before discontinuation",
               f"title: '{TITLE}'")
    doc = load_registry((mini / "requirements_registry.yaml").read_bytes()).doc
    text = registry_json(doc.data).decode("utf-8")
    assert "Délai de préavis" in text and "\\u00e9" not in text
    assert list(json.loads(text)) == sorted(json.loads(text))
