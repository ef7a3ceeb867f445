"""What `stkit check` worked out from a file's bytes, kept between runs, keyed by a hash of them.

Two steps of a check cost more than all the rules together when done again for files that did
not change: reading the PO catalogues with polib (pure Python, 0.2 s for the standard's 44
files) and the markdown-it token pass over a source that holds a link (guard/markdown.py,
which imports markdown-it, MyST and docutils for it). Their results are kept here:

- `po`: what translation/catalog.py made of a catalogue (its messages, with the msgstr's line
  and column; or the error that made it unreadable);
- `tokens`: what guard/markdown.py judged in a source (the files it reads, its findings);
- `model`: the registry and the catalogues as loaded (modelcache.py);
- `similar`: the near-duplicate pairs QLT009 found among the statements' words (RapidFuzz);
- `data`: stkit's own YAML data files (the rule table, the word lists), as JSON (`yaml_data`),
  so that a command that needs no other YAML does not import PyYAML to read them.

The key of an entry is a BLAKE2b hash (32 bytes) of the input's bytes (and, for a source, its path, which is in
every location), combined with a key of the code: the stkit modules that compute the entry,
the third-party modules they use (their source file, size and date) and the Python version.
An edited file, a new stkit or an upgraded library each give another key, so a stale entry is
never read.

The cache lives outside the repository, in the user's cache folder (`$XDG_CACHE_HOME/stkit`,
by default `~/.cache/stkit`; `STKIT_CACHE_DIR` names another folder, `STKIT_CACHE_DIR=off`
turns caching off), one JSON file per kind and project folder. It is never in the working
tree, so a pull request cannot plant entries in it, and it is JSON, so reading it runs
nothing. A missing, damaged or foreign file is ignored (the work is done), and the file is
rewritten whole (atomicfile.py) when this run computed anything: this run's entries first,
then older ones (another revision's, read by `stkit diff`) up to four times as many.
"""

from __future__ import annotations

import importlib.util
import json
import os
import sys
from pathlib import Path

try:  # hashlib's own BLAKE2b; `import hashlib` would first load OpenSSL (3 ms of every check)
    from _blake2 import blake2b
except ImportError:  # a Python built without it
    from hashlib import blake2b

FORMAT = 1
STKIT_DIR = Path(__file__).resolve().parent


def _hash(data: bytes = b""):
    return blake2b(data, digest_size=32)


def cache_folder() -> Path | None:
    """Where stkit keeps its caches, or None when caching is off."""
    chosen = os.environ.get("STKIT_CACHE_DIR")
    if chosen is not None:
        return None if chosen.strip().lower() in ("", "off", "0", "no") else Path(chosen)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "stkit"


def code_key(modules: tuple[str, ...], packages: tuple[str, ...]) -> str:
    """A hash of the stkit `modules` (paths relative to tools/stkit), of this file, of the
    third-party `packages` (found, not imported) and of the Python version. Raises OSError
    when one cannot be read."""
    digest = _hash(f"format {FORMAT} python {sys.version_info[:3]}".encode())
    for rel in (*modules, "usercache.py"):
        digest.update(rel.encode() + b"\0" + (STKIT_DIR / rel).read_bytes())
    for name in packages:
        spec = importlib.util.find_spec(name)
        if spec is None or not spec.origin:
            raise OSError(f"{name} not found")
        origin = Path(spec.origin)
        stat = origin.stat()
        digest.update(f"{name}\0{origin}\0{stat.st_size}\0{stat.st_mtime_ns}\0".encode())
        digest.update(origin.read_bytes())
    return digest.hexdigest()


def content_key(*parts: bytes) -> str:
    digest = _hash()
    for part in parts:
        digest.update(_hash(part).digest())
    return digest.hexdigest()


_data_cache: ContentCache | None = None


