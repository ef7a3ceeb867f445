"""The typed model of a standard: what every part of stkit reads, never the raw YAML.

The registry (metadata and requirements), the catalogues (WIPO standards, IP5 principles,
survey challenges) and the scanned MyST sources are each loaded once into these
dataclasses by `registry.py`, `catalogues.py` and `sources.py`; `project.py` ties them
together.
"""

from __future__ import annotations

from dataclasses import dataclass, field

OBLIGATION_NAMES = {"shall": "requirement", "should": "recommendation", "may": "permission"}
STATUS_LINES = {"working-draft": "Working Draft", "final-draft": "Final Draft", "adopted": "Adopted"}
LEVEL_NAMES = {1: "Level 1 (foundation)", 2: "Level 2 (standard)", 3: "Level 3 (advanced)"}
# The titles the extension gives its boxes (not written in the sources, translated all the same)
BOX_TITLES = {"stkit-editor-note": "Editor's note", "stkit-template": "Model text"}


@dataclass(frozen=True)
class Loc:
    """Where a thing was written: a path relative to the project root, 1-based line and column."""

    path: str
    line: int = 1
    col: int = 1

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.col}"


# --- the registry -------------------------------------------------------------------------

@dataclass
class Metadata:
    """The standard's `metadata` in the registry: number, title, version, status, date."""

    number: str
    title: str
    version: str
    status: str
    date: str
    task: int
    prepared_by: str
    languages: list[str]
    cws_session: int | None = None
    adoption_date: str | None = None
    loc: Loc = field(default_factory=lambda: Loc("requirements_registry.yaml"))

    @property
    def number_digits(self) -> str:
        """'96' for ST.96, 'XX' while no number is assigned."""
        return self.number.split(".", 1)[1]

    @property
    def is_draft(self) -> bool:
        return self.status != "adopted"

    @property
    def file_stem(self) -> str:
        """The stem every published file name starts with, e.g. 'ST.XX-0.2'."""
        return f"{self.number}-{self.version}"

    @property
    def status_line(self) -> str:
        """The status line of the title block, as WIPO prints it."""
        if self.status == "adopted":
            return (f"Adopted by the Committee on WIPO Standards (CWS) at its "
                    f"{ordinal(self.cws_session or 0)} session on {long_date(self.adoption_date or self.date)}")
        if self.status == "final-draft":
            return (f"Final Draft - Proposal presented by the {self.prepared_by} "
                    f"for consideration at CWS/{self.cws_session}")
        text = f"Working Draft prepared by the {self.prepared_by} (Task No. {self.task})"
        if self.cws_session:
            text += f" for CWS/{self.cws_session}"
        return text


@dataclass
class StandardRef:
    """A citation of a WIPO standard, from the registry or from the text."""

    standard: str
    part: str | None = None
    rule: str | None = None
    version: str | None = None
    loc: Loc | None = None
    field_locs: dict[str, Loc] = field(default_factory=dict)  # where standard/part/rule/version are

    def loc_of(self, name: str) -> Loc | None:
        return self.field_locs.get(name, self.loc)

    def __str__(self) -> str:
        text = self.standard
        if self.version:
            text += f" v{self.version}"
        if self.part:
            text += f" {self.part}"
        if self.rule:
            text += f" [{self.rule}]"
        return text


@dataclass
class Requirement:
    """One requirement of the registry, as its fields say, with where each field is written."""

    id: str
    title: str
    statement: str
    obligation: str  # shall | should | may
    category: str
    level: int | None  # None for a permission ('may'), which carries no level
    status: str  # active | withdrawn
    rationale: str
    since: str
    applies_to: str | None = None
    references: list[StandardRef] = field(default_factory=list)
    ip5: list[str] = field(default_factory=list)
    challenges: list[str] = field(default_factory=list)
    withdrawn_in: str | None = None
    withdrawn_reason: str | None = None
    replaced_by: str | None = None
    waivers: list["Waiver"] = field(default_factory=list)
    index: int = 0  # position in the registry's list
    loc: Loc = field(default_factory=lambda: Loc("requirements_registry.yaml"))
    field_locs: dict[str, Loc] = field(default_factory=dict)

    @property
    def active(self) -> bool:
        return self.status == "active"

    @property
    def anchor(self) -> str:
        """The permanent fragment of this requirement in the HTML: #req-ipdx-fmt-001."""
        return "req-" + self.id.lower()

    @property
    def group(self) -> str:
        return self.id.split("-")[1]

    @property
    def obligation_name(self) -> str:
        return OBLIGATION_NAMES[self.obligation]

    def loc_of(self, name: str) -> Loc:
        return self.field_locs.get(name, self.loc)


@dataclass
class Waiver:
    """A quality rule (QLT) a requirement is exempt from, with the reason a reviewer accepted."""

    code: str
    reason: str
    loc: Loc

    def __str__(self) -> str:  # as the change report lists it
        return f"{self.code}: {self.reason}"


@dataclass
class ConformanceGap:
    """A conformance level that holds no mandatory requirement for a role, and why."""

    level: int
    role: str  # provider | recipient
    reason: str
    loc: Loc


@dataclass
class Deviation:
    """An IP5 principle the standard departs from on purpose (`ip5_deviations`), and why."""

    principle: str
    reason: str
    loc: Loc


@dataclass
class OutOfScope:
    """A survey challenge the standard leaves out on purpose (`out_of_scope`), and why."""

    challenge: str
    reason: str
    loc: Loc


