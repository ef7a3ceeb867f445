"""A standard as one object: its registry, the catalogues and its scanned sources.

A project is read through a `Tree`, so the same code reads the working directory (`FsTree`)
or any git revision (`stkit.gitrev.GitTree`, used by `stkit diff`) without checking out.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from .catalogues import load_catalogues
from .diagnostics import Diagnostic
from .model import Catalogues, Loc, Paragraph, Registry, SourceFile
from .registry import REGISTRY_FILE, load_registry
from .sources import scan
from .yamlsrc import YamlDoc

STANDARD_DIR = "standard"
ROOT_DOC = "index"


class Tree(Protocol):
    """Read-only access to the files of one version of the project."""

    def read(self, relpath: str) -> bytes | None:
        """The file's bytes, or None when it does not exist."""

    def list_markdown(self, reldir: str) -> list[str]:
        """Paths (relative to the root) of the .md files below `reldir`, sorted."""


class FsTree:
    def __init__(self, root: Path):
        self.root = Path(root)

    def read(self, relpath: str) -> bytes | None:
        try:
            return (self.root / relpath).read_bytes()
        except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
            return None

    def list_markdown(self, reldir: str) -> list[str]:
        base = self.root / reldir
        if not base.is_dir():
            return []
        return sorted(p.relative_to(self.root).as_posix() for p in base.rglob("*.md")
                      if not any(part.startswith((".", "_")) for part in p.relative_to(base).parts))


@dataclass
class Project:
    registry: Registry | None
    catalogues: Catalogues | None
    sources: list[SourceFile]  # in reading order: index first, then the toctree's order
    orphans: list[str] = field(default_factory=list)  # .md files not in the toctree
    load_diagnostics: list[Diagnostic] = field(default_factory=list)
    registry_doc: YamlDoc | None = None  # the registry as loaded (data and positions), for exports
    root: Path | None = None  # the folder, when read from disk (comment rounds are read from it)

    @property
    def loaded(self) -> bool:
        return self.registry is not None and self.catalogues is not None

    @property
    def paragraphs(self) -> list[Paragraph]:
        return [p for sf in self.sources for p in sf.paragraphs]

    def source(self, path: str) -> SourceFile | None:
        for sf in self.sources:
            if sf.path == path:
                return sf
        return None


def find_root(start: Path) -> Path | None:
    """The nearest folder at or above `start` that holds a requirements registry."""
    start = start.resolve()
    for folder in (start, *start.parents):
        if (folder / REGISTRY_FILE).is_file():
            return folder
    return None


def load_project(tree: Tree, catalogues: tuple[Catalogues | None, list[Diagnostic]] | None = None
                 ) -> Project:
    """Load everything once. Never raises for a user's mistake: findings are diagnostics."""
    diags: list[Diagnostic] = []
    reg = load_registry(tree.read(REGISTRY_FILE), REGISTRY_FILE)
    diags += reg.diagnostics
    cats, cat_diags = catalogues if catalogues is not None else load_catalogues()
    diags += cat_diags
    sources, orphans, src_diags = load_sources(tree)
    diags += src_diags
    return Project(registry=reg.registry, catalogues=cats, sources=sources, orphans=orphans,
                   load_diagnostics=diags, registry_doc=reg.doc,
                   root=tree.root if isinstance(tree, FsTree) else None)


def load_sources(tree: Tree) -> tuple[list[SourceFile], list[str], list[Diagnostic]]:
    diags: list[Diagnostic] = []
    index_path = f"{STANDARD_DIR}/{ROOT_DOC}.md"
    files = tree.list_markdown(STANDARD_DIR)
    sources: list[SourceFile] = []

    def read_source(path: str, loc: Loc | None) -> SourceFile | None:
        raw = tree.read(path)
        if raw is None:
            if loc is None:  # the root document itself
                diags.append(Diagnostic.at("REG005", Loc(path), "file not found: the root document "
                                           "of the standard, whose toctree lists the other files"))
            else:
                diags.append(Diagnostic.at("SRC001", loc, f"the toctree lists '{path}', which does not exist"))
            return None
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            line = raw[: exc.start].count(b"\n") + 1
            diags.append(Diagnostic.at("REG005", Loc(path, line, 1), "not UTF-8; save the file as UTF-8"))
            return None
        return scan(path, text.lstrip("\ufeff"))

    index = read_source(index_path, None)
    if index is None:
        return [], files, diags
    sources.append(index)
    seen = {index_path}
    for entry_index, entry in enumerate(index.toctree):
        path = f"{STANDARD_DIR}/{entry.removesuffix('.md')}.md"
        if path in seen:
            continue
        seen.add(path)
        loc = _toctree_loc(index, entry)
        sf = read_source(path, loc)
        if sf is not None:
            sources.append(sf)
    orphans = [f for f in files if f not in seen]
    for orphan in orphans:
        diags.append(Diagnostic.at("SRC002", Loc(orphan), "not listed in the toctree of "
                                   f"{index_path}, so it is neither numbered nor built"))
    return sources, orphans, diags


def _toctree_loc(index: SourceFile, entry: str) -> Loc:
    for number, line in enumerate(index.text.split("\n"), start=1):
        if line.strip() == entry or line.strip().endswith(f"<{entry}>"):
            return Loc(index.path, number, line.index(line.strip()) + 1)
    return Loc(index.path)
