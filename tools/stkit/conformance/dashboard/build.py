"""What the dashboard shows, from a folder of statements: every statement checked; per office
its current (latest valid) statement; per requirement how many offices follow it; levels over
time. Statements that do not validate are kept apart: listed, never counted."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field
from pathlib import Path

from ..claims import is_optional, levels
from ..codes import for_individual_use
from ..validate import Checked, check_file
from ..versions import Editions, VersionError


@dataclass
class Row:
    """One claim of an office's current statement."""

    office: str
    name: str
    roles: list[str]
    data_set: str  # the data set's id, or "(whole office)"
    title: str
    level: int
    exceptions: list[dict]  # {requirement, reason, target_date, legal_basis}
    plan: list[dict]  # {requirement, target_date}
    date: str
    last_review: str
    review_overdue: bool
    version: str
    file: str
    example: bool  # the office's code is one ST.3 leaves for individual use


@dataclass
class RequirementUse:
    id: str
    title: str
    level: int | None  # None: a requirement without a level (permissions are not listed)
    obligation: str
    covered: int  # offices whose claims include it
    followed: int
    excepted: int  # offices listing it as an exception, on any ground
    excepted_under_law: int = 0  # of those, offices citing a provision of law (legal_basis)


@dataclass
class Board:
    today: dt.date
    standard: str
    version: str
    statements: list[Checked]
    rows: list[Row] = field(default_factory=list)
    requirements: list[RequirementUse] = field(default_factory=list)
    history: dict[str, list[tuple[str, int]]] = field(default_factory=dict)  # "XA XA-PAT-BIB" -> [(date, level)]
    top_level: int = 3  # the current version's highest level

    @property
    def invalid(self) -> list[Checked]:
        return [s for s in self.statements if not s.valid]

    @property
    def offices(self) -> list[str]:
        return sorted({r.office for r in self.rows})


WHOLE_OFFICE = "(whole office)"


def collect(folder: Path, editions: Editions, today: dt.date, *, shown_base: Path | None = None,
            files: list[Path] | None = None, root: Path | None = None) -> Board:
    """The board of the statements in `folder` (or `files`). Only regular files inside `root`
    (by default the folder itself) are read: a link out of it, a device or a FIFO is listed
    as a statement that is not valid, with the reason, and nothing of it is read."""
    from ..statement import statement_files

    folder = Path(folder)
    files = statement_files(folder) if files is None else files
    base = shown_base or folder
    checked = [check_file(p, _shown(p, base), editions, today, root=root or folder) for p in files]
    try:
        current = editions.current.registry
        standard, version = current.metadata.number, current.metadata.version
    except VersionError:
        current, standard, version = None, "", ""
    board = Board(today=today, standard=standard, version=version, statements=checked,
                  top_level=max(levels(current), default=1) if current is not None else 1)
    valid = [c for c in checked if c.valid]
    latest: dict[str, Checked] = {}
    for c in sorted(valid, key=lambda c: (c.statement.date, c.path)):
        latest[c.statement.office_code] = c
        for res in c.claims:
            key = f"{c.statement.office_code} {res.claim.data_set.id if res.claim.data_set else WHOLE_OFFICE}"
            board.history.setdefault(key, []).append((c.statement.date, res.claim.level))
    for code in sorted(latest):
        c = latest[code]
        st = c.statement
        overdue = any(d.code == "CNF010" for d in c.diagnostics)
        for res in c.claims:
            claim = res.claim
            board.rows.append(Row(
                office=code, name=st.office_name, roles=st.roles,
                data_set=claim.data_set.id if claim.data_set else WHOLE_OFFICE,
                title=claim.data_set.title if claim.data_set else "",
                level=claim.level,
                exceptions=[{"requirement": e.requirement, "reason": e.reason, "target_date": e.target_date,
                             "legal_basis": e.legal_basis} for e in claim.exceptions],
                plan=[{"requirement": p.requirement, "target_date": p.target_date} for p in claim.plan],
                date=st.date, last_review=st.last_review, review_overdue=overdue, version=st.version,
                file=c.path, example=for_individual_use(code)))
    if current is not None:
        board.requirements = _uses(current, latest)
    return board


def _uses(registry, latest: dict[str, Checked]) -> list[RequirementUse]:
    """Per active requirement (options aside: a statement does not record them), how many
    offices' current claims include it, follow it, list it as an exception."""
    out = []
    for req in registry.active:
        if is_optional(req):
            continue
        covered = followed = excepted = under_law = 0
        for c in latest.values():
            covering = [res for res in c.claims if req.id in res.mandatory or req.id in res.recommendations]
            if not covering:
                continue
            covered += 1
            if any(req.id in res.exceptions for res in covering):
                excepted += 1
                under_law += any(req.id in res.under_law for res in covering)
            else:
                followed += 1
        out.append(RequirementUse(req.id, req.title, req.level, req.obligation, covered, followed, excepted,
                                  under_law))
    return out


def _shown(path: Path, base: Path) -> str:
    try:
        return os.path.relpath(path, base).replace(os.sep, "/")
    except ValueError:
        return str(path)


def as_data(board: Board) -> dict:
    """The dashboard as JSON-ready data (the JSON export)."""
    return {
        "standard": board.standard, "version": board.version, "date": board.today.isoformat(),
        "offices": [vars(r) for r in board.rows],
        "requirements": [vars(u) for u in board.requirements],
        "levels_over_time": {k: [{"date": d, "level": lv} for d, lv in v] for k, v in board.history.items()},
        "invalid_statements": [
            {"file": c.path, "office": c.statement.office_code if c.statement else None,
             "errors": [f"{d.path}:{d.line}:{d.col}: {d.code} {d.message}" for d in c.diagnostics
                        if d.severity == "error"]}
            for c in board.invalid],
    }
