"""QLT: requirement quality. Each test plants one smell in a statement (or a level) of the
mini standard and expects the finding at its registry line and column: the word's own
column when the statement is a scalar on one line, the statement's start when it is folded
over several lines."""

from __future__ import annotations

import pytest
from conftest import findings, line_of, problems, replace_in
from rulehelp import REGISTRY, col_of, of, one, where

FMT_001 = "statement: A data provider shall deliver XML data sets in the format of ST.96."
DLV_001 = "statement: A data provider should give notice before it discontinues a data set."
DLV_002 = "statement: A data provider may offer a Web API that follows ST.90."
START = len("    statement: ") + 1  # the column where a statement's value starts


def plant(mini, statement: str, old: str = FMT_001) -> tuple[int, object]:
    """Replace a statement; return its line and the registry's path."""
    reg = mini / REGISTRY
    replace_in(reg, old, "statement: " + statement)
    return line_of(reg, "statement: " + statement), reg


def qlt(mini) -> list[tuple[str, str, int, int]]:
    return [(d.code, d.path, d.line, d.col) for d in findings(mini) if d.code.startswith("QLT")]


# --- QLT001: one obligation per statement ------------------------------------------------

def test_second_duty_joined_by_and(mini):
    line, reg = plant(mini, "A data provider shall correct the errors it finds and deliver the corrected records.")
    d = one(mini, "QLT001")
    assert (where(d), d.severity) == (("QLT001", REGISTRY, line, col_of(reg, line, "deliver the corrected")), "warning")
    assert d.message == ("IPDX-FMT-001: a second duty under one 'shall': 'deliver the corrected records' "
                         "(besides 'correct')")
    assert d.fix.startswith("give 'deliver ...' a requirement of its own")


def test_list_of_duties_reports_the_second(mini):
    line, reg = plant(mini, "A data provider should present numbers as set out in ST.13, identify kinds "
                            "by the codes of ST.16 and label data with INID codes.", DLV_001)
    d = one(mini, "QLT001")
    assert where(d) == ("QLT001", REGISTRY, line, col_of(reg, line, "identify kinds"))
    assert "'identify kinds by the codes'" in d.message


def test_second_duty_after_a_comma_and(mini):
    line, reg = plant(mini, "A data provider shall validate each file, and publish the result of the validation.")
    assert where(one(mini, "QLT001")) == ("QLT001", REGISTRY, line, col_of(reg, line, "publish the"))


def test_second_duty_with_its_own_keyword(mini):
    line, reg = plant(mini, "A data provider shall deliver the data and shall notify the data recipients.")
    assert where(one(mini, "QLT001")) == ("QLT001", REGISTRY, line, col_of(reg, line, "notify"))
    assert one(mini, "REQ005")  # the second keyword is REQ005's


def test_verb_that_is_also_a_noun_counts_with_an_object(mini):
    line, reg = plant(mini, "A data provider should publish an authority file and update it with each delivery.",
                      DLV_001)
    assert where(one(mini, "QLT001")) == ("QLT001", REGISTRY, line, col_of(reg, line, "update it"))


@pytest.mark.parametrize("statement", [
    "A data provider shall deliver bulk data and incremental updates in the same format.",
    "A data provider shall deliver the records added, changed or deleted since the previous delivery.",
    "A data provider shall report each late delivery to its data recipients and to the shared calendar.",
    "A data provider shall inform the data recipients that receive and redistribute its data of each correction.",
])
def test_one_duty_with_and_is_not_reported(mini, statement):
    plant(mini, statement)
    assert qlt(mini) == []


def test_second_duty_after_a_singular_relative_clause(mini):
    line, reg = plant(mini, "A data provider shall correct the errors that it finds and deliver the corrected records.")
    assert where(one(mini, "QLT001")) == ("QLT001", REGISTRY, line, col_of(reg, line, "deliver the"))


def test_two_verbs_of_one_purpose_are_one_permission(mini):
    plant(mini, "A data provider may use automated tools to detect errors and propose corrections.", DLV_002)
    assert of(mini, "QLT001") == []


# --- QLT002, QLT003, QLT004: listed words --------------------------------------------------

