"""A comment record and its round: plain data, to and from the YAML of comments/<round>.yaml."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

DECISIONS = ("open", "accepted", "accepted-in-part", "not-accepted", "noted")
DECISION_NAMES = {"open": "open", "accepted": "accepted", "accepted-in-part": "accepted in part",
                  "not-accepted": "not accepted", "noted": "noted"}
ROUND_NAME = re.compile(r"^[a-z0-9][a-z0-9._-]{0,63}$")
ROUNDS_DIR = "comments"
ROUNDS_FORMAT = 1


@dataclass
class Anchor:
    kind: str  # document | annex | paragraph | requirement
    ref: str = ""  # "" | "I" | "12" / "I.3" | "IPDX-FMT-001"
    label: str | None = None  # the paragraph's (label)= at the revision
    file: str = ""  # the source file at the revision
    text: str = ""  # the text commented on, at the revision
    detail: str = ""  # what the office wrote after "Annex I" (a table ...)

    def shown(self) -> str:
        if self.kind == "document":
            return "the whole document"
        if self.kind == "annex":
            return f"Annex {self.ref}" + (f" ({self.detail})" if self.detail else "")
        if self.kind == "paragraph":
            return f"paragraph {self.ref}"
        return self.ref


@dataclass
class Source:
    form: str  # the file name of the form
    sheet: str  # "table 1", "sheet 'Comments'", ""
    row: int


@dataclass
class Disposition:
    decision: str = "open"
    response: str = ""
    change: str = ""  # a commit or pull request that carried it

    @property
    def is_open(self) -> bool:
        return self.decision == "open"


@dataclass
class Comment:
    id: str  # office code and number: EP-001
    office: str
    revision: str  # the commit the form was made on
    version: str  # the standard's version at that revision
    anchor: Anchor
    type: str
    comment: str
    proposed_change: str = ""
    source: Source | None = None
    disposition: Disposition = field(default_factory=Disposition)

    def identity(self) -> tuple:
        """What makes two imports the same comment (importing a form twice adds nothing)."""
        return (self.office, self.revision, self.anchor.kind, self.anchor.ref, self.anchor.detail,
                self.type, _norm(self.comment), _norm(self.proposed_change))

    def to_data(self) -> dict:
        anchor = {"kind": self.anchor.kind}
        if self.anchor.ref:
            anchor["ref"] = self.anchor.ref
        for name in ("label", "file", "text", "detail"):
            value = getattr(self.anchor, name)
            if value:
                anchor[name] = value
        data = {"id": self.id, "office": self.office, "revision": self.revision,
                "version": self.version, "anchor": anchor, "type": self.type,
                "comment": self.comment}
        if self.proposed_change:
            data["proposed_change"] = self.proposed_change
        if self.source is not None:
            data["source"] = {"form": self.source.form, "sheet": self.source.sheet,
                              "row": self.source.row}
        disp = {"decision": self.disposition.decision}
        if self.disposition.response:
            disp["response"] = self.disposition.response
        if self.disposition.change:
            disp["change"] = self.disposition.change
        data["disposition"] = disp
        return data

    @classmethod
    def from_data(cls, data: dict) -> "Comment":
        a = data["anchor"]
        src = data.get("source")
        d = data.get("disposition") or {}
        return cls(id=data["id"], office=data["office"], revision=data["revision"],
                   version=str(data["version"]),
                   anchor=Anchor(a["kind"], a.get("ref", ""), a.get("label"), a.get("file", ""),
                                 a.get("text", ""), a.get("detail", "")),
                   type=data["type"], comment=data.get("comment", ""),
                   proposed_change=data.get("proposed_change", ""),
                   source=Source(src["form"], src.get("sheet", ""), src["row"]) if src else None,
                   disposition=Disposition(d.get("decision", "open"), d.get("response", "") or "",
                                           d.get("change", "") or ""))


@dataclass
class Round:
    name: str
    standard: str
    comments: list[Comment] = field(default_factory=list)
    path: str = ""  # comments/<name>.yaml, relative to the project root

    def next_id(self, office: str) -> str:
        taken = {c.id for c in self.comments}
        n = 1 + sum(1 for c in self.comments if c.office == office)
        while f"{office}-{n:03d}" in taken:
            n += 1
        return f"{office}-{n:03d}"

    def by_id(self) -> dict[str, Comment]:
        return {c.id: c for c in self.comments}

    def to_data(self) -> dict:
        return {"comments_format": ROUNDS_FORMAT, "round": self.name, "standard": self.standard,
                "comments": [c.to_data() for c in self.comments]}


def _norm(text: str) -> str:
    return " ".join(text.split())
