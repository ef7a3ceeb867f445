"""REQ: the registry and the text agree (placements, keywords and obligations, accidental
keywords in informative text)."""

from __future__ import annotations

import pytest
from conftest import line_of, problems, replace_in
from rulehelp import GENERAL, REGISTRY, REQUIREMENTS, append, col_of, of, one, where

PLACE_DLV_002 = "```{requirement} IPDX-DLV-002\n```\n"


def test_unplaced_requirement(mini):
    reg = mini / REGISTRY
    replace_in(mini / REQUIREMENTS, PLACE_DLV_002, "")
    d = one(mini, "REQ001")
    assert where(d) == ("REQ001", REGISTRY, line_of(reg, "id: IPDX-DLV-002"), 9)
    assert d.message == "IPDX-DLV-002 is active but placed nowhere in the text"
    assert "{requirement} IPDX-DLV-002" in d.fix


def test_withdrawn_requirement_need_not_be_placed(mini):
    assert "IPDX-DLV-003" not in (mini / REQUIREMENTS).read_text()
    assert of(mini, "REQ001") == []


def test_placed_twice(mini):
    general = mini / GENERAL
    append(general, "\n" + PLACE_DLV_002)
    first = line_of(general, "{requirement} IPDX-DLV-002")
    d = one(mini, "REQ002")
    # 01-general comes first in reading order, so the placement in 02 is the second one.
    assert where(d) == ("REQ002", REQUIREMENTS, line_of(mini / REQUIREMENTS, "IPDX-DLV-002"), 1)
    assert d.message == f"IPDX-DLV-002 is placed again (first at {GENERAL}:{first})"


def test_unknown_placement(mini):
    append(mini / GENERAL, "\n```{requirement} IPDX-DLV-009\n```\n")
    d = one(mini, "REQ003")
    assert where(d) == ("REQ003", GENERAL, line_of(mini / GENERAL, "IPDX-DLV-009"), 1)
    assert d.message == "IPDX-DLV-009 is placed here but is not in the registry"


def test_withdrawn_placed(mini):
    append(mini / GENERAL, "\n```{requirement} IPDX-DLV-003\n```\n")
    d = one(mini, "REQ004")
    assert where(d) == ("REQ004", GENERAL, line_of(mini / GENERAL, "IPDX-DLV-003"), 1)
    assert d.message == "IPDX-DLV-003 is withdrawn (in 0.1) and cannot be placed"


@pytest.mark.parametrize("statement,message", [
    ("A data provider shall offer a Web API that follows ST.90.",
     'the statement uses "shall" but its obligation is \'may\'; it needs exactly one "may"'),
    ("A data provider may offer, and should offer, a Web API that follows ST.90.",
     'the statement uses "may", "should" but its obligation is \'may\''),
    ("A data provider offers a Web API that follows ST.90.",
     "the statement has no normative keyword; its obligation 'may' needs \"may\""),
    ("A data provider must offer a Web API that follows ST.90.",
     'the statement uses "must" but its obligation is \'may\''),
], ids=["wrong", "two", "none", "must"])
def test_keyword_and_obligation(mini, statement, message):
    reg = mini / REGISTRY
    replace_in(reg, "statement: A data provider may offer a Web API that follows ST.90.", f"statement: {statement}")
    d = one(mini, "REQ005")
    assert where(d) == ("REQ005", REGISTRY, line_of(reg, statement), len("    statement: ") + 1)
    assert d.message.startswith(f"IPDX-DLV-002: {message}")


def test_withdrawn_statement_is_not_checked(mini):
    replace_in(mini / REGISTRY, "statement: A data provider shall not deliver", "statement: A data provider does not deliver")
    assert problems(mini) == []


def accidental(mini, text):
    """Append `text` as a new last paragraph of 02-requirements; the REQ006 findings on it."""
    path = mini / REQUIREMENTS
    append(path, "\n" + text + "\n")
    return [(d.line, d.col, d.message) for d in of(mini, "REQ006")], path


def test_accidental_keyword_at_its_column(mini):
    found, path = accidental(mini, "6. The provider should check the data; it MUST.")
    line = line_of(path, "provider should")
    assert found == [(line, col_of(path, line, "should"), "normative keyword 'should' in informative text"),
                     (line, col_of(path, line, "MUST"), "normative keyword 'MUST' in informative text")]
    d = of(mini, "REQ006")[0]
    assert (d.severity, d.path) == ("warning", REQUIREMENTS)
    assert "is expected to" in d.fix and "{kw}`should`" in d.fix


@pytest.mark.parametrize("text", [
    "6. {kw}`should` is the keyword of a recommendation.",
    "6. Write `should` only in a statement.",
    '6. The words "shall", "should" and \'may\' are keywords.',
    "```{template}\nThe Provider shall deliver the data. The Recipient may ask.\n```",
    "````{template}\n```{note}\nThe Recipient may ask.\n```\n````",
    "```{glossary}\nkeyword\n  A word such as shall that a requirement uses.\n```\n\n6. A keyword.",
    "```text\nshould\n```",
    "6. See [the page](https://example.org/what-you-should-know) of 1 May 2026, written in May 2026.",
    "% an editor's comment: this should move",
], ids=["kw-role", "inline-code", "quotes", "template", "note-in-template", "glossary", "code-block",
        "address-and-month", "comment"])
def test_keyword_mentions_are_not_flagged(mini, text):
    found, _ = accidental(mini, text)
    assert found == []


@pytest.mark.parametrize("text,word", [
    ("```{note}\nOffices may differ.\n```", "may"),
    ("## What an office should do", "should"),
    ("| a | b |\n|---|---|\n| x may | y |", "may"),
    ("6. First line.\n    A continuation that must hold.", "must"),
], ids=["note", "heading", "table", "continuation"])
def test_keywords_in_other_informative_text_are_flagged(mini, text, word):
    found, path = accidental(mini, text)
    assert [m for *_, m in found] == [f"normative keyword '{word}' in informative text"]
    line = found[0][0]
    assert found[0][1] == col_of(path, line, f" {word}") + 1


def test_placement_without_id(mini):
    append(mini / GENERAL, "\n```{requirement}\n```\n")
    d = one(mini, "REQ007")
    assert where(d) == ("REQ007", GENERAL, line_of(mini / GENERAL, "{requirement}"), 1)
    assert d.message == "a {requirement} directive without an ID"


def test_placement_with_content(mini):
    path = mini / REQUIREMENTS
    replace_in(path, PLACE_DLV_002, "```{requirement} IPDX-DLV-002\nA data provider may offer a Web API.\n```\n")
    d = one(mini, "REQ007")
    assert where(d) == ("REQ007", REQUIREMENTS, line_of(path, "A data provider may offer"), 1)
    assert "takes no content" in d.message
    assert of(mini, "REQ006") == []  # the content is reported once, as a bad placement


def test_placement_with_two_ids(mini):
    path = mini / REQUIREMENTS
    replace_in(path, PLACE_DLV_002, "```{requirement} IPDX-DLV-002 IPDX-DLV-001\n```\n")
    d = one(mini, "REQ007")
    assert where(d) == ("REQ007", REQUIREMENTS, line_of(path, "IPDX-DLV-002 IPDX-DLV-001"), 1)
    assert d.message == "a {requirement} directive takes exactly one ID, not 'IPDX-DLV-002 IPDX-DLV-001'"
    assert of(mini, "REQ003") == []


def test_placement_options_are_not_content(mini):
    replace_in(mini / REQUIREMENTS, PLACE_DLV_002, "```{requirement} IPDX-DLV-002\n:class: wide\n```\n")
    assert problems(mini) == []