@pytest.mark.parametrize("code,words,kind", [
    ("QLT002", "without delay", "vague term"),
    ("QLT002", "regularly", "vague term"),
    ("QLT002", "in a timely manner", "vague term"),
    ("QLT003", "where possible", "escape clause"),
    ("QLT003", "as far as possible", "escape clause"),
    ("QLT004", "including but not limited to ST.96", "open-ended list"),
])
def test_listed_words_are_reported_at_the_word(mini, code, words, kind):
    line, reg = plant(mini, f"A data provider shall deliver XML data sets {words}.")
    d = one(mini, code)
    assert (where(d), d.severity) == ((code, REGISTRY, line, col_of(reg, line, words)), "warning")
    quoted = words.removesuffix(" ST.96")
    assert d.message.startswith(f"IPDX-FMT-001: {kind} '{quoted}': ")


def test_the_message_gives_the_reason_from_the_word_list(mini):
    plant(mini, "A data provider shall deliver XML data sets, invoices etc. in ST.96.")
    d = one(mini, "QLT004")
    assert d.message == ("IPDX-FMT-001: open-ended list 'etc.': the list has no end; list every case or "
                         "describe the class.")


def test_a_measured_advance_is_not_vague(mini):
    plant(mini, "A data provider shall announce each interruption two weeks in advance.")
    assert of(mini, "QLT002") == []
    plant(mini, "A data provider should announce each interruption in advance.", DLV_001)
    assert len(of(mini, "QLT002")) == 1


def test_a_folded_statement_is_reported_at_its_start(mini):
    reg = mini / REGISTRY
    replace_in(reg, FMT_001, "statement: >-\n      A data provider shall deliver XML data sets\n"
                             "      without delay in the format of ST.96.")
    line = line_of(reg, "statement: >-")
    assert where(one(mini, "QLT002")) == ("QLT002", REGISTRY, line, START)


def test_a_quoted_statement_on_one_line_is_reported_at_the_word(mini):
    reg = mini / REGISTRY
    replace_in(reg, FMT_001, 'statement: "A data provider shall deliver XML data sets regularly."')
    line = line_of(reg, "regularly")
    assert where(one(mini, "QLT002")) == ("QLT002", REGISTRY, line, col_of(reg, line, "regularly"))


def test_a_quoted_statement_with_an_escape_is_reported_at_its_start(mini):
    reg = mini / REGISTRY
    replace_in(reg, FMT_001, 'statement: "A data provider shall deliver XML \\"data\\" sets regularly."')
    line = line_of(reg, "regularly")
    assert where(one(mini, "QLT002")) == ("QLT002", REGISTRY, line, START)


# --- QLT005: the subject is a defined actor -----------------------------------------------

@pytest.mark.parametrize("statement,subject,message", [
    ("The data manager shall approve each delivery.", "The data manager",
     "'The data manager' is a person ('manager'), where the duty belongs to a role"),
    ("An office shall deliver XML data sets in the format of ST.96.", "An office",
     "the subject 'An office' is not an actor that the glossary defines"),
    ("The system shall deliver XML data sets in the format of ST.96.", "The system",
     "the subject 'The system' is not an actor that the glossary defines"),
    ("Each data set shall contain the records of one IP right.", "Each data set",
     "'Each data set' is a defined term, but a thing, not an actor that can act"),
    ("Where a data set is withdrawn, the staff shall tell each data recipient.", "the staff",
     "'the staff' is a person ('staff'), where the duty belongs to a role"),
])
def test_subject_not_an_actor(mini, statement, subject, message):
    line, reg = plant(mini, statement)
    d = one(mini, "QLT005")
    assert (where(d), d.severity) == (("QLT005", REGISTRY, line, col_of(reg, line, subject)), "warning")
    assert d.message == f"IPDX-FMT-001: {message}"
    assert d.fix == ("make one of the defined actors the subject ('data provider', 'data recipient', "
                     "'International Bureau', 'IP office'), or define the actor in the glossary")


@pytest.mark.parametrize("statement", [
    "Data providers shall deliver XML data sets in the format of ST.96.",
    "Each data provider shall deliver XML data sets in the format of ST.96.",
    "A data recipient that redistributes a data set shall name the data provider as its source.",
    "If a delivery fails validation, the data provider shall not release it.",
    "If a delivery fails validation the data provider shall not release it.",
    "An IP office shall deliver XML data sets in the format of ST.96.",
    "The International Bureau shall publish the data sets it receives.",
])
def test_actors_as_subjects_are_not_reported(mini, statement):
    plant(mini, statement)
    assert qlt(mini) == []


# --- QLT006: passive without an agent -----------------------------------------------------

