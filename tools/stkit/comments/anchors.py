"""Where a comment is now. A comment names the text at the revision its form was made on;
the text moves on. Paragraphs of that revision are matched to the current ones by the same
matching `stkit diff` does (stkit.diff.compare.match_paragraphs: by label, then identical
text in order, then similar words), requirements by ID. A paragraph removed since, or a
requirement withdrawn or reworded since, says so."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..catalogues import load_catalogues
from ..diff.compare import match_paragraphs
from ..diff.redline import normalise
from ..errors import LoadError, UsageError
from ..gitrev import GitTree
from ..model import Paragraph
from ..project import Project, load_project
from .records import Anchor, Comment
from .targets import Target, standard_order

# States of a comment's anchor in the current text.
CURRENT = "current"  # the same text, at the same number
RENUMBERED = "renumbered"
REWORDED = "reworded"
REMOVED = "removed"
WITHDRAWN = "withdrawn"
NOWHERE = "nowhere"  # the anchor names nothing at its revision (CMT001)
UNKNOWN_REVISION = "unknown-revision"  # the revision cannot be read here (CMT001)


@dataclass
class Placed:
    """A comment's anchor in the current text."""

    state: str
    target: Target | None  # the current paragraph, requirement, annex or document
    position: float  # in the standard's order (for sorting the compilation)
    note: str = ""  # what changed since, for a reader ("was paragraph 11 in version 0.1")

    @property
    def current(self) -> str:
        """How the current text is named: 'paragraph 12', 'IPDX-FMT-001', 'Annex I'."""
        t = self.target
        if t is None:
            return "\u2014"
        return {"document": "General", "annex": f"Annex {t.key}",
                "paragraph": f"paragraph {t.key}"}.get(t.kind, t.key)


class Revisions:
    """The project at each revision comments were made on, loaded once (read from git)."""

    def __init__(self, root: Path, catalogues=None):
        self.root = Path(root)
        self._projects: dict[str, Project | str] = {}
        # The installed catalogues serve every revision (as in stkit diff); loaded once.
        self._cats = (catalogues, []) if catalogues is not None else None

    def project(self, rev: str) -> Project | str:
        """The project at `rev`, or why it cannot be read."""
        if rev not in self._projects:
            self._projects[rev] = self._load(rev)
        return self._projects[rev]

    def _load(self, rev: str) -> Project | str:
        if self._cats is None:
            cats, diags = load_catalogues()
            self._cats = (cats, diags)
        try:
            tree = GitTree(self.root, rev)
        except UsageError as exc:
            return str(exc)
        project = load_project(tree, self._cats)
        if project.registry is None:
            d = next(iter(project.load_diagnostics), None)
            return f"the registry at revision {rev[:10]} does not load" + (f" ({d.message})" if d else "")
        return project


class ParagraphIndex:
    """A project's paragraphs listed once, and where each number is (a lookup per comment)."""

    def __init__(self, project: Project):
        self.paragraphs = project.paragraphs
        self.by_display: dict[str, list[int]] = {}
        for i, p in enumerate(self.paragraphs):
            self.by_display.setdefault(p.display, []).append(i)

    def find(self, display: str, label: str | None) -> int | None:
        found = self.by_display.get(display, [])
        if label:
            found = [i for i in found if self.paragraphs[i].label == label] or found
        return found[0] if found else None


_INDEXES: dict[int, tuple[Project, ParagraphIndex]] = {}


def paragraph_index(project: Project) -> ParagraphIndex:
    """The index of `project`, made once per loaded project."""
    held = _INDEXES.get(id(project))
    if held is None or held[0] is not project:
        held = (project, ParagraphIndex(project))
        _INDEXES[id(project)] = held
        while len(_INDEXES) > 8:  # the projects of one command (or one build); older ones go
            del _INDEXES[next(iter(_INDEXES))]
    return held[1]


def find_at(project: Project, anchor: Anchor) -> Target | Paragraph | None:
    """The paragraph (or requirement, annex) `anchor` names in `project`, or None."""
    if anchor.kind == "document":
        return Target("document", "", "", "")
    if anchor.kind == "paragraph":
        index = paragraph_index(project)
        i = index.find(anchor.ref, anchor.label)
        return index.paragraphs[i] if i is not None else None
    if anchor.kind == "requirement":
        req = project.registry.by_id.get(anchor.ref)
        return Target("requirement", req.id, req.statement, "") if req else None
    for sf in project.sources:  # annex
        if sf.annex == anchor.ref:
            return Target("annex", sf.annex, sf.title or "", sf.path, docname=sf.docname)
    return None


