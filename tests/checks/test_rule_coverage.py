"""Every rule of rules.yaml has a test that breaks the mini standard and expects it."""

from __future__ import annotations

import re
from pathlib import Path

from stkit.rules import RULES

TESTS = Path(__file__).resolve().parent.parent


def test_every_rule_code_is_tested():
    # BLD rules are reported by the Sphinx build, and tested by building (tests/sphinx).
    sources = [TESTS / "test_loading.py", *sorted((TESTS / "checks").glob("test_rules_*.py")),
               *sorted((TESTS / "sphinx").glob("test_*.py")),
               *sorted((TESTS / "conformance").glob("test_*.py")),  # CNF: stkit conformance check
               *sorted((TESTS / "translation").glob("test_*.py"))]
    text = "\n".join(p.read_text(encoding="utf-8") for p in sources)
    tested = set(re.findall(r"\b[A-Z][A-Z0-9]{2}\d{3}\b", text))
    assert sorted(set(RULES) - tested) == []