def test_passive_without_agent(mini):
    line, reg = plant(mini, "Each file shall be validated against the schema before delivery.")
    d = one(mini, "QLT006")
    assert (where(d), d.severity) == (("QLT006", REGISTRY, line, col_of(reg, line, "shall be")), "warning")
    assert d.message == "IPDX-FMT-001: passive 'shall be validated' names no agent: validated by whom?"
    assert of(mini, "QLT005") == []  # one finding for one smell


def test_passive_with_an_irregular_participle(mini):
    plant(mini, "Notice should be given before a data set is discontinued.", DLV_001)
    assert "'should be given'" in one(mini, "QLT006").message


def test_an_adjective_after_be_is_no_passive(mini):
    plant(mini, "A data recipient shall be entitled to use the data for examination.")
    assert qlt(mini) == []
    plant(mini, "A data recipient should be notified of each correction.", DLV_001)
    assert [d.code for d in findings(mini) if d.code.startswith("QLT")] == ["QLT006"]


def test_passive_with_an_actor_as_agent_is_not_reported(mini):
    plant(mini, "XML data sets shall be delivered by the data provider in the format of ST.96.")
    assert qlt(mini) == []


# --- QLT007, QLT008: levels ---------------------------------------------------------------

def test_permission_with_a_level(mini):
    reg = mini / REGISTRY
    replace_in(reg, "    obligation: may\n    category: technical\n",
               "    obligation: may\n    category: technical\n    level: 3\n")
    d = one(mini, "QLT007")
    assert (where(d), d.severity) == (("QLT007", REGISTRY, line_of(reg, "level: 3"), len("    level: ") + 1),
                                      "warning")
    assert d.message == ("IPDX-DLV-002 is a permission ('may') but carries level 3: a permission binds no "
                         "office, so it counts towards no level")


def test_a_level_is_still_required_for_shall_and_should(mini):
    reg = mini / REGISTRY
    replace_in(reg, "    category: technical\n    level: 1\n    applies_to", "    category: technical\n    applies_to")
    assert ("REG003", REGISTRY) == problems(mini)[0][:2]


def test_level_below_a_dependency(mini):
    reg = mini / REGISTRY
    replace_in(reg, "    category: coordination\n    level: 1", "    category: coordination\n    level: 2")
    line, _ = plant(mini, "A data provider shall deliver XML data sets in the format of ST.96 "
                          "and as {req}`IPDX-DLV-001` announces.")
    d = one(mini, "QLT008")
    assert (where(d), d.severity) == (("QLT008", REGISTRY, line, col_of(reg, line, "{req}")), "warning")
    assert d.message == ("IPDX-FMT-001 (level 1) depends on IPDX-DLV-001, which is at level 2: an office "
                         "at level 1 would have to meet a level 2 requirement")


# --- QLT009: near-duplicates --------------------------------------------------------------

def test_near_duplicates_are_reported_on_both(mini):
    line, reg = plant(mini, "A data provider should deliver the XML data sets in the format of ST.96.", DLV_001)
    found = sorted(of(mini, "QLT009"), key=lambda d: d.line)
    assert [where(d) for d in found] == [("QLT009", REGISTRY, line_of(reg, FMT_001), START),
                                         ("QLT009", REGISTRY, line, START)]
    assert found[0].message == "IPDX-FMT-001 is a near-duplicate of IPDX-DLV-001: 100% of their words are alike"
    assert found[1].message.startswith("IPDX-DLV-001 is a near-duplicate of IPDX-FMT-001")
    assert found[0].severity == "warning"


def test_statements_on_the_same_topic_are_not_duplicates(mini):
    plant(mini, "A data provider should give notice before it changes the format of a data set.", DLV_001)
    assert of(mini, "QLT009") == []


def test_a_statement_pasted_three_times_gives_one_finding_each_naming_the_others(mini):
    text = "A data provider should deliver the XML data sets in the format of ST.96."
    line, reg = plant(mini, text, DLV_001)
    found = sorted(of(mini, "QLT009"), key=lambda d: d.line)
    assert [where(d) for d in found] == [("QLT009", REGISTRY, line_of(reg, FMT_001), START),
                                         ("QLT009", REGISTRY, line, START)]
    plant(mini, text, DLV_002)
    line2 = [n for n, row in enumerate(reg.read_text(encoding="utf-8").splitlines(), 1) if text in row][-1]
    found = sorted(of(mini, "QLT009"), key=lambda d: d.line)
    assert [where(d) for d in found] == [("QLT009", REGISTRY, line_of(reg, FMT_001), START),
                                         ("QLT009", REGISTRY, line, START), ("QLT009", REGISTRY, line2, START)]
    assert found[0].message == ("IPDX-FMT-001 is a near-duplicate of 2 requirements: IPDX-DLV-001 (100% of the "
                                "words alike), IPDX-DLV-002 (100% of the words alike)")
    assert found[0].fix.startswith("merge them (withdraw all but one")


