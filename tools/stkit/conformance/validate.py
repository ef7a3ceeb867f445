"""Check a conformance statement against the registry of the version it names; report what
each claim means. One finding per problem, located in the statement (rules CNF001-CNF019)."""

from __future__ import annotations

import datetime as dt
import difflib
import os
from dataclasses import dataclass, field
from pathlib import Path

from ..diagnostics import Diagnostic
from ..model import Loc, Registry
from . import claims as cl
from .statement import Claim, Entry, Statement, read_statement
from .versions import Edition, Editions, VersionError

REVIEW_DAYS = 365  # the standard recommends a review at least once a year


def today() -> dt.date:
    """The date checks compare with: SOURCE_DATE_EPOCH's day when set (reproducible builds)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc).date()
    return dt.date.today()


@dataclass
class ClaimResult:
    claim: Claim
    mandatory: list[str]  # IDs a claim binds without exception
    recommendations: list[str]  # IDs that may be excepted
    exceptions: list[str]
    supported: int  # the highest level the claim supports (its own when valid)
    adds_nothing: bool = False  # the level adds no mandatory requirement to the level below
    # Mandatory requirements listed as exceptions because a provision of the law applicable to
    # the office prevents meeting them, the provision cited (legal_basis): the claim stays valid.
    under_law: list[str] = field(default_factory=list)


@dataclass
class Checked:
    path: str
    statement: Statement | None
    edition: Edition | None
    diagnostics: list[Diagnostic]
    claims: list[ClaimResult] = field(default_factory=list)

    @property
    def valid(self) -> bool:
        return not any(d.severity == "error" for d in self.diagnostics)


def check_file(path: Path, shown: str, editions: Editions, on: dt.date | None = None, *,
               root: Path | None = None) -> Checked:
    """Check one statement file; with `root`, only a regular file inside it is read."""
    load = read_statement(path, shown, root)
    if load.statement is None:
        return Checked(shown, None, None, load.diagnostics)
    return check_statement(load.statement, editions, on or today())


def check_statement(st: Statement, editions: Editions, on: dt.date) -> Checked:
    try:
        edition = editions.get(st.version)
    except VersionError as exc:
        d = Diagnostic.at("CNF003", st.loc("standard.version"), str(exc),
                          fix="name a version of the standard that has been published")
        return Checked(st.path, st, None, [d])
    reg = edition.registry
    diags: list[Diagnostic] = []
    if st.number != reg.metadata.number:
        diags.append(Diagnostic.at(
            "CNF003", st.loc("standard.number"),
            f"the statement claims against {st.number}; version {st.version} of this standard is "
            f"{reg.metadata.number}", fix=f"write number: {reg.metadata.number}"))
    diags += _dates(st, on)
    results = []
    seen_scopes: dict[str, Loc] = {}
    for claim in st.claims:
        scope = claim.scope
        if scope in seen_scopes:
            first = seen_scopes[scope]
            diags.append(Diagnostic.at("CNF017", claim.loc, f"a second claim for {scope} (first on line "
                                       f"{first.line})", fix="give one claim per data set"))
        seen_scopes.setdefault(scope, claim.loc)
        claim_diags, result = _claim(st, claim, reg)
        diags += claim_diags
        results.append(result)
    diags += _since(st, edition, editions)
    diags.sort(key=lambda d: d.sort_key)
    return Checked(st.path, st, edition, diags, results)


def _dates(st: Statement, on: dt.date) -> list[Diagnostic]:
    out = []
    date, review = dt.date.fromisoformat(st.date), dt.date.fromisoformat(st.last_review)
    if date > on:
        out.append(Diagnostic.at("CNF018", st.loc("date"), f"the statement is dated {st.date}, after today ({on})",
                                 fix="date the statement when it is made"))
    if review < date:
        out.append(Diagnostic.at("CNF018", st.loc("last_review"), f"last reviewed on {st.last_review}, "
                                 f"before the statement's own date ({st.date})",
                                 fix="give the date of the last review, the statement's date or later"))
    elif review > on:
        out.append(Diagnostic.at("CNF018", st.loc("last_review"), f"last review dated {st.last_review}, "
                                 f"after today ({on})", fix="give the date the review took place"))
    elif (on - review).days > REVIEW_DAYS:
        out.append(Diagnostic.at("CNF010", st.loc("last_review"),
                                 f"last reviewed on {st.last_review}, {(on - review).days} days ago "
                                 f"(a review is recommended at least once a year)",
                                 fix="review the statement, then update last_review"))
    return out


def _claim(st: Statement, claim: Claim, reg: Registry) -> tuple[list[Diagnostic], ClaimResult]:
    diags: list[Diagnostic] = []
    roles, level = st.roles, claim.level
    known_levels = cl.levels(reg)
    top = max(known_levels, default=0)
    if level > top:
        diags.append(Diagnostic.at("CNF019", claim.loc, f"level {level} does not exist in {reg.metadata.number} "
                                   f"{reg.metadata.version} (levels: {', '.join(map(str, known_levels))}; "
                                   "0 for an office not yet at level 1, with its plan)",
                                   fix=f"claim a level from 0 to {top}"))
    where = f"the claim for {claim.scope}"
    supported = level
    seen: dict[str, Loc] = {}
    under_law: list[str] = []
    for entry in claim.exceptions:
        req = _known(entry, reg, roles, seen, diags)
        if req is None:
            continue
        if cl.is_optional(req):
            diags.append(Diagnostic.at("CNF009", entry.loc, f"{req.id} is a permission (\"{req.obligation}\"): "
                                       "it needs no exception", fix="remove the exception"))
        elif req.level is None:
            diags.append(Diagnostic.at("CNF009", entry.loc, f"{req.id} carries no level: it is not part of "
                                       f"{where} and needs no exception", fix="remove the exception"))
        elif req.level > level:
            diags.append(Diagnostic.at("CNF009", entry.loc, f"{req.id} is of level {req.level}, above the level "
                                       f"{level} claimed: it is not part of {where} and needs no exception",
                                       fix="remove the exception"))
        elif cl.is_mandatory(req) and entry.legal_basis:
            under_law.append(req.id)  # the one ground the standard allows (IPDX-CNF-008)
        elif cl.is_mandatory(req):
            supported = min(supported, req.level - 1)
            diags.append(Diagnostic.at(
                "CNF006", entry.loc,
                f"{req.id} (level {req.level}, \"{req.obligation}\") cannot be an exception: a claim to level "
                f"{level} is a claim to every mandatory requirement of levels 1 to {level} for its role, "
                f"so {where} is not valid: with this exception the statement supports "
                f"{_supports(req.level - 1)}",
                fix=f"meet {req.id} and remove the exception, claim {_level_words(req.level - 1)}, or, where "
                    "a provision of the law applicable to the office prevents meeting it, cite that "
                    "provision in legal_basis"))
    if level >= 1 and claim.plan:
        diags.append(Diagnostic.at("CNF016", claim.plan_loc or claim.loc,
                                   f"a plan belongs to a claim below level 1; {where} claims level {level}",
                                   fix="remove the plan, or claim level 0"))
    if level == 0 and not claim.plan:
        diags.append(Diagnostic.at("CNF016", claim.plan_loc or claim.loc,
                                   f"{where} is below level 1 but gives no plan",
                                   fix="list each requirement of level 1 not yet met, with its target date"))
    plan_seen: dict[str, Loc] = {}
    for entry in claim.plan:
        _known(entry, reg, roles, plan_seen, diags)
    mandatory = [r.id for r in cl.mandatory(reg, roles, level)]
    below = [r.id for r in cl.mandatory(reg, roles, level - 1)] if level > 1 else None
    result = ClaimResult(claim, mandatory, [r.id for r in cl.recommendations(reg, roles, level)],
                         [e.requirement for e in claim.exceptions], max(supported, 0),
                         adds_nothing=below is not None and len(below) == len(mandatory),
                         under_law=under_law)
    return diags, result


def _supports(level: int) -> str:
    return f"level {level} at most" if level >= 1 else "no level (level 0, with a plan)"


def _level_words(level: int) -> str:
    return f"level {level} at most" if level >= 1 else "level 0 with a plan"


def _known(entry: Entry, reg: Registry, roles, seen: dict[str, Loc], diags: list[Diagnostic]):
    """The entry's requirement when it exists, is active, applies and is not listed twice."""
    rid = entry.requirement
    if rid in seen:
        diags.append(Diagnostic.at("CNF017", entry.loc, f"{rid} is listed twice (first on line {seen[rid].line})",
                                   fix="remove one of them"))
        return None
    seen[rid] = entry.loc
    req = reg.by_id.get(rid)
    version = f"{reg.metadata.number} {reg.metadata.version}"
    if req is None:
        close = difflib.get_close_matches(rid, list(reg.by_id), n=1, cutoff=0.8)
        hint = f"; did you mean {close[0]}?" if close else ""
        diags.append(Diagnostic.at("CNF004", entry.loc, f"{rid} is not a requirement of {version}{hint}",
                                   fix="use an ID of the registry (`stkit conformance levels` lists them)"))
        return None
    if not req.active:
        by = f"; it is replaced by {req.replaced_by}" if req.replaced_by else ""
        diags.append(Diagnostic.at("CNF005", entry.loc, f"{rid} is withdrawn in {version}{by}",
                                   fix=f"refer to {req.replaced_by}" if req.replaced_by else "remove it"))
        return None
    if not cl.applies(req, roles):
        diags.append(Diagnostic.at("CNF008", entry.loc, f"{rid} applies to a data {req.applies_to} only; "
                                   f"the statement declares the role(s) {', '.join(roles)}",
                                   fix="remove it, or correct the roles"))
        return None
    return req


