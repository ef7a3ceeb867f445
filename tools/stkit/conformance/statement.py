"""Load a conformance statement (YAML or JSON) into the typed model, keeping where each value
was written, so every finding points at the statement's line and column."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..diagnostics import Diagnostic
from ..errors import LoadError
from ..model import Loc
from ..schemacheck import field_path, validate
from ..yamlsrc import YamlDoc, load_yaml_bytes

SCHEMA = "conformance-statement.schema.json"
SUFFIXES = (".yaml", ".yml", ".json")
# What `stkit conformance template` leaves for the office to fill in.
PLACEHOLDER = "TODO"
# The schema's codes, given the conformance family's own: REG003 -> CNF001, REG004 -> CNF002.
_SCHEMA_CODES = {"REG003": "CNF001", "REG004": "CNF002"}
_REASON = re.compile(r"^claims\[\d+\]\.exceptions\[\d+\](\.reason: must not be empty|"
                     r": missing required field 'reason')$")


@dataclass
class DataSet:
    id: str
    title: str
    description: str


@dataclass
class Entry:
    """An exception (with its reason) or an item of a plan (with its target date)."""

    requirement: str
    loc: Loc  # where the requirement's ID is written
    reason: str | None = None
    target_date: str | None = None
    # An exception to a mandatory requirement: the provision of the law applicable to the
    # office that prevents meeting it (the one ground the standard allows, IPDX-CNF-008).
    legal_basis: str | None = None
    target_loc: Loc | None = None


@dataclass
class Claim:
    index: int
    level: int
    data_set: DataSet | None
    exceptions: list[Entry]
    plan: list[Entry]
    loc: Loc  # the claim's level
    plan_loc: Loc | None = None

    @property
    def scope(self) -> str:
        return self.data_set.id if self.data_set else "the office as a whole"


@dataclass
class Statement:
    path: str
    office_code: str
    office_name: str
    roles: list[str]
    number: str
    version: str
    date: str
    last_review: str
    claims: list[Claim]
    locs: dict[str, Loc] = field(default_factory=dict)  # top-level fields, and standard.version

    def loc(self, name: str) -> Loc:
        return self.locs.get(name, Loc(self.path))


@dataclass
class StatementLoad:
    statement: Statement | None
    diagnostics: list[Diagnostic]


def read_statement(path: Path, shown: str, root: Path | None = None) -> StatementLoad:
    """Load and schema-check one statement. Never raises for bad input: a missing file, one
    that may not be read (a device, a FIFO, a folder; with `root`, anything but a regular
    file inside it, such as a link out of the repository), broken YAML or JSON, or a schema
    error are located findings. Only a regular file is ever opened, without blocking."""
    from ..guard.paths import Refused, read_path

    try:
        raw = read_path(path, root)
    except Refused as exc:
        return StatementLoad(None, [Diagnostic.at("REG005", Loc(shown), f"not read: it {exc}",
                                                  fix="give the path of a conformance statement (.yaml or .json)"
                                                  + (", a regular file inside the repository" if root else ""))])
    except OSError as exc:
        return StatementLoad(None, [Diagnostic.at("REG005", Loc(shown), f"cannot be read: {exc.strerror}")])
    if raw is None:
        return StatementLoad(None, [Diagnostic.at("REG005", Loc(shown), "file not found",
                                                  fix="give the path of a conformance statement (.yaml or .json)")])
    return parse_statement(raw, shown, json_syntax=path.suffix.lower() == ".json")


def parse_statement(raw: bytes, shown: str, *, json_syntax: bool = False) -> StatementLoad:
    try:
        if json_syntax:
            _check_json(raw, shown)
        doc = load_yaml_bytes(raw, shown)
    except LoadError as exc:
        return StatementLoad(None, [Diagnostic.at(exc.code, Loc(exc.path, exc.line, exc.col), exc.message)])
    diags = _placeholders(doc)
    todo_lines = {(d.line, d.col) for d in diags}
    for d in validate(doc, SCHEMA):
        if (d.line, d.col) in todo_lines:
            continue  # a placeholder left in: reported once, as such
        if _REASON.match(d.message):
            diags.append(Diagnostic.at("CNF007", Loc(d.path, d.line, d.col),
                                       d.message.split(":")[0] + ": an exception without a reason",
                                       fix="say why the office does not follow the recommendation"))
            continue
        code = _SCHEMA_CODES.get(d.code, d.code)
        diags.append(Diagnostic.at(code, Loc(d.path, d.line, d.col), d.message))
    if diags:
        return StatementLoad(None, sorted(diags, key=lambda d: d.sort_key))
    return StatementLoad(build_statement(doc), [])


def _check_json(raw: bytes, shown: str) -> None:
    """A .json file is held to JSON's own syntax (YAML would accept more), located."""
    try:
        json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError:
        return  # the YAML loader reports the byte, located
    except json.JSONDecodeError as exc:
        raise LoadError("REG001", shown, exc.lineno, exc.colno, f"JSON syntax error: {exc.msg}") from None


