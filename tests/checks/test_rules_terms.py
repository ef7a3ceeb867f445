"""TRM: defined terms (the glossary of 01-general defines data provider, data recipient,
data set)."""

from __future__ import annotations

import pytest
from conftest import line_of, problems, replace_in
from rulehelp import GENERAL, REGISTRY, REQUIREMENTS, append, col_of, of, one, where


def test_unused_term(mini):
    path = mini / GENERAL
    replace_in(path, "data set\n  A collection", "data carrier\n  A collection")
    d = one(mini, "TRM001")
    assert (where(d), d.severity) == (("TRM001", GENERAL, line_of(path, "data carrier"), 1), "warning")
    assert d.message == "the defined term 'data carrier' is never used"


@pytest.mark.parametrize("variant,term", [
    ("dataset", "data set"),
    ("data-provider", "data provider"),
    ("datasets", "data set"),
])
def test_variant_spelling(mini, variant, term):
    path = mini / REQUIREMENTS
    append(path, f"\n6. Each {variant} is listed.\n")
    line = line_of(path, f"Each {variant}")
    d = one(mini, "TRM002")
    assert (where(d), d.severity) == (("TRM002", REQUIREMENTS, line, col_of(path, line, variant)), "warning")
    assert d.message == f"'{variant}' is a variant of the defined term '{term}'"
    assert d.fix == f"write '{term}'"


def test_case_and_plural_are_not_variants(mini):
    append(mini / REQUIREMENTS, "\n6. Data Set descriptions list the Data Providers and data sets.\n")
    assert problems(mini) == []


def test_hyphenated_prefix_is_a_variant(mini):
    path = mini / GENERAL
    replace_in(path, "data set\n  A collection", "data exchange coordinator\n  A person who coordinates.\n\n"
                                                "data set\n  A collection")
    append(mini / REQUIREMENTS, "\n6. The data exchange co-ordinator meets the data exchange coordinator.\n")
    d = one(mini, "TRM002")
    line = line_of(mini / REQUIREMENTS, "co-ordinator")
    assert where(d) == ("TRM002", REQUIREMENTS, line, col_of(mini / REQUIREMENTS, line, "data exchange co-"))
    assert d.message == "'data exchange co-ordinator' is a variant of the defined term 'data exchange coordinator'"


def test_variant_in_inline_code_is_not_reported(mini):
    append(mini / REQUIREMENTS, "\n6. The field `dataset` keeps its name.\n")
    assert problems(mini) == []


def test_variant_in_the_registry_is_reported_at_the_field(mini):
    reg = mini / REGISTRY
    replace_in(reg, "title: Web API delivery", "title: Web API delivery to a dataprovider")
    d = one(mini, "TRM002")
    assert where(d) == ("TRM002", REGISTRY, line_of(reg, "to a dataprovider"), len("    title: ") + 1)
    assert d.message == "'dataprovider' is a variant of the defined term 'data provider'"


def test_undefined_term(mini):
    path = mini / REQUIREMENTS
    # Sphinx looks a term up as written, lowercased: a plural is not the defined term.
    append(path, "\n6. A {term}`data sett` and {term}`sets <data sets>`.\n")
    line = line_of(path, "data sett")
    found = of(mini, "TRM003")
    assert [where(d) for d in found] == [
        ("TRM003", REQUIREMENTS, line, col_of(path, line, "{term}`data sett`")),
        ("TRM003", REQUIREMENTS, line, col_of(path, line, "{term}`sets")),
    ]
    assert found[0].message == "{term} names 'data sett', which the glossary does not define"
    assert found[1].message == "{term} names 'data sets', which the glossary does not define"


def test_term_role_with_explicit_target_and_case(mini):
    append(mini / REQUIREMENTS, "\n6. A {term}`set <data set>` and a {term}`Data Set`.\n")
    assert problems(mini) == []


def test_term_defined_twice(mini):
    append(mini / REQUIREMENTS, "\n```{glossary}\nData Set\n  Again.\n```\n")
    first = (mini / GENERAL).read_text().split("\n").index("data set") + 1
    d = one(mini, "TRM004")
    assert where(d) == ("TRM004", REQUIREMENTS, line_of(mini / REQUIREMENTS, "Data Set"), 1)
    assert d.message == f"'Data Set' is defined again (first at {GENERAL}:{first})"
