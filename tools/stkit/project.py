"""A standard as one object: its registry, the catalogues and its scanned sources.

A project is read through a `Tree`, so the same code reads the working directory (`FsTree`)
or any git revision (`stkit.gitrev.GitTree`, used by `stkit diff`) without checking out.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from . import modelcache
from .diagnostics import Diagnostic
from .guard import paths
from .guard.markdown import CACHE_MODULES, CACHE_PACKAGES, FileRef, file_refusal, judge_source
from .model import Catalogues, Loc, Paragraph, Registry, SourceFile
from .registry import REGISTRY_FILE, RegistryLoad, load_registry
from .sources import scan
from .usercache import ContentCache

if TYPE_CHECKING:
    from .yamlsrc import YamlDoc

STANDARD_DIR = "standard"
ROOT_DOC = "index"


class Tree(Protocol):
    """Read-only access to the files of one version of the project."""

    def read(self, relpath: str) -> bytes | None:
        """The file's bytes, or None when it does not exist. Raises `guard.paths.Refused` for
        anything but a regular file inside the project (a link out of it, a device, a FIFO)."""

    def why_not(self, relpath: str) -> str | None:
        """Why `relpath` may not be read (see `read`), before reading it; None when it may
        (or does not exist)."""

    def list_markdown(self, reldir: str) -> list[str]:
        """Paths (relative to the root) of the .md files below `reldir`, sorted."""


class FsTree:
    def __init__(self, root: Path):
        self.root = Path(root)

    def read(self, relpath: str) -> bytes | None:
        return paths.read_regular(self.root, relpath)

    def why_not(self, relpath: str) -> str | None:
        return paths.why_not(self.root, relpath)

    def list_markdown(self, reldir: str) -> list[str]:
        """Every *.md below `reldir`, links included (they are refused when read), without
        following a linked folder (which could lead anywhere, or loop)."""
        base = self.root / reldir
        if not base.is_dir() or base.is_symlink():
            return []
        found = []
        for folder, dirs, files in os.walk(base, followlinks=False):
            dirs[:] = sorted(d for d in dirs if not d.startswith((".", "_")))
            rel = Path(folder).relative_to(self.root)
            found += [(rel / name).as_posix() for name in files
                      if name.endswith(".md") and not name.startswith((".", "_"))]
            found += [(rel / name).as_posix() for name in dirs
                      if name.endswith(".md") and os.path.islink(os.path.join(folder, name))]
        return sorted(found)


@dataclass
class Project:
    """A standard loaded once: registry, catalogues, sources, and the problems met loading them."""

    registry: Registry | None
    catalogues: Catalogues | None
    sources: list[SourceFile]  # in reading order: index first, then the toctree's order
    orphans: list[str] = field(default_factory=list)  # .md files not in the toctree
    load_diagnostics: list[Diagnostic] = field(default_factory=list)
    registry_doc: YamlDoc | None = None  # the registry as loaded (data and positions), for exports
    unreadable: list[str] = field(default_factory=list)  # sources that could not be read
    after_gap: set[str] = field(default_factory=set)  # sources read right after an unreadable one
    root: Path | None = None  # the folder, when read from disk (comment rounds are read from it)
    translations: list = field(default_factory=list)  # translation.catalog.PoFile of each language

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


def load_project(tree: Tree, catalogues: tuple[Catalogues | None, list[Diagnostic]] | None = None,
                 registry: tuple[Registry | None, list[Diagnostic]] | None = None) -> Project:
    """Load everything once. Never raises for a user's mistake: findings are diagnostics.
    `catalogues` and `registry`, when given, are models already loaded (the build's cache);
    the project then has no `registry_doc`."""
    diags: list[Diagnostic] = []
    # the registry and catalogues as loaded by the last check, when their bytes did not change
    kept = modelcache.open_cache(tree.root if isinstance(tree, FsTree) and (registry is None or catalogues is None)
                                 else None)
    if registry is not None:
        reg = RegistryLoad(registry[0], list(registry[1]))
    else:
        reg = read_registry(tree, kept)
    diags += reg.diagnostics
    cats, cat_diags = catalogues if catalogues is not None else modelcache.load_catalogues(kept)
    kept.save()
    diags += cat_diags
    loaded = load_sources(tree)
    sources, orphans, src_diags = loaded
    diags += src_diags
    if isinstance(tree, FsTree):
        diags += committed_build_files(tree.root)
    translations = []
    if reg.registry is not None:
        from .translation.catalog import read_catalogues
        from .translation.languages import translated_languages

        translations = read_catalogues(tree, translated_languages(reg.registry.metadata.languages))
    return Project(registry=reg.registry, catalogues=cats, sources=sources, orphans=orphans,
                   load_diagnostics=diags, registry_doc=reg.doc, unreadable=loaded.unreadable,
                   after_gap=loaded.after_gap, root=tree.root if isinstance(tree, FsTree) else None,
                   translations=translations)


def committed_build_files(root: Path) -> list[Diagnostic]:
    """SRC014: files committed under the build folders, which builds load back (guard/committed.py).
    git is asked only when such a folder exists: a tracked file is checked out with it."""
    from .guard.committed import BUILD_FOLDERS, PROBLEM, committed_under, remedy

    if not any((root / name).is_dir() for name in BUILD_FOLDERS):
        return []
    found = committed_under(root)
    return [Diagnostic.at("SRC014", Loc(path), PROBLEM, fix=remedy(path)) for path in found]


def read_registry(tree: Tree, cache: ContentCache | None = None):
    """The registry of `tree` loaded (`registry.RegistryLoad`); a registry that may not be read
    (a link out of the project, a device) is a finding, not an exception. With `cache` (see
    modelcache.py), a registry loaded cleanly before is read from it."""
    try:
        raw = tree.read(REGISTRY_FILE)
    except paths.Refused as exc:
        from .registry import RegistryLoad
        return RegistryLoad(None, [Diagnostic.at("REG005", Loc(REGISTRY_FILE), f"{exc}; only regular "
                                                 "files inside the repository are read")])
    if cache is not None:
        return modelcache.load_registry(raw, REGISTRY_FILE, cache)
    return load_registry(raw, REGISTRY_FILE)


class Sources(tuple):
    """(sources, orphans, diagnostics) as before, with what could not be read alongside."""

    unreadable: list[str]
    after_gap: set[str]


def load_sources(tree: Tree) -> Sources:
    diags: list[Diagnostic] = []
    index_path = f"{STANDARD_DIR}/{ROOT_DOC}.md"
    files = tree.list_markdown(STANDARD_DIR)
    sources: list[SourceFile] = []
    unreadable: list[str] = []
    # what the token pass judged in a source, kept by its path and text (usercache.py)
    judged = ContentCache.open("tokens", getattr(tree, "root", None), CACHE_MODULES, CACHE_PACKAGES)

    def read_source(path: str, loc: Loc | None) -> SourceFile | None:
        where = loc or Loc(path)
        try:
            raw = tree.read(path)
        except paths.Refused as exc:
            unreadable.append(path)
            diags.append(Diagnostic.at("SRC008", where, f"'{path}' {exc}; only regular files inside "
                                       "the repository are read, so it is neither checked nor built"))
            return None
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
            col = len(raw[raw.rfind(b"\n", 0, exc.start) + 1: exc.start].decode("utf-8", "replace")) + 1
            unreadable.append(path)
            diags.append(Diagnostic.at("REG005", Loc(path, line, col), f"not UTF-8: byte "
                                       f"0x{raw[exc.start]:02x} cannot be decoded; save the file as UTF-8"))
            return None
        sf = scan(path, text.lstrip("\ufeff"))
        for ref in judge_source(sf, judged):
            _judge_file(tree, sf, ref)
        return sf

    def result(sources, orphans, after_gap=frozenset()) -> Sources:
        judged.save()
        out = Sources((sources, orphans, diags))
        out.unreadable, out.after_gap = unreadable, set(after_gap)
        return out

    index = read_source(index_path, None)
    if index is None:
        return result([], files)
    sources.append(index)
    seen = {index_path}
    after_gap: set[str] = set()
    gap = False
    for entry_index, entry in enumerate(index.toctree):
        if "://" in entry or entry == "self":  # Sphinx takes these for an address, not a document
            continue
        path = f"{STANDARD_DIR}/{entry.removesuffix('.md')}.md"
        if path in seen:
            continue
        seen.add(path)
        loc = _toctree_loc(index, entry)
        sf = read_source(path, loc)
        if sf is None:
            gap = True  # the body's numbering picks up again after the chapter that is missing
        else:
            sources.append(sf)
            if gap and not sf.annex:
                after_gap.add(sf.path)
                gap = False
    orphans = [f for f in files if f not in seen]
    for orphan in orphans:
        reason = tree.why_not(orphan)
        if reason:  # Sphinx would read it as an orphan page: refused like a listed one
            unreadable.append(orphan)
            diags.append(Diagnostic.at("SRC008", Loc(orphan), f"'{orphan}' {reason}; only regular "
                                       "files inside the repository are read, so it is neither "
                                       "checked nor built"))
            continue
        diags.append(Diagnostic.at("SRC002", Loc(orphan), "not listed in the toctree of "
                                   f"{index_path}, so it is neither numbered nor built"))
    return result(sources, orphans, after_gap)


def _judge_file(tree: Tree, sf: SourceFile, ref: FileRef) -> None:
    """A file a directive, role or image of `sf` would read: refused unless it is a regular
    file inside the repository (judged before anything reads it)."""
    message = file_refusal(tree.why_not, sf.path, ref)
    if message:
        sf.problems.append(("SRC005", ref.loc, message))


def _toctree_loc(index: SourceFile, entry: str) -> Loc:
    for number, line in enumerate(index.text.split("\n"), start=1):
        if line.strip() == entry or line.strip().endswith(f"<{entry}>"):
            return Loc(index.path, number, line.index(line.strip()) + 1)
    return Loc(index.path)
