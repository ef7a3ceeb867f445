"""What a comment form holds: its columns, the line that names what it was made on, and how
a reference to the text is written in it. Shared by the template writers and the readers."""

from __future__ import annotations

import re
from dataclasses import dataclass

FORM_FORMAT = "stkit-form/1"
TYPES = ("general", "technical", "editorial")
# What offices write for a type (ISO's commenting template abbreviates them ge/te/ed).
TYPE_WORDS = {"general": "general", "ge": "general", "gen": "general", "g": "general",
              "technical": "technical", "te": "technical", "tech": "technical", "t": "technical",
              "editorial": "editorial", "ed": "editorial", "edit": "editorial", "e": "editorial"}


@dataclass(frozen=True)
class Column:
    key: str
    title: str  # the header the template writes
    aliases: tuple[str, ...]  # other headers accepted on import (lower case, no punctuation)
    width_cm: float
    required: bool = True  # must a header for it be found


COLUMNS = (
    Column("ref", "Paragraph or requirement",
           ("paragraph or requirement", "paragraph", "para", "paragraph no", "paragraph number",
            "requirement", "clause", "clause subclause", "reference", "ref", "element", "location"), 3.2),
    Column("text", "Text commented on (excerpt)",
           ("text commented on excerpt", "text commented on", "text", "excerpt", "current text"), 6.0,
           required=False),
    Column("office", "Office",
           ("office", "office code", "mb", "member body", "mb nc", "delegation", "commenter"), 1.8,
           required=False),
    Column("type", "Type (general, technical, editorial)",
           ("type general technical editorial", "type", "type of comment", "comment type"), 2.4),
    Column("comment", "Comment", ("comment", "comments", "comments justification for change",
                                  "justification"), 6.0),
    Column("proposed", "Proposed change", ("proposed change", "proposed changes", "proposal",
                                           "suggested change"), 6.0, required=False),
)
BY_KEY = {c.key: c for c in COLUMNS}


def header_key(text: str) -> str | None:
    """The column a header cell names, or None (an extra column, kept out of the record)."""
    norm = " ".join(re.sub(r"[^\w]+", " ", text.lower()).split())
    if not norm:
        return None
    for column in COLUMNS:
        if norm in column.aliases:
            return column.key
    return None


@dataclass(frozen=True)
class FormInfo:
    """What a form was made on: the standard's number and version, and the git commit."""

    standard: str
    version: str
    revision: str  # 40 hex digits

    def line(self) -> str:
        """The identification written into every form (document property, hidden sheet, first
        row): read back by the importer."""
        return f"{FORM_FORMAT}; standard={self.standard}; version={self.version}; revision={self.revision}"

    @property
    def short(self) -> str:
        return self.revision[:10]

    def title(self) -> str:
        return f"Comments on WIPO {self.standard}, version {self.version}"


_INFO = re.compile(r"stkit-form/(?P<format>\d+)\s*;\s*standard=(?P<standard>[^;\s]+)\s*;\s*"
                   r"version=(?P<version>[^;\s]+)\s*;\s*revision=(?P<revision>[0-9a-fA-F]{7,40})")


def parse_info(text: str | None) -> FormInfo | None:
    """The FormInfo in `text` (a cell, a property, a paragraph), or None."""
    if not text:
        return None
    m = _INFO.search(str(text))
    if not m:
        return None
    return FormInfo(m.group("standard"), m.group("version"), m.group("revision").lower())


# --- references to the text ------------------------------------------------------------------

@dataclass(frozen=True)
class Ref:
    """A parsed reference cell."""

    kind: str  # document | annex | paragraph | requirement
    key: str  # "" | "I" | "12" or "I.3" | "IPDX-FMT-001"
    detail: str = ""  # what follows "Annex I" ("requirements table")


GENERAL_WORDS = {"", "general", "whole document", "document", "all", "the whole document",
                 "entire document", "-", "\u2013", "\u2014", "n/a", "na", "ge"}
_PARA = re.compile(r"^(?:(?:para(?:graph)?|§)\.?\s*)?(?P<num>\d{1,5})\.?$", re.I)
_ANNEX_PARA = re.compile(r"^(?:(?:para(?:graph)?|§)\.?\s*)?(?P<annex>[IVXLC]+)\.(?P<num>\d{1,5})\.?$")
_ANNEX = re.compile(r"^annex\s+(?P<annex>[IVXLC]+)\b[\s,:;.\-\u2013\u2014]*(?P<detail>.*)$", re.I)
_REQ = re.compile(r"^\[?(?P<id>[A-Za-z]+-[A-Za-z0-9]+-\d{3,4})\]?$")

REF_FORMS = "a paragraph number (12, or I.3 in Annex I), a requirement ID (IPDX-FMT-001), 'Annex I', or 'General'"


def parse_ref(cell: str) -> Ref | None:
    """The reference a cell holds, or None when it is none of REF_FORMS."""
    text = " ".join(cell.split())
    if text.lower() in GENERAL_WORDS:
        return Ref("document", "")
    m = _PARA.match(text)
    if m:
        return Ref("paragraph", str(int(m.group("num"))))
    m = _ANNEX_PARA.match(text)
    if m:
        return Ref("paragraph", f"{m.group('annex')}.{int(m.group('num'))}")
    m = _ANNEX.match(text)
    if m:
        return Ref("annex", m.group("annex").upper(), m.group("detail").strip())
    m = _REQ.match(text)
    if m:
        return Ref("requirement", m.group("id").upper())
    return None


def parse_type(cell: str) -> str | None:
    return TYPE_WORDS.get(" ".join(cell.lower().replace(".", " ").split()))


_OFFICE = re.compile(r"^[A-Za-z][A-Za-z0-9]{1,9}$")


def parse_office(cell: str) -> str | None:
    """An office code (WIPO ST.3: EP, JP, US ... or an observer's short code), upper case."""
    text = cell.strip()
    return text.upper() if _OFFICE.match(text) else None


def cell_text(value) -> str:
    """A cell's value as text, kept as written; a number a spreadsheet made of `12` is 12."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).replace("\r\n", "\n").replace("\r", "\n").strip()
