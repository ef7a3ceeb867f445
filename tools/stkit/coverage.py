"""What the standard covers: which active requirements implement each IP5 principle and
answer each survey challenge, and what is recorded as a deviation or out of scope.

Computed in one pass over the registry; the checks (IP5, SRV), the generated tables and the
change reports all read it, so they never disagree on what "covered" means.
"""

from __future__ import annotations

from dataclasses import dataclass

from .model import Deviation, OutOfScope, Registry


@dataclass
class Coverage:
    """Which active requirements implement each IP5 principle and answer each survey challenge."""

    by_principle: dict[str, list[str]]  # principle id -> active requirement ids, registry order
    by_challenge: dict[str, list[str]]  # challenge id -> active requirement ids
    deviations: dict[str, Deviation]
    out_of_scope: dict[str, OutOfScope]

    def principle_state(self, pid: str) -> str:
        """implemented | deviation | uncovered"""
        if self.by_principle.get(pid):
            return "implemented"
        return "deviation" if pid in self.deviations else "uncovered"

    def challenge_state(self, cid: str) -> str:
        """answered | out-of-scope | uncovered"""
        if self.by_challenge.get(cid):
            return "answered"
        return "out-of-scope" if cid in self.out_of_scope else "uncovered"


def coverage(registry: Registry) -> Coverage:
    by_principle: dict[str, list[str]] = {}
    by_challenge: dict[str, list[str]] = {}
    for req in registry.requirements:
        if not req.active:
            continue
        for pid in dict.fromkeys(req.ip5):
            by_principle.setdefault(pid, []).append(req.id)
        for cid in dict.fromkeys(req.challenges):
            by_challenge.setdefault(cid, []).append(req.id)
    return Coverage(by_principle, by_challenge,
                    {d.principle: d for d in registry.ip5_deviations},
                    {o.challenge: o for o in registry.out_of_scope})