def _placeholders(doc: YamlDoc) -> list[Diagnostic]:
    out = []

    def walk(value, path):
        if isinstance(value, dict):
            for k, v in value.items():
                walk(v, path + (k,))
        elif isinstance(value, list):
            for i, v in enumerate(value):
                walk(v, path + (i,))
        elif isinstance(value, str) and value.strip().startswith(PLACEHOLDER):
            line, col = doc.position(path)
            out.append(Diagnostic.at("CNF015", Loc(doc.source, line, col),
                                     f"{field_path(path)}: the template's placeholder is still here",
                                     fix="replace TODO with the office's own value"))

    walk(doc.data, ())
    return out


def build_statement(doc: YamlDoc) -> Statement:
    data = doc.data

    def loc(*path) -> Loc:
        line, col = doc.position(path)
        return Loc(doc.source, line, col)

    claims = []
    for ci, c in enumerate(data["claims"]):
        ds = c.get("data_set")
        exceptions = [Entry(e["requirement"], loc("claims", ci, "exceptions", ei, "requirement"),
                            reason=e["reason"], target_date=e.get("target_date"), legal_basis=e.get("legal_basis"),
                            target_loc=loc("claims", ci, "exceptions", ei, "target_date"))
                      for ei, e in enumerate(c.get("exceptions", []))]
        plan = [Entry(p["requirement"], loc("claims", ci, "plan", pi, "requirement"),
                      target_date=p["target_date"], target_loc=loc("claims", ci, "plan", pi, "target_date"))
                for pi, p in enumerate(c.get("plan", []))]
        claims.append(Claim(
            index=ci, level=c["level"],
            data_set=DataSet(ds["id"], ds["title"], ds["description"]) if ds else None,
            exceptions=exceptions, plan=plan, loc=loc("claims", ci, "level"),
            plan_loc=Loc(doc.source, *doc.key_position(("claims", ci, "plan"))) if "plan" in c else None))
    locs = {name: loc(name) for name in data}
    locs["standard.version"] = loc("standard", "version")
    locs["standard.number"] = loc("standard", "number")
    locs["office.code"] = loc("office", "code")
    return Statement(
        path=doc.source, office_code=data["office"]["code"], office_name=data["office"]["name"],
        roles=list(data["roles"]), number=data["standard"]["number"], version=data["standard"]["version"],
        date=data["date"], last_review=data["last_review"], claims=claims, locs=locs)


def statement_files(folder: Path) -> list[Path]:
    """The statements of a folder (and its subfolders): files ending .yaml, .yml or .json, not
    hidden, sorted. Links and special files are listed too, so that reading them (through the
    path guard) refuses each one as a located finding rather than skipping it unseen; folders
    reached through a link are not walked."""
    out = []
    for p in sorted(folder.rglob("*")):
        rel = p.relative_to(folder)
        if any(part.startswith((".", "_")) for part in rel.parts):
            continue
        if p.suffix.lower() in SUFFIXES and (p.is_symlink() or not p.is_dir()):
            out.append(p)
    return out