class Resolver:
    """Places comments in the current text (`current`, usually the working tree)."""

    def __init__(self, revisions: Revisions, current: Project):
        self.revisions = revisions
        self.current = current
        self.targets = standard_order(current)
        self._pos = {(t.kind, t.file, t.line, t.key): i for i, t in enumerate(self.targets)}
        self._by_key: dict[tuple[str, str], int] = {}
        for i, t in enumerate(self.targets):
            self._by_key.setdefault((t.kind, t.key), i)
        self._pairs: dict[str, dict[int, int]] = {}
        self._paragraphs = paragraph_index(current).paragraphs

    def _pairs_for(self, rev: str, old: Project) -> dict[int, int]:
        if rev not in self._pairs:
            self._pairs[rev] = dict(match_paragraphs(paragraph_index(old).paragraphs, self._paragraphs))
        return self._pairs[rev]

    def _target_of(self, p: Paragraph) -> tuple[Target, int]:
        i = self._pos.get(("paragraph", p.loc.path, p.loc.line, p.display))
        if i is None:  # pragma: no cover - every current paragraph is a target
            i = self._by_key[("paragraph", p.display)]
        return self.targets[i], i

    def place(self, comment: Comment) -> Placed:
        anchor, rev = comment.anchor, comment.revision
        if anchor.kind == "document":
            return Placed(CURRENT, self.targets[0], 0)
        old = self.revisions.project(rev)
        if isinstance(old, str):
            return Placed(UNKNOWN_REVISION, None, len(self.targets), old)
        version = comment.version
        if anchor.kind == "paragraph":
            return self._paragraph(comment, old, rev, version)
        if anchor.kind == "requirement":
            return self._requirement(anchor, old, version)
        return self._annex(anchor, old, version)

    def _paragraph(self, comment: Comment, old: Project, rev: str, version: str) -> Placed:
        anchor = comment.anchor
        index = paragraph_index(old)
        i = index.find(anchor.ref, anchor.label)
        if i is None:
            return Placed(NOWHERE, None, len(self.targets),
                          f"version {version} has no paragraph {anchor.ref}")
        found = index.paragraphs[i]
        pairs = self._pairs_for(rev, old)
        j = pairs.get(i)
        if j is None:
            before = next((pairs[k] for k in range(i - 1, -1, -1) if k in pairs), None)
            position = self._target_of(self._paragraphs[before])[1] + 0.5 if before is not None else 0.5
            return Placed(REMOVED, None, position,
                          f"paragraph {anchor.ref} of version {version} has been removed since")
        now = self._paragraphs[j]
        target, position = self._target_of(now)
        notes, state = [], CURRENT
        if now.display != found.display:
            state = RENUMBERED
            notes.append(f"paragraph {found.display} in version {version}, now {now.display}")
        if normalise(now.text) != normalise(found.text):
            state = REWORDED
            notes.append("reworded since")
        return Placed(state, target, position, "; ".join(notes))

    def _requirement(self, anchor: Anchor, old: Project, version: str) -> Placed:
        if anchor.ref not in old.registry.by_id:
            return Placed(NOWHERE, None, len(self.targets),
                          f"version {version} has no requirement {anchor.ref}")
        req = self.current.registry.by_id.get(anchor.ref)
        if req is None:  # an ID deleted from the registry: stkit diff's error
            return Placed(REMOVED, None, len(self.targets),
                          f"{anchor.ref} is no longer in the registry")
        i = self._by_key.get(("requirement", req.id))
        target = self.targets[i] if i is not None else Target("requirement", req.id, req.statement, "")
        position = i if i is not None else len(self.targets)
        if not req.active:
            note = f"{req.id} has been withdrawn since version {version}"
            if req.withdrawn_in:
                note = f"{req.id} was withdrawn in version {req.withdrawn_in}"
            if req.replaced_by:
                note += f", replaced by {req.replaced_by}"
            return Placed(WITHDRAWN, target, position, note)
        before = anchor.text or old.registry.by_id[anchor.ref].statement
        if normalise(before) != normalise(req.statement):
            return Placed(REWORDED, target, position, f"reworded since version {version}")
        return Placed(CURRENT, target, position)

    def _annex(self, anchor: Anchor, old: Project, version: str) -> Placed:
        found = find_at(old, anchor)
        if found is None:
            return Placed(NOWHERE, None, len(self.targets), f"version {version} has no Annex {anchor.ref}")
        for i, t in enumerate(self.targets):
            if t.kind == "annex" and t.file == found.file:
                if t.key != anchor.ref:
                    return Placed(RENUMBERED, t, i, f"Annex {anchor.ref} in version {version}, now Annex {t.key}")
                return Placed(CURRENT, t, i)
        return Placed(REMOVED, None, len(self.targets),
                      f"Annex {anchor.ref} of version {version} has been removed since")


def load_resolver(root: Path, current: Project) -> Resolver:
    return Resolver(Revisions(root), current)


__all__ = ["Placed", "Resolver", "Revisions", "find_at", "load_resolver", "LoadError"]