def test_thousands_of_copies_of_one_statement_are_grouped_not_paired(monkeypatch):
    """5,000 copies of one requirement once made 12.5 million findings (5 GB): a group of the
    same words is compared once, and each copy gets one finding that counts the others."""
    from stkit.checks.quality import duplicates
    scored = []
    extract = duplicates.process.extract
    monkeypatch.setattr(duplicates.process, "extract",
                        lambda query, choices, **kw: scored.extend(choices) or extract(query, choices, **kw))
    texts = ["A data provider shall validate each delivery against its schema."] * 2000
    texts.append("A data provider shall validate every delivery against its schema.")
    found = duplicates.partners(texts, frozenset({"a", "shall"}))
    assert len(found) == 2001
    named, total = found[0]
    assert total == 2000 and [j for j, _ in named] == [1, 2, 3]
    named, total = found[2000]
    assert total == 2000 and [j for j, _ in named] == [0, 1, 2] and named[0][1] < 1
    assert len(scored) <= 2


def test_near_duplicate_search_is_not_pairwise(monkeypatch):
    from stkit.checks.quality import duplicates
    scored = []
    extract = duplicates.process.extract
    monkeypatch.setattr(duplicates.process, "extract",
                        lambda query, choices, **kw: scored.extend(choices) or extract(query, choices, **kw))
    texts = [f"A data provider shall record item {i} of register {i * 7} in book {i * 13}." for i in range(300)]
    texts.append(texts[10].replace("record", "keep"))
    found = duplicates.pairs(texts, frozenset({"a", "shall", "of", "in"}))
    assert [(i, j) for i, j, _ in found] == [(10, 300)]
    assert len(scored) < 300  # comparing every pair would score 45,150


# --- QLT010, QLT011: conformance coherence ------------------------------------------------

def test_level_without_a_mandatory_requirement(mini):
    reg = mini / REGISTRY
    replace_in(reg, FMT_001, FMT_001.replace("shall", "should"))
    replace_in(reg, "    obligation: shall\n    category: technical\n    level: 1\n    applies_to",
               "    obligation: should\n    category: technical\n    level: 1\n    applies_to")
    d = one(mini, "QLT010")
    assert (where(d), d.severity) == (("QLT010", REGISTRY, line_of(reg, "level: 1"), len("    level: ") + 1),
                                      "warning")
    assert d.message == ("level 1 binds a data provider only by recommendations (2: IPDX-FMT-001, "
                         "IPDX-DLV-001): a claim of level 1 as a data provider asks nothing that must be met")
    gap = "conformance_gaps:\n  - level: 1\n    role: provider\n    reason: The fixture has no duty at level 1.\n"
    reg.write_text(reg.read_text(encoding="utf-8") + gap, encoding="utf-8")
    assert of(mini, "QLT010") == [] and of(mini, "QLT011") == []


def test_needless_conformance_gap(mini):
    reg = mini / REGISTRY
    reg.write_text(reg.read_text(encoding="utf-8") + "conformance_gaps:\n  - level: 1\n    role: provider\n"
                   "    reason: Not needed.\n  - level: 2\n    role: recipient\n    reason: Nothing there.\n",
                   encoding="utf-8")
    found = of(mini, "QLT011")
    assert [where(d) for d in found] == [("QLT011", REGISTRY, line_of(reg, "  - level: 1"), 5),
                                         ("QLT011", REGISTRY, line_of(reg, "  - level: 2"), 5)]
    assert found[0].message == ("conformance_gaps lists level 1 for a data provider, but it holds the "
                                "requirement IPDX-FMT-001")
    assert found[1].message == "conformance_gaps lists level 2 for a data recipient, but it binds a data recipient by nothing at all"


# --- QLT012: candidate undefined terms ----------------------------------------------------