@dataclass
class Registry:
    """The whole registry: metadata, requirements and the registry-level declarations."""

    metadata: Metadata
    requirements: list[Requirement]
    ip5_deviations: list[Deviation] = field(default_factory=list)
    out_of_scope: list[OutOfScope] = field(default_factory=list)
    conformance_gaps: list[ConformanceGap] = field(default_factory=list)
    path: str = "requirements_registry.yaml"
    by_id: dict[str, Requirement] = field(default_factory=dict)
    section_locs: dict[str, Loc] = field(default_factory=dict)  # top-level keys: where each starts

    def __post_init__(self) -> None:
        if not self.by_id:
            # First entry wins for a duplicated ID; the checker reports the duplicate.
            for req in self.requirements:
                self.by_id.setdefault(req.id, req)

    @property
    def active(self) -> list[Requirement]:
        return [r for r in self.requirements if r.active]


# --- the catalogues -----------------------------------------------------------------------

@dataclass
class StandardPart:
    """A part of a WIPO standard that a requirement may cite: an annex, or a named section."""

    id: str
    title: str
    verified: bool = True


@dataclass
class WipoStandard:
    """A WIPO standard of the catalogue (wipo_standards.yaml)."""

    code: str
    title: str
    status: str  # in-force | superseded | withdrawn
    url: str
    source: str
    verified: bool
    unverified: list[str] = field(default_factory=list)
    current_version: str | None = None
    versions: list[str] = field(default_factory=list)
    superseded_by: str | None = None
    rule_pattern: str | None = None
    parts: dict[str, StandardPart] = field(default_factory=dict)
    loc: Loc | None = None


@dataclass
class Ip5Principle:
    """An IP5 aim or policy principle of the catalogue (ip5_principles.yaml)."""

    id: str
    kind: str  # aim | principle
    summary: str
    source: str
    verified: bool
    loc: Loc | None = None


@dataclass
class Challenge:
    """A challenge of the survey of offices (survey_challenges.yaml)."""

    id: str
    context: str  # sharing | collecting | strategic
    group: str
    title: str
    offices: int | None
    remark: str
    source: str
    loc: Loc | None = None


@dataclass
class Source:
    """A document a catalogue's facts are taken from."""

    id: str
    title: str
    url: str | None = None


@dataclass
class Catalogues:
    """The three catalogues, keyed by ID, and the sources they name."""

    standards: dict[str, WipoStandard]
    principles: dict[str, Ip5Principle]
    challenges: dict[str, Challenge]
    sources: dict[str, Source] = field(default_factory=dict)
    respondents: int | None = None


# --- the text -----------------------------------------------------------------------------

@dataclass
class Paragraph:
    """A numbered paragraph as written in the MyST source."""

    number: int  # as written
    text: str  # the paragraph's text, continuation lines joined with newlines
    loc: Loc
    annex: str | None = None  # the annex numeral, None in the main body
    label: str | None = None

    @property
    def anchor(self) -> str:
        if self.annex:
            return f"annex-{self.annex.lower()}-para-{self.number}"
        return f"para-{self.number}"

    @property
    def display(self) -> str:
        """How a reference prints it: '12' in the body, 'I.3' in Annex I."""
        return f"{self.annex}.{self.number}" if self.annex else str(self.number)


@dataclass
class Citation:
    """A role in the text: {st}, {req}, {para} or {term}."""

    role: str
    target: str
    loc: Loc


@dataclass
class Placement:
    """A {requirement} directive placing a requirement in the text."""

    req_id: str
    loc: Loc


@dataclass
class Term:
    """A term defined in a {glossary}."""

    term: str
    loc: Loc


@dataclass
class ProseLine:
    """A line of informative prose (outside code, directives that hold no prose, templates)."""

    text: str
    loc: Loc


@dataclass
class SourceFile:
    """One Markdown source of the standard, scanned: its paragraphs, citations, placements and terms."""

    path: str  # relative to the project root, e.g. standard/06-formats.md
    docname: str  # e.g. 06-formats
    text: str
    annex: str | None = None
    title: str | None = None
    paragraphs: list[Paragraph] = field(default_factory=list)
    citations: list[Citation] = field(default_factory=list)
    placements: list[Placement] = field(default_factory=list)
    terms: list[Term] = field(default_factory=list)
    prose: list[ProseLine] = field(default_factory=list)
    directives: list[Citation] = field(default_factory=list)  # every {name} directive, role="directive"
    toctree: list[str] = field(default_factory=list)
    problems: list[tuple[str, Loc, str]] = field(default_factory=list)  # (code, loc, message)


# --- helpers for printing -----------------------------------------------------------------

def ordinal(n: int) -> str:
    words = {1: "first", 2: "second", 3: "third", 4: "fourth", 5: "fifth", 6: "sixth",
             7: "seventh", 8: "eighth", 9: "ninth", 10: "tenth", 11: "eleventh",
             12: "twelfth", 13: "thirteenth", 14: "fourteenth", 15: "fifteenth",
             16: "sixteenth", 17: "seventeenth", 18: "eighteenth", 19: "nineteenth",
             20: "twentieth"}
    if n in words:
        return words[n]
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")


def long_date(iso: str) -> str:
    """'2026-11-25' -> '25 November 2026'."""
    year, month, day = iso.split("-")
    return f"{int(day)} {_MONTHS[int(month) - 1]} {year}"


def month_year(iso: str) -> str:
    """'2026-11-25' -> 'November 2026' (the footer's date)."""
    year, month, _ = iso.split("-")
    return f"{_MONTHS[int(month) - 1]} {year}"
