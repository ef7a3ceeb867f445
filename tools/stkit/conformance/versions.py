"""The registry of the version a statement claims against, read from git without checking
anything out (the same revision loading as `stkit diff`).

A version is found, in this order: the working tree, when its registry is of that version; a
release tag (`v<version>` or `<number>-v<version>`, as `stkit release` names them); failing a
tag, the newest commit whose registry says `metadata.version: <version>`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ..errors import UsageError
from ..model import Registry
from ..project import FsTree
from ..registry import REGISTRY_FILE, load_registry

_VERSION_LINE = re.compile(rb"^metadata:\s*$.*?^\s+version:\s*[\"']?([0-9]+\.[0-9]+)[\"']?\s*$",
                           re.M | re.S)


@dataclass
class Edition:
    """One version of the standard's registry, and where it was read from."""

    version: str
    registry: Registry
    source: str  # "the working tree", "tag v0.1", "commit 1a2b3c4d5e"


class VersionError(Exception):
    """The version cannot be found or its registry does not load (one line, no location)."""


class Editions:
    """The registries of the versions statements name, each loaded once."""

    def __init__(self, root: Path | None, registry_file: Path | None = None):
        """The project at `root` (its working tree and git history); or, with `registry_file`
        (a release bundle's `<stem>-registry.yaml`), that one version alone, without git."""
        self.root = Path(root) if root is not None else None
        self.registry_file = registry_file
        self._cache: dict[str, Edition | VersionError] = {}
        self._current: Edition | None = None
        self._history: list[tuple[str, str]] | None = None  # (commit, version), newest first

    @property
    def current(self) -> Edition:
        """The working tree's registry (raises VersionError when it does not load)."""
        if self._current is None:
            if self.registry_file is not None:
                load = self._load_file(self.registry_file)
            else:
                load = load_registry(FsTree(self.root).read(REGISTRY_FILE))
            if load.registry is None:
                d = load.diagnostics[0]
                raise VersionError(f"the registry does not load: {d.path}:{d.line}:{d.col}: {d.code} {d.message}")
            where = str(self.registry_file) if self.registry_file is not None else "the working tree"
            self._current = Edition(load.registry.metadata.version, load.registry, where)
        return self._current

    @staticmethod
    def _load_file(path: Path):
        """A registry named on the command line: only a regular file is opened (never a
        device or a FIFO, which could block)."""
        from ..guard.paths import Refused, read_path

        try:
            raw = read_path(path, None)
        except Refused as exc:
            raise VersionError(f"{path}: not read: it {exc}") from None
        except OSError as exc:
            raise VersionError(f"{path}: cannot be read: {exc.strerror}") from None
        return load_registry(raw, str(path))

    def use_current(self, registry: Registry) -> None:
        """Take an already loaded working-tree registry (the Sphinx build has one)."""
        self._current = Edition(registry.metadata.version, registry, "the working tree")

    def get(self, version: str) -> Edition:
        if version not in self._cache:
            try:
                self._cache[version] = self._find(version)
            except VersionError as exc:
                self._cache[version] = exc
        found = self._cache[version]
        if isinstance(found, VersionError):
            raise found
        return found

    def known(self) -> list[str]:
        """Every version that can be found, oldest first (for messages)."""
        from ..release.git import version_key

        versions = {self.current.version, *self._tags(), *(v for _, v in self._commits())}
        return sorted(versions, key=version_key)

    # --- finding a version ---------------------------------------------------------------
    def _find(self, version: str) -> Edition:
        if self.current.version == version:
            return self.current
        tag = self._tags().get(version)
        if tag:
            return self._load(version, tag, f"tag {tag}")
        for commit, found in self._commits():
            if found == version:
                return self._load(version, commit, f"commit {commit[:10]}")
        known = ", ".join(self.known())
        how = (f"only {self.registry_file} is read (--registry)" if self.registry_file is not None
               else "versions are found by release tag or in the registry's git history")
        raise VersionError(f"no version {version} of the standard is known here (known: {known}); {how}")

    def _load(self, version: str, rev: str, source: str) -> Edition:
        from ..gitrev import GitTree

        try:
            raw = GitTree(self.root, rev).read(REGISTRY_FILE)
        except UsageError as exc:
            raise VersionError(f"version {version} ({source}) cannot be read: {exc}") from None
        load = load_registry(raw, f"{REGISTRY_FILE}@{rev[:10] if len(rev) == 40 else rev}")
        if load.registry is None:
            d = load.diagnostics[0]
            raise VersionError(f"the registry of version {version} ({source}) does not load: "
                               f"{d.path}:{d.line}:{d.col}: {d.code} {d.message}")
        return Edition(version, load.registry, source)

    def _tags(self) -> dict[str, str]:
        from ..release.git import GitError, release_tags

        if self.root is None:
            return {}
        try:
            return release_tags(self.root)
        except GitError:
            return {}

    def _commits(self) -> list[tuple[str, str]]:
        """(commit, the registry's version there) for each commit that changed the registry,
        newest first: two git processes, however long the history."""
        if self._history is not None:
            return self._history
        from ..gitrev import GitError, _git, repo_top

        self._history = []
        if self.root is None:
            return self._history
        try:
            _top, prefix = repo_top(self.root)
        except GitError:
            return self._history
        out = _git(self.root, "log", "--format=%H", "--", REGISTRY_FILE)
        commits = out.stdout.decode().split() if out.returncode == 0 else []
        if not commits:
            return self._history
        request = "".join(f"{c}:{prefix}{REGISTRY_FILE}\n" for c in commits).encode()
        data = _git(self.root, "cat-file", "--batch", data=request).stdout
        pos = 0
        for commit in commits:
            end = data.index(b"\n", pos)
            header = data[pos:end].split()
            pos = end + 1
            if len(header) != 3 or header[1] != b"blob":
                continue
            size = int(header[2])
            blob = data[pos:pos + size]
            pos += size + 1
            match = _VERSION_LINE.search(blob[:20_000])
            if match:
                self._history.append((commit, match.group(1).decode()))
        return self._history
