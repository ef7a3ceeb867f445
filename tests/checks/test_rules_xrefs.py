"""XRF: citations of WIPO standards (in the registry and the text), {req} and {para}."""

from __future__ import annotations

import pytest
from conftest import line_of, problems, replace_in
from rulehelp import GENERAL, REGISTRY, col_of, of, one, where

CITATION = "{st}`ST.96 Annex III`"


def cite_in_text(mini, citation):
    """Replace the mini standard's one {st} citation; returns its (line, col)."""
    path = mini / GENERAL
    replace_in(path, CITATION, citation)
    line = line_of(path, citation)
    return line, col_of(path, line, citation)


TEXT_CASES = [
    ("{st}`ST.999`", "XRF001", "ST.999 is not a WIPO standard in the catalogue (known: ST.2, ST.3, ST.9"),
    ("{st}`ST.96 Annex IX`", "XRF002", "ST.96 has no part 'Annex IX' in the catalogue (its parts: Annex I, "),
    ("{st}`ST.90 [XYZ]`", "XRF003", "'XYZ' is not a rule identifier of ST.90"),
    ("{st}`ST.3 [A-1]`", "XRF003", "ST.3 has no known rule identifiers"),
    ("{st}`ST.32`", "XRF004", "ST.32 is superseded; its successor is ST.36"),
    ("{st}`ST.96 v4.0`", "XRF005", "ST.96 v4.0 is older than the current version 9.0"),
    ("{st}`ST.96 v3.5`", "XRF006", "ST.96 has no version 3.5 in the catalogue (known: 2.1, 2.2, 4.0"),
    ("{st}`96`", "XRF010", "'96' is not a citation of the form ST.<n>[ v<version>][ <part>][ [<rule>]]"),
    ("{st}`ST.96 Annex III [GD-1`", "XRF010", "is not a citation of the form"),
]


@pytest.mark.parametrize("citation,code,message", TEXT_CASES, ids=[c[0] for c in TEXT_CASES])
def test_citation_in_the_text(mini, citation, code, message):
    line, col = cite_in_text(mini, citation)
    d = one(mini, code)
    assert where(d) == (code, GENERAL, line, col)
    assert message in d.message
    assert [p for p in problems(mini) if p[0] != code] == []


def test_full_grammar_resolves(mini):
    cite_in_text(mini, "{st}`ST.96 v9.0 Annex III [GD-12]` and {st}`ST.90 RESTful Web API [RSG-01]`")
    assert problems(mini) == []


REGISTRY_CASES = [
    ("      - standard: ST.96\n        part: Annex III\n", "      - standard: ST.999\n", "XRF001", "ST.999 is not"),
    ("part: Annex III", "part: Annex IX", "XRF002", "ST.96 has no part 'Annex IX'"),
    ("      - standard: ST.90\n", "      - standard: ST.90\n        rule: XYZ\n", "XRF003", "'XYZ' is not a rule identifier of ST.90"),
    ("      - standard: ST.90\n", "      - standard: ST.32\n", "XRF004", "ST.32 is superseded"),
    ("part: Annex III", 'part: Annex III\n        version: "4.0"', "XRF005", "older than the current version 9.0"),
    ("part: Annex III", 'part: Annex III\n        version: "3.5"', "XRF006", "ST.96 has no version 3.5"),
]


@pytest.mark.parametrize("old,new,code,message", REGISTRY_CASES, ids=[c[2] for c in REGISTRY_CASES])
def test_citation_in_the_registry_is_reported_at_the_reference(mini, old, new, code, message):
    reg = mini / REGISTRY
    replace_in(reg, old, new)
    field = {"XRF002": "part", "XRF003": "rule", "XRF005": "version", "XRF006": "version"}.get(code)
    d = one(mini, code)
    if field is None:  # the standard itself is at fault: the reference's first line
        standard = new.split("standard: ")[1].split()[0]
        assert where(d) == (code, REGISTRY, line_of(reg, f"- standard: {standard}"), 9)
    else:  # the field at fault, at its value
        line = line_of(reg, f"        {field}: {new.split(field + ': ')[1].split()[0]}")
        assert where(d) == (code, REGISTRY, line, len(f"        {field}: ") + 1)
    assert message in d.message


