"""The rule table (rules.yaml), and selecting rules by code or prefix."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .errors import UsageError
from .usercache import yaml_data


@dataclass(frozen=True)
class Rule:
    """A rule of rules.yaml: its code, name, severity, and the text `stkit explain` shows."""

    code: str
    name: str
    severity: str
    summary: str
    explanation: str = ""
    fix: str = ""

    @property
    def family(self) -> str:
        return self.code[:-3]  # codes are a family and three digits; IP5001 is of IP5


def _load() -> tuple[dict[str, Rule], dict[str, str]]:
    raw = yaml_data(Path(__file__).parent / "rules.yaml")  # parsed once, then from the user's cache
    rules = {code: Rule(code=code, **entry) for code, entry in raw["rules"].items()}
    return rules, raw["families"]


RULES, FAMILIES = _load()


def explain(code: str) -> str:
    code = code.upper()
    if code in FAMILIES:
        lines = [f"{code}: {FAMILIES[code]}", ""]
        lines += [f"  {r.code} {r.name} [{r.severity}]: {r.summary}"
                  for r in RULES.values() if r.family == code]
        return "\n".join(lines)
    rule = RULES.get(code)
    if rule is None:
        raise UsageError(f"unknown rule code '{code}'; codes are listed by `stkit explain --list`")
    out = [f"{rule.code} ({rule.name}) [{rule.severity}], family {rule.family}: {FAMILIES[rule.family]}",
           "", rule.summary]
    if rule.explanation:
        out += ["", rule.explanation]
    if rule.fix:
        out += ["", f"How to fix: {rule.fix}"]
    return "\n".join(out)


def list_rules() -> str:
    out = []
    for family, title in FAMILIES.items():
        out.append(f"{family}: {title}")
        out += [f"  {r.code} {r.name} [{r.severity}]: {r.summary}"
                for r in RULES.values() if r.family == family]
    return "\n".join(out)


def parse_selection(values: list[str] | None) -> list[str]:
    """Codes or prefixes given to --select/--ignore, comma separated, validated."""
    out: list[str] = []
    for value in values or []:
        for item in value.split(","):
            item = item.strip().upper()
            if not item:
                continue
            if not any(code.startswith(item) for code in RULES):
                raise UsageError(f"'{item}' matches no rule code (see `stkit explain --list`)")
            out.append(item)
    return out


def selected(code: str, select: list[str], ignore: list[str]) -> bool:
    if select and not any(code.startswith(s) for s in select):
        return False
    return not any(code.startswith(i) for i in ignore)
