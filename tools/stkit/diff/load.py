"""Load the two sides of a comparison: a git revision, or the working tree."""

from __future__ import annotations

from pathlib import Path

from ..catalogues import load_catalogues
from ..errors import LoadError
from ..gitrev import GitTree, repo_top
from ..model import Catalogues
from ..project import FsTree, Project, load_project
from .compare import compare, match_paragraphs

WORKING_TREE = "working tree"


class SideError(LoadError):
    """One side cannot be loaded: says which revision, and the loader's located message."""

    def __init__(self, where: str, detail: str):
        Exception.__init__(self, f"stkit diff: {where}: {detail}")
        self.code, self.message = "DIFF", detail


def _catalogues() -> Catalogues:
    cats, diags = load_catalogues()
    if cats is None:
        d = diags[0]
        raise SideError("the catalogues", f"{d.path}:{d.line}:{d.col}: {d.code} {d.message}")
    return cats


def load_side(root: Path, rev: str | None, cats: Catalogues | None = None) -> tuple[Project, dict]:
    """The project at `rev` (None: the working tree) and how the report names it."""
    cats = cats or _catalogues()
    if rev is None:
        tree, side, where = FsTree(root), {"rev": WORKING_TREE, "commit": None}, "the working tree"
    else:
        tree = GitTree(root, rev)
        side, where = {"rev": rev, "commit": tree.commit}, f"revision '{rev}'"
    project = load_project(tree, (cats, []))
    if project.registry is None:
        d = next((d for d in project.load_diagnostics if d.severity == "error"), project.load_diagnostics[0])
        detail = f"{d.path}:{d.line}:{d.col}: {d.code} {d.message}"
        if d.code == "REG005" and d.message == "file not found":
            detail = f"{d.path} does not exist there"
        raise SideError(where, f"the registry does not load: {detail}")
    if project.unreadable:  # a comparison with a chapter missing would report it as removed
        path = project.unreadable[0]
        d = next((d for d in project.load_diagnostics if d.path == path or path in d.message),
                 None)
        detail = f"{d.path}:{d.line}:{d.col}: {d.code} {d.message}" if d else f"{path} cannot be read"
        raise SideError(where, f"{path} cannot be read, so the revision cannot be compared: {detail}")
    return project, side


def report(root: Path, base: str, head: str | None, lang: str | None = None) -> dict:
    """Compare `base` with `head` (None: the working tree) in the repository holding `root`.
    `lang` (a language of the registry besides English): the texts as its readers see them."""
    from . import languages  # here, not at the top: it takes SideError from this module

    root = Path(root)
    repo_top(root)  # one clear error when the folder is not in a repository
    cats = _catalogues()
    old, old_side = load_side(root, base, cats)
    new, new_side = load_side(root, head, cats)
    if lang and lang != languages.SOURCE_LANGUAGE:
        where = {"base": f"revision '{base}'",
                 "head": "the working tree" if head is None else f"revision '{head}'"}
        languages.require(lang, old, new, where)
        # paragraphs are matched by their English, then compared as the readers see them
        pairs = match_paragraphs(old.paragraphs, new.paragraphs)
        result = compare(languages.localise(old, lang), languages.localise(new, lang), old_side,
                         new_side, pairs=pairs)
        languages.localise_places(result, old, new, lang)
        result["lang"] = languages.describe(lang)
    else:
        pairs = None
        result = compare(old, new, old_side, new_side)
    result["translations"] = languages.section(old, new, pairs)
    return result
