"""Content fingerprints of what the build reads from the registry and the catalogues.

An incremental build compares them with the previous build's (kept in the environment) to
know exactly what changed: one requirement's entry, what the generated tables or a {req}
link show of it, the metadata, the catalogues. Only content counts: where an entry stands in the YAML (its
line, its position in the list) is left out, so editing one requirement does not change the
fingerprint of the requirements after it.
"""

from __future__ import annotations

import dataclasses
import hashlib
from dataclasses import dataclass
from pathlib import Path

from ..catalogues import FILES as CATALOGUE_FILES
from ..catalogues import catalogue_dir
from ..guard import paths as guard
from ..project import Project
from ..registry import REGISTRY_FILE

# Where an item is written, not what it says.
_PLACE_FIELDS = frozenset({"loc", "field_locs", "index", "section_locs", "by_id", "path"})


def data_files(root: Path) -> list[Path]:
    """The files the model is read from besides the text: the registry and the catalogues."""
    return [root / REGISTRY_FILE] + [catalogue_dir() / name for name in CATALOGUE_FILES]


def _files_digest(paths: list[Path], start: str = "") -> str:
    digest = hashlib.sha256(start.encode())
    for path in paths:
        digest.update(path.name.encode())
        try:
            data = guard.read_regular(path.parent, path.name)
        except (OSError, guard.Refused):
            data = None
        digest.update(b"\0missing" if data is None else data)
    return digest.hexdigest()


_CONTENT_FIELDS: dict[type, tuple[str, ...]] = {}  # dataclass -> its content fields, by name
_SCALARS = (str, int, float, bool, type(None))


def _plain(value):
    """A dataclass tree as nested tuples of its content fields (repr-stable)."""
    cls = type(value)
    if cls in _SCALARS:
        return value
    names = _CONTENT_FIELDS.get(cls)
    if names is None and dataclasses.is_dataclass(cls):
        names = _CONTENT_FIELDS[cls] = tuple(
            f.name for f in dataclasses.fields(cls) if f.name not in _PLACE_FIELDS)
    if names is not None:
        return (cls.__name__,) + tuple((name, _plain(getattr(value, name))) for name in names)
    if isinstance(value, (list, tuple)):
        return tuple(_plain(v) for v in value)
    if isinstance(value, dict):
        return tuple((k, _plain(v)) for k, v in value.items())
    return value


def content_key(value) -> str:
    return hashlib.blake2b(repr(_plain(value)).encode(), digest_size=12).hexdigest()


# What the generated tables (tables.py) and the {req} links show of a requirement entry: an
# edit of anything else (its statement, rationale, category ...) leaves them as they were.
# Keep this list in step with tables.py (tests/sphinx/test_incremental.py edits each kind).
# A {req} link (tables.FillIn.req_link) shows the ID, the title (as the link's title) and
# whether the requirement is withdrawn; where it points is the placement (envdata.Index).
LINK_FIELDS = ("title", "status")
TABLE_FIELDS = ("id", "title", "obligation", "level", "status", "withdrawn_in", "replaced_by",
                "ip5", "challenges", "references")


def tables_key(registry, catalogues_digest: str) -> str:
    """What the generated tables are made from: the catalogues, the TABLE_FIELDS of every
    entry in the registry's order, the IP5 deviations and the challenges out of scope."""
    return content_key((catalogues_digest,
                        [tuple(getattr(req, name) for name in TABLE_FIELDS) for req in registry.requirements],
                        registry.ip5_deviations, registry.out_of_scope))


@dataclass(frozen=True)
class DataKeys:
    tables: str  # what the generated tables show (tables_key)
    catalogues: str  # every byte of the catalogues
    metadata: str  # the registry's metadata
    requirements: dict  # requirement ID -> the content of its entry (the first, if repeated)
    links: dict  # requirement ID -> what a {req} link to it shows (LINK_FIELDS)

    def changed_requirements(self, before: "DataKeys") -> set[str]:
        """IDs whose entry was added, removed or changed since `before`."""
        return _changed(self.requirements, before.requirements)

    def changed_links(self, before: "DataKeys") -> set[str]:
        """IDs whose links show something else since `before` (or that came or went)."""
        return _changed(self.links, before.links)


def _changed(ours: dict, theirs: dict) -> set[str]:
    return {key for key in ours.keys() | theirs.keys() if ours.get(key) != theirs.get(key)}


def data_keys(root: Path, project: Project) -> DataKeys:
    registry = project.registry
    catalogue_files = data_files(root)[1:]
    catalogues = _files_digest(catalogue_files)
    return DataKeys(
        tables=tables_key(registry, catalogues),
        catalogues=catalogues,
        metadata=content_key(registry.metadata),
        requirements={rid: content_key(req) for rid, req in registry.by_id.items()},
        links={rid: tuple(getattr(req, name) for name in LINK_FIELDS) for rid, req in registry.by_id.items()})
