"""Read one git revision of the project without checking it out.

`GitTree` implements the `project.Tree` protocol: `stkit diff` loads any revision through
the same `load_project` the checker uses. It lists the revision's files once with
`git ls-tree` and reads every file it may need (the registry and the Markdown sources) in
one `git cat-file --batch` call, so a revision costs three short git processes. Nothing is
checked out, the index is not refreshed and no lock is taken: the working tree and
`git status` stay exactly as they were.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path, PurePosixPath

from .errors import UsageError
from .guard.paths import Refused, lexical
from .project import STANDARD_DIR
from .registry import REGISTRY_FILE

# Read-only commands must not refresh the index behind the user's back.
_ENV = {**os.environ, "GIT_OPTIONAL_LOCKS": "0", "GIT_TERMINAL_PROMPT": "0", "LC_ALL": "C"}


class GitError(UsageError):
    """git is missing, the folder is not in a repository, or the revision is unknown."""


def _git(cwd: Path, *args: str, data: bytes | None = None) -> subprocess.CompletedProcess:
    try:
        return subprocess.run(["git", *args], cwd=cwd, input=data, capture_output=True, env=_ENV)
    except FileNotFoundError:
        raise GitError("git is not installed (stkit diff reads revisions with git)") from None
    except NotADirectoryError:
        raise GitError(f"{cwd}: not a folder") from None


def repo_top(folder: Path) -> tuple[Path, str]:
    """(the repository's top folder, the project's path inside it as 'a/b/' or '')."""
    folder = Path(folder)
    if not folder.is_dir():
        raise GitError(f"{folder}: no such folder")
    out = _git(folder, "rev-parse", "--show-toplevel", "--show-prefix")
    if out.returncode != 0:
        if b"dubious ownership" in out.stderr:
            raise GitError(f"git refuses the repository at {folder} (owned by another user); "
                           "see `git config --global --add safe.directory`")
        raise GitError(f"{folder} is not inside a git repository; stkit diff compares git revisions")
    lines = out.stdout.decode("utf-8", "replace").split("\n")
    return Path(lines[0]), lines[1] if len(lines) > 1 else ""


def resolve(folder: Path, rev: str) -> str:
    """The full commit id of `rev`, or a one-line error naming the revision."""
    if not rev or rev.startswith("-"):
        raise GitError(f"unknown revision '{rev}'")
    out = _git(folder, "rev-parse", "--verify", "--quiet", "--end-of-options", f"{rev}^{{commit}}")
    if out.returncode != 0:
        raise GitError(f"unknown revision '{rev}'")
    return out.stdout.decode().strip()


class GitTree:
    """The project's files as they are at one revision (the `project.Tree` protocol)."""

    def __init__(self, root: Path, rev: str):
        self.root = Path(root)
        self.rev = rev
        self.top, self.prefix = repo_top(self.root)
        self.commit = resolve(self.root, rev)
        self._links: set[str] = set()
        self._blobs = self._list()  # project-relative path -> blob id
        self._cache: dict[str, bytes] = {}
        # What load_project reads: the registry and the sources, in one batch.
        self._prefetch([p for p in self._blobs if p not in self._links and (p == REGISTRY_FILE or (p.startswith(STANDARD_DIR + "/") and p.endswith(".md")))])

    def _list(self) -> dict[str, str]:
        args = ["ls-tree", "-r", "-z", "--full-tree", self.commit]
        if self.prefix:
            args += ["--", self.prefix.rstrip("/")]
        out = _git(self.top, *args)
        if out.returncode != 0:  # pragma: no cover - the commit was just resolved
            raise GitError(f"cannot list revision '{self.rev}': {out.stderr.decode().strip()}")
        blobs = {}
        for entry in out.stdout.decode("utf-8", "surrogateescape").split("\0"):
            if not entry:
                continue
            meta, _, path = entry.partition("\t")
            mode, kind, sha = meta.split()
            if kind == "blob":
                blobs[path[len(self.prefix):]] = sha
                if mode == "120000":  # a symbolic link: its blob is the link's target, not a file
                    self._links.add(path[len(self.prefix):])
        return blobs

    def _prefetch(self, paths: list[str]) -> None:
        """Read many blobs in one `git cat-file --batch` (one process, one round trip)."""
        wanted = [p for p in paths if p not in self._cache]
        if not wanted:
            return
        request = "".join(self._blobs[p] + "\n" for p in wanted).encode()
        out = _git(self.top, "cat-file", "--batch", data=request)
        data, pos = out.stdout, 0
        for path in wanted:
            end = data.index(b"\n", pos)
            header = data[pos:end].split()
            pos = end + 1
            if len(header) != 3:  # "<sha> missing": cannot happen for a listed blob
                continue
            size = int(header[2])
            self._cache[path] = data[pos:pos + size]
            pos += size + 1  # the content is followed by a newline

    # --- the Tree protocol ------------------------------------------------------------------
    def read(self, relpath: str) -> bytes | None:
        reason = self.why_not(relpath)
        if reason:
            raise Refused(reason)
        relpath = lexical(relpath).as_posix()
        if relpath not in self._blobs:
            return None
        if relpath not in self._cache:
            self._prefetch([relpath])
        return self._cache.get(relpath)

    def why_not(self, relpath: str) -> str | None:
        rel = lexical(relpath)
        if rel is None:
            return "reaches outside the repository"
        rel_s = rel.as_posix()
        if rel_s in self._links or any(rel_s.startswith(link + "/") for link in self._links):
            return "is a symbolic link (in this revision); only regular files are read"
        return None

    def list_markdown(self, reldir: str) -> list[str]:
        base = reldir.rstrip("/") + "/"
        return sorted(p for p in self._blobs if p.startswith(base) and p.endswith(".md")
                      and not any(part.startswith((".", "_")) for part in p[len(base):].split("/")))

    def exists(self, relpath: str) -> bool:
        return relpath in self._blobs
