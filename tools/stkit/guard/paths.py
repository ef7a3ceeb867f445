"""May this path be read? Only a regular file inside the repository, reached without leaving it.

The answer is given from `lstat` alone, before the file is opened: a symbolic link is
followed only while it stays inside the repository, and a device (`/dev/zero`), a FIFO, a
socket or a folder is never opened (reading one could block or run until memory is gone).
"""

from __future__ import annotations

import os
import stat
from pathlib import Path, PurePosixPath

# A source of the standard is text of a few hundred kilobytes; a registry of 10,000
# requirements is about 20 MB. Anything larger is refused before it is read.
MAX_BYTES = 64 * 1024 * 1024


class Refused(Exception):
    """A path that may not be read; the message says why, naming the path as written."""


def lexical(relpath: str) -> PurePosixPath | None:
    """`relpath` with `.` and `..` folded, or None when it climbs above its start or is absolute."""
    if relpath.startswith(("/", "\\")) or "\0" in relpath:
        return None
    parts: list[str] = []
    for part in PurePosixPath(relpath.replace("\\", "/")).parts:
        if part == "..":
            if not parts:
                return None
            parts.pop()
        elif part not in (".", ""):
            parts.append(part)
    return PurePosixPath(*parts) if parts else PurePosixPath(".")


def why_not(root: Path, relpath: str) -> str | None:
    """None when `root/relpath` is a regular file inside `root` (or does not exist at all:
    the caller reports a missing file its own way); else a short reason, without the
    contents of anything. An image path with `*` (Sphinx picks one of the files it matches)
    is refused when any file it matches would be."""
    if "*" in relpath:
        return _why_not_pattern(root, relpath)
    rel = lexical(relpath)
    if rel is None:
        return "reaches outside the repository"
    root = Path(os.path.realpath(root))
    target = root / rel
    try:
        info = os.lstat(target)
    except FileNotFoundError:
        # A missing path whose folders are links out of the repository is still outside.
        real = Path(os.path.realpath(target))
        return None if _within(root, real) else "reaches outside the repository"
    except (NotADirectoryError, OSError):
        return None
    real = Path(os.path.realpath(target))
    if not _within(root, real):
        return "is a symbolic link to a file outside the repository" if stat.S_ISLNK(info.st_mode) \
            or real != target else "reaches outside the repository"
    try:
        info = os.stat(real)
    except FileNotFoundError:
        return "is a symbolic link to a file that does not exist" if stat.S_ISLNK(info.st_mode) else None
    except OSError as exc:  # a loop of links, a folder without permission ...
        return f"cannot be resolved ({exc.strerror})"
    if stat.S_ISDIR(info.st_mode):
        return "is a folder, not a file"
    if not stat.S_ISREG(info.st_mode):
        return f"is not a regular file (a {_kind(info.st_mode)})"
    if info.st_size > MAX_BYTES:
        return f"is larger than {MAX_BYTES // (1024 * 1024)} MB"
    return None


def _why_not_pattern(root: Path, relpath: str) -> str | None:
    rel = lexical(relpath)
    if rel is None:
        return "reaches outside the repository"
    folder = rel.parent.as_posix()
    if "*" in folder:
        return "has a wildcard in a folder name"
    reason = why_not(root, folder) if folder != "." else None
    if reason and not reason.startswith("is a folder"):
        return reason
    base = Path(os.path.realpath(Path(root) / folder))
    try:
        names = sorted(os.listdir(base))
    except OSError:
        return None
    import fnmatch
    for name in names:
        if fnmatch.fnmatchcase(name, rel.name):
            found = why_not(root, (PurePosixPath(folder) / name).as_posix())
            if found and not found.startswith("is a folder"):
                return f"matches '{name}', which {found}"
    return None


def read_regular(root: Path, relpath: str) -> bytes | None:
    """The bytes of `root/relpath`, or None when it does not exist. Raises Refused for anything
    but a regular file inside `root`. The file is opened without following a final link and
    without blocking, and checked again once open, so nothing swapped in between is read."""
    reason = why_not(root, relpath)
    if reason:
        raise Refused(reason)
    real = Path(os.path.realpath(Path(root) / lexical(relpath)))
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        fd = os.open(real, flags)
    except (FileNotFoundError, NotADirectoryError, IsADirectoryError):
        return None
    except OSError as exc:
        if os.path.islink(real):
            raise Refused("is a symbolic link") from None
        raise Refused(f"cannot be read ({exc.strerror})") from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise Refused(f"is not a regular file (a {_kind(info.st_mode)})")
        if info.st_size > MAX_BYTES:
            raise Refused(f"is larger than {MAX_BYTES // (1024 * 1024)} MB")
        chunks, total = [], 0
        while True:
            chunk = os.read(fd, 1 << 20)
            if not chunk:
                break
            total += len(chunk)
            if total > MAX_BYTES:
                raise Refused(f"is larger than {MAX_BYTES // (1024 * 1024)} MB")
            chunks.append(chunk)
        return b"".join(chunks)
    finally:
        os.close(fd)


def read_path(path: Path, root: Path | None) -> bytes | None:
    """`read_regular` for a path as given (absolute, or relative to the working folder): with
    `root`, the file must be a regular file inside it, reached without leaving it; without
    one (a file an office names on the command line), links are followed wherever they lead,
    but only a regular file is ever opened, without blocking."""
    path = Path(path)
    if root is None:
        real = Path(os.path.realpath(path))
        return read_regular(real.parent, real.name)
    rel = os.path.relpath(os.path.abspath(path), os.path.abspath(root))
    return read_regular(Path(root), rel.replace(os.sep, "/"))


def _within(root: Path, path: Path) -> bool:
    return path == root or root in path.parents


def _kind(mode: int) -> str:
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "device"
    if stat.S_ISFIFO(mode):
        return "FIFO"
    if stat.S_ISSOCK(mode):
        return "socket"
    return "special file"
