"""What a comment can be made on, at one revision, in the standard's order: the document as
a whole, each annex, each numbered paragraph and each placed requirement."""

from __future__ import annotations

from dataclasses import dataclass

from ..project import Project
from ..sources import ROLE

EXCERPT = 160  # characters of text shown in a form's row


@dataclass(frozen=True)
class Target:
    kind: str  # document | annex | paragraph | requirement
    key: str  # "" | "I" | "12" / "I.3" | "IPDX-FMT-001"
    text: str  # the full text (paragraph, statement), or a title
    file: str  # source path ("" for the document)
    label: str | None = None  # a paragraph's (label)=
    line: int = 0  # where it is written (a requirement: its placement)
    html_id: str = ""  # its anchor in the HTML (para-12, annex-i-para-3, req-ipdx-fmt-001)
    docname: str = ""

    @property
    def ref(self) -> str:
        """How the form writes it."""
        return {"document": "General", "annex": f"Annex {self.key}"}.get(self.kind, self.key)

    @property
    def excerpt(self) -> str:
        return excerpt(self.text)


def plain(text: str) -> str:
    """The text as a reader sees it: roles ({st}`ST.96`) shown as their target."""
    return ROLE.sub(lambda m: m.group("target"), text)


def excerpt(text: str, limit: int = EXCERPT) -> str:
    flat = " ".join(plain(text).split())
    if len(flat) <= limit:
        return flat
    cut = flat[:limit].rsplit(" ", 1)[0]
    return cut + " \u2026"


def standard_order(project: Project) -> list[Target]:
    """Every target, in reading order (requirements where they are placed)."""
    md = project.registry.metadata
    out = [Target("document", "", f"{md.number}: {md.title} (the document as a whole)", "")]
    by_id = project.registry.by_id
    for sf in project.sources:
        if sf.annex:
            out.append(Target("annex", sf.annex, sf.title or f"Annex {sf.annex}", sf.path,
                              docname=sf.docname))
        items = [(p.loc.line, 0, p) for p in sf.paragraphs]
        items += [(pl.loc.line, 1, pl) for pl in sf.placements if pl.req_id in by_id]
        seen: set[str] = set()
        for _, kind, item in sorted(items, key=lambda t: (t[0], t[1])):
            if kind == 0:
                out.append(Target("paragraph", item.display, item.text, sf.path, item.label,
                                  item.loc.line, item.anchor, sf.docname))
            elif item.req_id not in seen:
                seen.add(item.req_id)
                req = by_id[item.req_id]
                out.append(Target("requirement", req.id, req.statement, sf.path,
                                  line=item.loc.line, html_id=req.anchor, docname=sf.docname))
    return out


def index(targets: list[Target]) -> dict[tuple[str, str], int]:
    """(kind, key) -> position; the first of a repeated paragraph number (NUM002) wins."""
    out: dict[tuple[str, str], int] = {}
    for i, t in enumerate(targets):
        out.setdefault((t.kind, t.key), i)
    return out