@pytest.mark.parametrize("words,term", [
    ("to the Patent Data Portal", "Patent Data Portal"),
    ('as a "frozen record"', "frozen record"),
    ("as a 'frozen record'", "frozen record"),
])
def test_candidate_undefined_term_is_a_note(mini, words, term):
    line, reg = plant(mini, f"A data provider shall deliver XML data sets {words}.")
    d = one(mini, "QLT012")
    assert (where(d), d.severity) == (("QLT012", REGISTRY, line, col_of(reg, line, term)), "note")
    assert d.message == f"IPDX-FMT-001: '{term}' reads as a defined term, but the glossary does not define it"


def test_a_noun_phrase_used_as_a_term_is_a_note(mini):
    reg = mini / REGISTRY
    line, _ = plant(mini, "A data provider shall deliver XML data sets under the terms of exchange.")
    plant(mini, "A data provider should give notice under its terms of exchange.", DLV_001)
    plant(mini, "A data provider may offer data on other terms of exchange.", DLV_002)
    assert of(mini, "QLT012") == []  # two statements use it after an article: not yet a term
    replace_in(reg, "on other terms of exchange.", "on the terms of exchange of another data provider.")
    d = one(mini, "QLT012")
    assert (where(d), d.severity) == (("QLT012", REGISTRY, line, col_of(reg, line, "terms of exchange")), "note")
    assert d.message == ("IPDX-FMT-001: 'terms of exchange' is used as a term in 3 statements (IPDX-FMT-001, "
                         "IPDX-DLV-001, IPDX-DLV-002), but the glossary does not define it")


def test_apostrophes_are_no_quotation(mini):
    plant(mini, "A data provider shall give the data recipient's contact two months' notice of a change.")
    assert of(mini, "QLT012") == []


def test_defined_terms_and_names_are_not_candidates(mini):
    plant(mini, 'A data provider shall deliver each "data set" to the World Intellectual Property '
                "Organization in ST.96 Annex III.")
    assert of(mini, "QLT012") == []


# --- waivers: QLT013, QLT014 --------------------------------------------------------------

WAIVER = "    since: \"0.1\"\n  - id: IPDX-DLV-001"


def waive(mini, code: str, reason: str = "Agreed by the Task Force, as the term is defined by ST.96.") -> int:
    reg = mini / REGISTRY
    replace_in(reg, WAIVER, f"    since: \"0.1\"\n    waivers:\n      - code: {code}\n"
                            f"        reason: {reason}\n  - id: IPDX-DLV-001")
    return line_of(reg, f"- code: {code}")


def test_a_waiver_silences_its_rule_on_its_requirement(mini):
    plant(mini, "A data provider shall deliver XML data sets without delay.")
    waive(mini, "QLT002")
    assert qlt(mini) == []


def test_a_waiver_without_a_reason_is_an_error(mini):
    reg = mini / REGISTRY
    replace_in(reg, WAIVER, "    since: \"0.1\"\n    waivers:\n      - code: QLT002\n  - id: IPDX-DLV-001")
    d = findings(mini)[0]
    assert (d.code, d.severity, d.line) == ("REG003", "error", line_of(reg, "- code: QLT002"))
    assert "reason" in d.message


@pytest.mark.parametrize("code,what", [("QLT099", "no rule"), ("QLT010", "not about one requirement")])
def test_waiver_of_an_unknown_code(mini, code, what):
    line = waive(mini, code)
    d = one(mini, "QLT013")
    assert (where(d), d.severity) == (("QLT013", REGISTRY, line, 9), "error")
    assert d.message == f"IPDX-FMT-001 waives {code}, which is {what}"


def test_a_waiver_that_silences_nothing_is_stale(mini):
    line = waive(mini, "QLT002")
    d = one(mini, "QLT014")
    assert (where(d), d.severity) == (("QLT014", REGISTRY, line, 9), "warning")
    assert d.message == "IPDX-FMT-001 waives QLT002, but QLT002 finds nothing in it"


def test_a_code_waived_twice(mini):
    plant(mini, "A data provider shall deliver XML data sets without delay.")
    first = waive(mini, "QLT002")
    reg = mini / REGISTRY
    replace_in(reg, "      - code: QLT002\n", "      - code: QLT002\n        reason: Twice.\n      - code: QLT002\n")
    d = one(mini, "QLT014")
    assert where(d) == ("QLT014", REGISTRY, first + 2, 9)
    assert d.message == f"IPDX-FMT-001 waives QLT002 again (first on line {first})"


# --- the fixture's own statements ---------------------------------------------------------

def test_the_mini_standard_has_no_quality_finding(mini):
    assert [d for d in findings(mini) if d.code.startswith("QLT")] == []
