"""The registry exports on their own: accents, commas and quotes survive CSV and JSON."""

from __future__ import annotations

import csv
import io
import json

from conftest import replace_in

from stkit.project import FsTree, load_project
from stkit.registry import load_registry
from stkit.release.exports import registry_json, requirements_csv

TITLE = 'Délai de préavis, "six mois"'


def test_csv_keeps_accents_commas_and_quotes(mini):
    replace_in(mini / "requirements_registry.yaml", "title: Notice before discontinuation",
               f"title: '{TITLE}'")
    raw = requirements_csv(load_project(FsTree(mini)).registry)
    assert raw.startswith("\ufeff".encode("utf-8"))
    assert b'"D\xc3\xa9lai de pr\xc3\xa9avis, ""six mois"""' in raw  # quoted, quotes doubled
    assert b'IPDX-FMT-001,shall,technical,1,active,' in raw  # plain cells stay unquoted
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    assert [r[5] for r in rows if r[0] == "IPDX-DLV-001"] == [TITLE]
    assert all(len(r) == 10 for r in rows)


def test_json_keeps_accents_as_text(mini):
    replace_in(mini / "requirements_registry.yaml", "title: Notice before discontinuation",
               f"title: '{TITLE}'")
    doc = load_registry((mini / "requirements_registry.yaml").read_bytes()).doc
    text = registry_json(doc.data).decode("utf-8")
    assert "Délai de préavis" in text and "\\u00e9" not in text
    assert list(json.loads(text)) == sorted(json.loads(text))
