"""IP5 (the IP5 policy mapping) and SRV (the survey's challenges)."""

from __future__ import annotations

from conftest import line_of, problems, replace_in
from rulehelp import REGISTRY, of, one, where

DEVIATION = "  - principle: ip5/as-is\n    reason: Not addressed by this small fixture.\n"
OUT_OF_SCOPE = "  - challenge: share/no-sharing\n    reason: Not addressed by this small fixture.\n"


def test_unknown_principle_in_a_requirement(mini):
    reg = mini / REGISTRY
    replace_in(reg, "ip5: [ip5/availability]", "ip5: [ip5/availabilty]")
    d = one(mini, "IP5001")
    assert where(d) == ("IP5001", REGISTRY, line_of(reg, "ip5/availabilty"), len("    ip5: [") + 1)
    assert d.message == "IPDX-FMT-001 cites the unknown IP5 principle 'ip5/availabilty'"
    assert d.fix == "did you mean 'ip5/availability'?"


def test_unknown_principle_in_a_deviation(mini):
    reg = mini / REGISTRY
    replace_in(reg, "  - principle: ip5/as-is", "  - principle: ip5/as-it-is")
    d = one(mini, "IP5001")
    assert where(d) == ("IP5001", REGISTRY, line_of(reg, "ip5/as-it-is"), 5)
    assert d.fix == "did you mean 'ip5/as-is'?"


def test_principle_neither_implemented_nor_deviated(mini):
    replace_in(mini / REGISTRY, DEVIATION, "")
    d = one(mini, "IP5002")
    assert (d.code, d.path, d.severity) == ("IP5002", REGISTRY, "error")
    assert (d.line, d.col) == (line_of(mini / REGISTRY, "ip5_deviations:"), 1)
    assert d.message.startswith("IP5 principle ip5/as-is (")
    assert "implemented by no active requirement and has no recorded deviation" in d.message
    assert [p[0] for p in problems(mini)] == ["IP5002"]


def test_a_withdrawn_requirement_does_not_implement_a_principle(mini):
    reg = mini / REGISTRY
    replace_in(reg, "    ip5: [ip5/redistribution]\n", "")
    replace_in(reg, "    status: withdrawn\n", "    status: withdrawn\n    ip5: [ip5/redistribution]\n")
    assert "ip5/redistribution" in one(mini, "IP5002").message


def test_needless_deviation(mini):
    reg = mini / REGISTRY
    replace_in(reg, "ip5_deviations:\n", "ip5_deviations:\n  - principle: ip5/availability\n    reason: Twice.\n")
    d = one(mini, "IP5003")
    assert (where(d), d.severity) == (("IP5003", REGISTRY, line_of(reg, "principle: ip5/availability"), 5),
                                      "warning")
    assert d.message == "a deviation is recorded for ip5/availability, which requirements implement"


def test_unverified_principle_is_a_note_once(mini):
    reg = mini / REGISTRY
    # ip5/redistribution (unverified) is cited by IPDX-DLV-001; cite it from FMT-001 as well.
    replace_in(reg, "ip5: [ip5/availability]", "ip5: [ip5/availability, ip5/redistribution]")
    d = one(mini, "IP5004")
    assert (where(d), d.severity) == (("IP5004", REGISTRY, line_of(reg, "ip5: [ip5/availability"),
                                       len("    ip5: ") + 1), "note")
    assert d.message == "ip5/redistribution is not yet verified against the IP5 policy text"
    assert problems(mini) == []


def test_unknown_challenge_in_a_requirement(mini):
    reg = mini / REGISTRY
    replace_in(reg, "challenges: [share/nonstandard-formats]", "challenges: [share/nonstandard-format]")
    d = one(mini, "SRV001")
    assert where(d) == ("SRV001", REGISTRY, line_of(reg, "share/nonstandard-format]"), len("    challenges: [") + 1)
    assert d.message == "IPDX-FMT-001 answers the unknown survey challenge 'share/nonstandard-format'"
    assert d.fix == "did you mean 'share/nonstandard-formats'?"


def test_unknown_challenge_out_of_scope(mini):
    reg = mini / REGISTRY
    replace_in(reg, "  - challenge: share/no-sharing", "  - challenge: share/no-share")
    d = one(mini, "SRV001")
    assert where(d) == ("SRV001", REGISTRY, line_of(reg, "share/no-share"), 5)
    assert d.message == "out_of_scope names the unknown survey challenge 'share/no-share'"
    assert d.fix == "did you mean 'share/no-sharing'?"


def test_unanswered_challenge(mini):
    replace_in(mini / REGISTRY, OUT_OF_SCOPE, "")
    d = one(mini, "SRV002")
    assert (d.code, d.path, d.severity) == ("SRV002", REGISTRY, "error")
    assert (d.line, d.col) == (line_of(mini / REGISTRY, "out_of_scope:"), 1)
    assert d.message == ("survey challenge share/no-sharing (Office does not share any IP data, 2 offices) "
                         "is answered by no active requirement and not recorded as out of scope")
    assert [p[0] for p in problems(mini)] == ["SRV002"]


def test_needless_out_of_scope(mini):
    reg = mini / REGISTRY
    replace_in(reg, "out_of_scope:\n", "out_of_scope:\n  - challenge: share/nonstandard-formats\n    reason: Twice.\n")
    d = one(mini, "SRV003")
    assert (where(d), d.severity) == (("SRV003", REGISTRY, line_of(reg, "- challenge: share/nonstandard-formats"), 5),
                                      "warning")
    assert d.message == "share/nonstandard-formats is recorded as out of scope but requirements answer it"


def test_model_checks_do_not_run_on_a_registry_that_does_not_load(mini):
    replace_in(mini / REGISTRY, OUT_OF_SCOPE, "")
    replace_in(mini / REGISTRY, "level: 1", 'level: "two"')
    assert [d.code for d in of(mini, "SRV002")] == []
