"""What the PDF is made from, as one content hash: kept next to the PDF (`<stem>.pdf.inputs`),
so `make pdf` builds the PDF again only when one of its inputs changed, and never leaves a
PDF older than its inputs in place.

The inputs are everything that can change a byte of the PDF:
- every file under `standard/` (pages, includes, images), the registry and `conf.py`;
- every file of the toolchain (`tools/stkit/`: the Sphinx extension, its templates and CSS,
  the print page, the catalogues, the schema);
- the Python packages installed, with their versions (Sphinx, MyST, WeasyPrint, fontTools ...);
- the fonts installed on the system (their names, sizes and dates);
- the options the singlehtml build is run with, and the environment variables the build
  reads: STKIT_RELEASE, SOURCE_DATE_EPOCH, DIFF_BASE (with the commit it names, since a branch
  moves) and STKIT_ROOT.

Nothing is skipped for a file whose content did not change but whose date did (a checkout):
only content counts, except for fonts, where a date change rebuilds too.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
from importlib import metadata
from pathlib import Path

from ..registry import REGISTRY_FILE

STAMP_SUFFIX = ".inputs"
STKIT_DIR = Path(__file__).resolve().parent.parent
FONT_DIRS = ("/usr/share/fonts", "/usr/local/share/fonts", "~/.local/share/fonts", "~/.fonts")
ENVIRONMENT = ("STKIT_RELEASE", "SOURCE_DATE_EPOCH", "DIFF_BASE", "STKIT_ROOT")


def stamp_path(pdf: Path) -> Path:
    return pdf.with_name(pdf.name + STAMP_SUFFIX)


def _files(folder: Path, skip_parts: frozenset[str] = frozenset()) -> list[Path]:
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.rglob("*") if p.is_file() and not skip_parts.intersection(p.parts))


def _add_file(digest, shown: str, path: Path) -> None:
    digest.update(b"\0file\0" + shown.encode("utf-8", "surrogateescape") + b"\0")
    try:
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    except OSError as exc:
        digest.update(f"unreadable {exc.errno}".encode())


def _packages() -> list[str]:
    return sorted({f"{d.metadata['Name']}=={d.version}".lower() for d in metadata.distributions()
                   if d.metadata["Name"]})


def _fonts() -> list[str]:
    out = []
    for folder in FONT_DIRS:
        base = Path(os.path.expanduser(folder))
        for path in _files(base):
            try:
                info = path.stat()
            except OSError:
                continue
            out.append(f"{path}\0{info.st_size}\0{info.st_mtime_ns}")
    return out


def _revision(root: Path, name: str) -> str:
    """The commit `name` stands for now (DIFF_BASE is usually a branch), or a marker."""
    try:
        done = subprocess.run(["git", "rev-parse", "--verify", "--quiet", name + "^{commit}"], cwd=root,
                              capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.SubprocessError):
        return "?"
    return done.stdout.strip() if done.returncode == 0 else "?"


def input_key(root: Path, sphinx_options: list[str], environ: dict[str, str] | None = None) -> str:
    """The content hash of everything the PDF of the project at `root` is made from."""
    environ = dict(os.environ if environ is None else environ)
    root = Path(root).resolve()
    digest = hashlib.sha256(b"stkit pdf inputs 1\0")
    for path in _files(root / "standard"):
        _add_file(digest, path.relative_to(root).as_posix(), path)
    for name in (REGISTRY_FILE, "conf.py"):
        _add_file(digest, name, root / name)
    for path in _files(root / "locale"):  # the translations (docs/translation.md)
        if path.suffix == ".po":
            _add_file(digest, path.relative_to(root).as_posix(), path)
    for path in _files(STKIT_DIR, frozenset({"__pycache__"})):
        _add_file(digest, "stkit/" + path.relative_to(STKIT_DIR).as_posix(), path)
    for line in _packages() + _fonts() + ["\0options"] + list(sphinx_options):
        digest.update(line.encode("utf-8", "surrogateescape") + b"\n")
    for name in ENVIRONMENT:
        value = environ.get(name, "")
        digest.update(f"\0env {name}={value}".encode("utf-8", "surrogateescape"))
        if name == "DIFF_BASE" and value:
            digest.update(_revision(root, value).encode())
    return digest.hexdigest()


def up_to_date(pdf: Path, key: str) -> bool:
    """The PDF is there and was made from exactly these inputs."""
    stamp = stamp_path(pdf)
    try:
        return pdf.is_file() and stamp.read_text(encoding="utf-8").strip() == key
    except OSError:
        return False


def write_stamp(pdf: Path, key: str) -> None:
    """Record `key` for the PDF just built (written whole, or not at all)."""
    stamp = stamp_path(pdf)
    tmp = stamp.with_name(f".{stamp.name}.{os.getpid()}.part")
    tmp.write_text(key + "\n", encoding="utf-8")
    os.replace(tmp, stamp)


def forget(pdf: Path) -> None:
    """Before a PDF is written or removed: its old stamp no longer describes it."""
    stamp_path(pdf).unlink(missing_ok=True)
