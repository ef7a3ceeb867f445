"""Byte-stable outputs: the build environment, zips with fixed timestamps and order, and
the checksum file. The same commit gives the same bytes in any folder, at any time."""

from __future__ import annotations

import hashlib
import os
import time
import zipfile
from pathlib import Path

# Zip timestamps cannot say anything before 1980-01-01.
_ZIP_EPOCH_MIN = 315532800
FILE_MODE = 0o644
COMPRESSION = zipfile.ZIP_DEFLATED
COMPRESSLEVEL = 9


def build_environment(epoch: int, *, release: bool) -> dict[str, str]:
    """A clean environment for the build subprocesses: only what they need, plus the
    variables that make their output reproducible."""
    env = {name: os.environ[name] for name in ("PATH", "HOME", "TMPDIR", "SYSTEMROOT")
           if name in os.environ}
    env.update({
        "SOURCE_DATE_EPOCH": str(epoch),
        "PYTHONHASHSEED": "0",
        "LC_ALL": "C.UTF-8",
        "LANG": "C.UTF-8",
        "TZ": "UTC",
        "PYTHONDONTWRITEBYTECODE": "1",
    })
    if release:
        env["STKIT_RELEASE"] = "1"
    return env


def zip_date_time(epoch: int) -> tuple[int, int, int, int, int, int]:
    """SOURCE_DATE_EPOCH as a zip entry's date and time (UTC; zip keeps even seconds)."""
    return time.gmtime(max(epoch, _ZIP_EPOCH_MIN))[:6]


def files_below(folder: Path) -> list[Path]:
    """Every file below `folder`, sorted by its POSIX path relative to `folder`."""
    return sorted((p for p in folder.rglob("*") if p.is_file()),
                  key=lambda p: p.relative_to(folder).as_posix())


def write_zip(folder: Path, target: Path, prefix: str, epoch: int) -> None:
    """Zip every file below `folder` as `<prefix>/<relative path>`: entries sorted, one fixed
    timestamp, mode 0644, made on "Unix", deflated at a fixed level, no extra fields."""
    stamp = zip_date_time(epoch)
    with zipfile.ZipFile(target, "w", compression=COMPRESSION, compresslevel=COMPRESSLEVEL) as zf:
        for path in files_below(folder):
            info = zipfile.ZipInfo(f"{prefix}/{path.relative_to(folder).as_posix()}", stamp)
            info.compress_type = COMPRESSION
            info.create_system = 3
            info.external_attr = (0o100000 | FILE_MODE) << 16
            zf.writestr(info, path.read_bytes(), compress_type=COMPRESSION,
                        compresslevel=COMPRESSLEVEL)


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def write_sha256sums(folder: Path, name: str = "SHA256SUMS") -> Path:
    """`sha256sum` format (hash, two spaces, name), one line per file, sorted by name, so
    `sha256sum -c SHA256SUMS` verifies the bundle."""
    lines = [f"{sha256(p)}  {p.relative_to(folder).as_posix()}\n" for p in files_below(folder)
             if p.name != name]
    target = folder / name
    target.write_text("".join(lines), encoding="utf-8", newline="\n")
    return target


def normalise_mtimes(folder: Path, epoch: int) -> None:
    """Give every file below `folder` the release's time, so copying the unpacked bundle
    with its times (cp -p, rsync -t) carries no build time either."""
    for path in files_below(folder):
        os.utime(path, (epoch, epoch))