def test_unknown_requirement(mini):
    path = mini / GENERAL
    replace_in(path, "{req}`IPDX-FMT-001`", "{req}`IPDX-FMT-999`")
    line = line_of(path, "IPDX-FMT-999")
    d = one(mini, "XRF007")
    assert where(d) == ("XRF007", GENERAL, line, col_of(path, line, "{req}"))
    assert d.message == "{req} names IPDX-FMT-999, which is not in the registry"


def test_unknown_paragraph_label(mini):
    path = mini / GENERAL
    replace_in(path, "Paragraph {para}`para-terms`", "Paragraph {para}`no-such-label`")
    line = line_of(path, "no-such-label")
    d = one(mini, "XRF008")
    assert where(d) == ("XRF008", GENERAL, line, col_of(path, line, "{para}"))
    assert "'no-such-label': no paragraph has that label or number" in d.message


def test_paragraph_by_number(mini):
    path = mini / GENERAL
    replace_in(path, "Paragraph {para}`para-terms`", "Paragraph {para}`2`")
    assert problems(mini) == []
    replace_in(path, "Paragraph {para}`2`", "Paragraph {para}`9`")
    assert [p[0] for p in problems(mini)] == ["XRF008"]


def test_unverified_fact_is_one_note_per_standard(mini):
    path = mini / GENERAL
    replace_in(path, CITATION, CITATION + ", " + CITATION + " and {st}`ST.26`")
    notes = of(mini, "XRF009")
    assert all(d.severity == "note" for d in notes)
    # ST.96 and ST.90 are first cited in the registry, ST.26 only in the text.
    assert sorted(d.message.split(":")[0] for d in notes) == ["ST.26", "ST.90", "ST.96"]
    st26 = next(d for d in notes if d.message.startswith("ST.26"))
    line = line_of(path, "{st}`ST.26`")
    assert where(st26) == ("XRF009", GENERAL, line, col_of(path, line, "{st}`ST.26`"))
    assert "not yet verified (title, current_version, versions)" in st26.message
    assert problems(mini) == []  # a note does not fail the check


def test_reference_to_a_withdrawn_requirement(mini):
    path = mini / GENERAL
    replace_in(path, "{req}`IPDX-FMT-001`", "{req}`IPDX-DLV-003`")
    line = line_of(path, "IPDX-DLV-003")
    d = one(mini, "XRF011")
    assert (where(d), d.severity) == (("XRF011", GENERAL, line, col_of(path, line, "{req}")), "warning")
    assert d.message == "IPDX-DLV-003 is withdrawn"


def test_withdrawn_reference_names_the_replacement(mini):
    replace_in(mini / REGISTRY, '    withdrawn_in: "0.1"', '    withdrawn_in: "0.1"\n    replaced_by: IPDX-DLV-002')
    replace_in(mini / GENERAL, "{req}`IPDX-FMT-001`", "{req}`IPDX-DLV-003`")
    assert one(mini, "XRF011").message == "IPDX-DLV-003 is withdrawn; it is replaced by IPDX-DLV-002"


def test_replaced_by_an_unknown_requirement(mini):
    reg = mini / REGISTRY
    replace_in(reg, '    withdrawn_in: "0.1"', '    withdrawn_in: "0.1"\n    replaced_by: IPDX-DLV-009')
    d = one(mini, "XRF012")
    assert where(d) == ("XRF012", REGISTRY, line_of(reg, "replaced_by:"), len("    replaced_by: ") + 1)
    assert d.message == "IPDX-DLV-003 is replaced by IPDX-DLV-009, which is not in the registry"


def test_roles_inside_inline_code_are_mentions(mini):
    path = mini / GENERAL
    with path.open("a", encoding="utf-8") as f:
        f.write("\nWrite ``{st}`ST.999` `` or ``{req}`IPDX-XXX-000` `` to cite.\n")
    assert problems(mini) == []
