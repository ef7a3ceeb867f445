"""The parsed registry and catalogues, kept in the build folder between builds.

Parsing and validating the registry is most of what a rebuild costs before Sphinx reads a
page (0.4 s of 2,000 requirements). The typed model it gives is kept, pickled, in
`<doctree folder>/stkit-cache/`, one file per kind ("registry", "catalogues"), after the key
it was made from (two pickles, so that a key is read without the model). The key is a SHA-256 of:

- every byte of the files the model is read from (the registry; the three catalogues);
- every file of the toolchain (`tools/stkit/`: the loader, the model, the schema), so a new
  stkit never reads an old stkit's model;
- the Python and PyYAML versions.

A file is used only when its key equals the key of what is on disk now, so a stale model
cannot be read: an edit, a checkout, a new toolchain each give another key. Anything wrong
with a cache file (missing, truncated, from another version, unreadable) means the model is
parsed again and the file rewritten, whole (written beside it, then renamed). Only a model
without findings is kept: a registry with errors is parsed every time, so its messages are
always this build's.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import platform
from pathlib import Path
from typing import Any, Callable

import yaml

from ..guard import paths as guard

CACHE_DIR = "stkit-cache"
_TOOLCHAIN = Path(__file__).resolve().parent.parent  # tools/stkit
_toolchain_digest: str | None = None


def toolchain_digest() -> str:
    """A hash of every file of the toolchain (once per process)."""
    global _toolchain_digest
    if _toolchain_digest is None:
        digest = hashlib.sha256(f"python {platform.python_version()} pyyaml {yaml.__version__}".encode())
        for path in sorted(_TOOLCHAIN.rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                digest.update(path.relative_to(_TOOLCHAIN).as_posix().encode() + b"\0")
                digest.update(hashlib.sha256(path.read_bytes()).digest())
        _toolchain_digest = digest.hexdigest()
    return _toolchain_digest


def contents_key(contents: list[tuple[str, bytes | None]]) -> str:
    """The key of a model read from these (name, bytes) with this toolchain."""
    digest = hashlib.sha256(toolchain_digest().encode())
    for name, raw in contents:
        digest.update(b"\0" + name.encode() + b"\0")
        digest.update(b"\0missing" if raw is None else hashlib.sha256(raw).digest())
    return digest.hexdigest()


def files_key(paths: list[Path]) -> str:
    """The key of a model read from these files, with this toolchain."""
    def read(path: Path) -> bytes | None:
        # Only a regular file is read (guard/paths.py): a registry linked to /dev/zero must not
        # hang the build here before the loader refuses it.
        try:
            return guard.read_regular(path.parent, path.name)
        except (OSError, guard.Refused):
            return None
    return contents_key([(path.name, read(path)) for path in paths])


def cached(folder: Path, kind: str, key: Callable[[], str], load: Callable[[], tuple[Any, list]]
           ) -> tuple[Any, list]:
    """`load()` -> (model, findings), or the model kept under `kind` when it was made from
    inputs whose key is `key()` now. A model is kept only when `key()` gave the same before
    and after `load()`: a file edited while it was parsed is parsed again next time."""
    path = Path(folder) / CACHE_DIR / f"{kind}.pickle"
    before = key()
    try:
        with open(path, "rb") as handle:
            # the key first, on its own: a model of other inputs (an edited registry: 2 MB at
            # 2,000 requirements) is not unpickled only to be thrown away
            if pickle.load(handle) == before:
                model = pickle.load(handle)
                if model is not None:
                    return model, []
    except Exception:  # noqa: BLE001 - missing, truncated or foreign: parse again
        pass
    model, findings = load()
    if model is not None and not findings and key() == before:
        _store(path, before, model)
    return model, findings


def _store(path: Path, key: str, model: Any) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.part")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(tmp, "wb") as handle:
            pickle.dump(key, handle, protocol=pickle.HIGHEST_PROTOCOL)
            pickle.dump(model, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
    except OSError:
        tmp.unlink(missing_ok=True)  # a read-only build folder: the build goes on without a cache