def _since(st: Statement, edition: Edition, editions: Editions) -> list[Diagnostic]:
    """A statement against an older version: what changed since that concerns it."""
    from ..release.git import version_key

    try:
        current = editions.current
    except VersionError:
        return []
    if version_key(edition.version) >= version_key(current.version):
        return []
    old, new = edition.registry, current.registry
    top = max([c.level for c in st.claims] + [1])
    mentioned: dict[str, Entry] = {}
    for claim in st.claims:
        for entry in claim.exceptions + claim.plan:
            mentioned.setdefault(entry.requirement, entry)
    where = st.loc("standard.version")
    version = new.metadata.version
    diags = []
    relevant = [r for r in new.requirements if cl.applies(r, st.roles)]
    for req in relevant:
        before = old.by_id.get(req.id)
        if req.active and before is None and cl.within(req, top):
            diags.append(Diagnostic.at("CNF012", where, f"{req.id} ({cl.level_text(req)}, \"{req.obligation}\") was "
                                       f"added in {version}: {req.title}",
                                       fix=f"review the claim against version {version}"))
        elif (not req.active and before is not None and before.active
              and (cl.within(before, top) or req.id in mentioned)):
            by = f", replaced by {req.replaced_by}" if req.replaced_by else ""
            entry = mentioned.get(req.id)
            diags.append(Diagnostic.at("CNF013", entry.loc if entry else where,
                                       f"{req.id} was withdrawn in {req.withdrawn_in or version}{by}",
                                       fix=f"review the claim against version {version}",
                                       severity="warning" if entry else "note"))
        elif (req.active and before is not None and before.active and cl.is_mandatory(req)
              and cl.within(req, top) and not (cl.is_mandatory(before) and cl.within(before, top))):
            entry = mentioned.get(req.id)
            diags.append(Diagnostic.at("CNF014", entry.loc if entry else where,
                                       f"{req.id} is mandatory (\"{req.obligation}\", level {req.level}) since "
                                       f"{version}; it was \"{before.obligation}\", {cl.level_text(before)}",
                                       fix=f"review the claim against version {version}",
                                       severity="warning" if entry else "note"))
    changes = len(diags)
    diags.insert(0, Diagnostic.at(
        "CNF011", where, f"the statement claims against version {edition.version}; the current version is "
        f"{version}, with {changes} change{'s' if changes != 1 else ''} that concern its roles and levels "
        f"(CNF012-CNF014 below)", fix=f"review the statement against version {version} and update it"))
    return diags


def summary_line(checked: Checked) -> str:
    """What a valid statement claims, in one line: the report of what each claim means."""
    st = checked.statement
    parts = []
    for res in checked.claims:
        c = res.claim
        text = f"{c.scope}: level {c.level}"
        if c.level == 0:
            text += f" with a plan of {len(c.plan)} requirement{'s' if len(c.plan) != 1 else ''}"
        else:
            excepted = set(res.exceptions)
            followed = sum(1 for rid in res.recommendations if rid not in excepted)
            met = len(res.mandatory) - len(res.under_law)
            text += f" ({met} mandatory requirements met"
            if res.under_law:
                basis = {e.requirement: e.legal_basis for e in c.exceptions}
                text += (f", {len(res.under_law)} excepted under the law applicable to the office: "
                         + ", ".join(f"{rid} ({basis[rid]})" for rid in res.under_law))
            text += f"; {followed} of {len(res.recommendations)} recommendations followed"
            if res.adds_nothing:
                text += f"; level {c.level} adds no mandatory requirement to level {c.level - 1} in this version"
            text += ")"
        parts.append(text)
    return (f"{checked.path}: valid: {st.office_code} {st.office_name}, {st.number} {st.version} "
            f"({', '.join(st.roles)}): " + "; ".join(parts))