def yaml_data(path: Path):
    """The data of `path`, one of stkit's own YAML files (rules.yaml, a word list), read with
    PyYAML's safe loader (libyaml's when built in) the first time these bytes are seen and from
    the cache (kind `data`) after that. Data that JSON cannot hold as it is (a date, say) is
    never kept. Raises what PyYAML raises for a broken file."""
    global _data_cache
    raw = path.read_bytes()
    if _data_cache is None:  # one cache file for all of them, read once per process
        _data_cache = ContentCache.open("data", STKIT_DIR, ())
    cache = _data_cache
    key = content_key(raw)
    kept = cache.get(key)
    if kept is not None:
        try:
            return _from_json(kept)
        except (KeyError, TypeError, ValueError):
            pass
    import yaml

    data = yaml.load(raw.decode("utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    try:
        cache.put(key, _to_json(data))
    except ValueError:  # not plain data
        return data
    cache.save()
    return data


def _to_json(value):
    """Plain data (mappings, lists, strings, numbers, booleans, null) as JSON data that
    `_from_json` gives back equal: a mapping as {"$map": [[key, value], ...]}, so that its keys
    keep their types (`levels: {1: ...}`). Raises ValueError for anything else."""
    if value is None or isinstance(value, (str, bool, int)):
        return value
    if isinstance(value, float) and value == value and value not in (float("inf"), float("-inf")):
        return value
    if isinstance(value, list):
        return [_to_json(v) for v in value]
    if isinstance(value, dict):
        pairs = []
        for k, v in value.items():
            if not (k is None or isinstance(k, (str, bool, int))):
                raise ValueError(f"a key of type {type(k).__name__}")
            pairs.append([k, _to_json(v)])
        return {"$map": pairs}
    raise ValueError(f"a value of type {type(value).__name__}")


def _from_json(value):
    if isinstance(value, list):
        return [_from_json(v) for v in value]
    if isinstance(value, dict):
        return {k: _from_json(v) for k, v in value["$map"]}
    return value


class ContentCache:
    """{content key: JSON data} of one kind for one project; `get` and `put` by key, `save`
    once at the end. A cache opened without a project folder, or with caching off, keeps
    nothing."""

    def __init__(self, path: Path | None, code: str, entries: dict, others: bool = True):
        self.path, self.code = path, code
        self.entries = entries  # what was on disk
        self.used: dict[str, object] = {}  # what this run read or computed
        self.changed = False
        self.others = others  # whether `save` keeps entries this run did not use

    @classmethod
    def open(cls, kind: str, root: Path | None, modules: tuple[str, ...],
             packages: tuple[str, ...] = (), others: bool = True) -> ContentCache:
        """The cache of `kind` for the project folder `root`. `others=False`: `save` keeps only
        the entries this run used (for entries as big as a whole registry's model)."""
        folder = cache_folder() if root is not None else None
        if folder is None:
            return cls(None, "", {})
        try:
            code = code_key(modules, packages)
        except OSError:
            return cls(None, "", {})
        name = _hash(str(Path(root).resolve()).encode()).hexdigest()[:24]
        path = folder / kind / f"{name}.json"
        entries: dict = {}
        try:
            data = json.loads(path.read_bytes())
            if isinstance(data, dict) and data.get("code") == code and isinstance(data.get("entries"), dict):
                entries = data["entries"]
        except (OSError, ValueError, RecursionError):  # unreadable, not JSON, or nested absurdly
            pass
        return cls(path, code, entries, others)

    def get(self, key: str):
        """The entry kept under `key`, or None."""
        if self.path is None or key not in self.entries:
            return None
        entry = self.used[key] = self.entries[key]
        return entry

    def put(self, key: str, entry) -> None:
        if self.path is not None:
            self.used[key] = entry
            self.changed = True

    def save(self) -> None:
        """Write the entries when this run computed any; a cache that cannot be written (a
        read-only home) is no error, only slower next time."""
        if self.path is None or not self.changed:
            return
        from .atomicfile import write_atomic

        kept = dict(self.used)
        limit = max(4 * len(self.used), 64) if self.others else 0
        for key, entry in self.entries.items():
            if len(kept) >= limit:
                break
            kept.setdefault(key, entry)
        try:
            write_atomic(self.path, json.dumps({"code": self.code, "entries": kept},
                                               ensure_ascii=False, separators=(",", ":")))
        except (OSError, ValueError):  # a read-only or full disk; text JSON cannot hold
            pass
