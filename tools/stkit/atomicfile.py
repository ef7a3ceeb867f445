"""Files written whole or not at all: through a temporary file in the same folder, renamed into
place. A reader never sees half a file, and a failure (or Ctrl-C) leaves the old file as it was
and no temporary behind. One helper for every command that writes an output file."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


# Read once: os.umask can only be read by setting it, which is not safe to repeat in threads.
_MODE = 0o666 & ~_umask()


def write_atomic(path: Path | str, data: bytes | str) -> Path:
    """Write `data` (text is written as UTF-8, line ends as given) to `path`, creating its
    folder; the file gets the permissions of a plainly created one."""
    path = Path(path)
    if isinstance(data, str):
        data = data.encode("utf-8")
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, _MODE)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path
