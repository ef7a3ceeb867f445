"""The few git facts a release needs, read with the git command in the project folder."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

# A release tag: `v<version>`, optionally after the standard's number (`ST.XX-v0.1`).
TAG_PATTERN = re.compile(r"^(?:ST\.(?:[0-9]+|XX)-)?v(?P<version>[0-9]+\.[0-9]+)$")


class GitError(Exception):
    """git is missing, the folder is not a repository, or a git command failed."""


def _git(root: Path, *args: str) -> str:
    try:
        done = subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True,
                              check=False)
    except FileNotFoundError:
        raise GitError("git is not installed; a release is built from a git commit") from None
    if done.returncode != 0:
        message = (done.stderr.strip().splitlines() or ["git failed"])[-1]
        raise GitError(f"git {' '.join(args)}: {message}")
    return done.stdout


def is_repository(root: Path) -> bool:
    try:
        return _git(root, "rev-parse", "--is-inside-work-tree").strip() == "true"
    except GitError:
        return False


def has_commit(root: Path) -> bool:
    try:
        _git(root, "rev-parse", "--verify", "-q", "HEAD^{commit}")
        return True
    except GitError:
        return False


def dirty_paths(root: Path, exclude: list[str] = ()) -> list[tuple[str, str]]:
    """Paths under `root` that differ from HEAD or are untracked (ignored files are not)."""
    specs = ["."] + [f":(exclude){path}" for path in exclude]
    out = _git(root, "status", "--porcelain=v1", "--untracked-files=all", "-z", "--", *specs)
    entries = [e for e in out.split("\0") if e]
    paths, skip = [], False
    for entry in entries:
        if skip:  # the source path of a rename
            skip = False
            continue
        status, path = entry[:2], entry[3:]
        if "R" in status or "C" in status:
            skip = True
        paths.append((path, _describe(status)))
    return paths


def _describe(status: str) -> str:
    if status == "??":
        return "untracked"
    if "D" in status:
        return "deleted, not committed"
    if "A" in status:
        return "added, not committed"
    if "R" in status:
        return "renamed, not committed"
    return "modified, not committed"


def head_commit(root: Path) -> str:
    return _git(root, "rev-parse", "HEAD").strip()


def head_short(root: Path) -> str:
    return _git(root, "rev-parse", "--short=10", "HEAD").strip()


def commit_epoch(root: Path) -> int:
    """The committer date of HEAD, seconds since 1970: the release's SOURCE_DATE_EPOCH."""
    return int(_git(root, "log", "-1", "--format=%ct", "HEAD").strip())


def release_tags(root: Path) -> dict[str, str]:
    """Release tags by version: {'0.1': 'v0.1', ...}. When two tags name one version, the
    plain `v<version>` wins."""
    found: dict[str, str] = {}
    for tag in sorted(_git(root, "tag", "--list").split()):
        match = TAG_PATTERN.match(tag)
        if match and (match["version"] not in found or tag.startswith("v")):
            found[match["version"]] = tag
    return found


def version_key(version: str) -> tuple[int, ...]:
    return tuple(int(part) for part in version.split("."))


def previous_release(root: Path, version: str) -> str | None:
    """The tag of the highest released version below `version`, or None."""
    below = [v for v in release_tags(root) if version_key(v) < version_key(version)]
    if not below:
        return None
    return release_tags(root)[max(below, key=version_key)]
