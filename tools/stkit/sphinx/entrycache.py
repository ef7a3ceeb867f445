"""The registry's requirements kept one by one between builds, so that an edit of one entry
parses that entry alone.

cache.py serves the whole parsed registry when its bytes did not change. When they did, this
module splits the text into its *skeleton* (every line but the entries of `requirements`,
those replaced by empty lines, so every line keeps its number) and its *entries* (the lines
of one item of `requirements`, from its `- ` to the next). Each entry is parsed on its own
and kept, pickled in `<doctree folder>/stkit-cache/registry-entries.pickle`, under the
SHA-256 of its text: its model (with the lines of the place it was last seen at) and what it
cost. An entry whose text is unchanged is taken from there and moved to the
line where it now starts, so every location (and so every finding of the checker) is the
one a whole parse gives; the skeleton, a few dozen lines, is parsed every time. When nothing
is kept yet (a clean build), one parse of the whole file costs less than one per entry: the
file is parsed whole and its entries are kept from that parse (_entries_of), the models a
parse of each entry alone gives (tests/sphinx/test_entry_cache.py compares them).

Splitting by lines is sound only for a plainly written file; anything else is parsed whole,
as before (registry.load_registry), and so is a file with any finding, so that every
message is the whole parse's:

- no tab, no line break other than LF (YAML also breaks lines at CR, NEL, U+2028/9);
- no line starting with a directive or a document marker (`%`, `---`, `...`);
- one line `requirements:` at the left margin, its items starting `- ` at one indentation
  of one space or more, up to the next line that starts at the left margin;
- each entry, parsed alone, is a list of one mapping and valid under the schema with the
  skeleton around it, uses no alias, and is nested less deeply than the limit with two
  levels to spare. An entry that ends inside a quoted value or an open `[` does not parse
  alone, so a split inside a value is never taken for two entries;
- the skeleton parses with `requirements` written on that line, with no value.

The cache file carries the toolchain's key (cache.toolchain_digest: every file of
tools/stkit, the schema among them, and the Python and PyYAML versions); a damaged or
foreign file is ignored and written again whole.
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
import pickle
import re
from pathlib import Path
from typing import Callable

import yaml

from ..errors import LoadError
from ..guard import paths
from ..model import Loc, Requirement, Waiver
from ..registry import REGISTRY_FILE, SCHEMA, RegistryLoad, build_requirement, build_rest
from ..schemacheck import validate
from ..yamlsrc import MAX_DEPTH, MAX_NODES, YamlDoc, parse_node
from . import cache

KIND = "registry-entries"
_SECTION = "requirements:"
_UNPLAIN = re.compile(r"[\t\r\x85\u2028\u2029]|^(?:%|---|\.\.\.)", re.M)
_ITEM = re.compile(r"( +)-(?: |\n|$)")


@dataclasses.dataclass
class _Entry:
    model: Requirement  # its locations, for the entry written from line `start` on
    nodes: int  # values built (the loader's budget, yamlsrc.MAX_NODES)
    start: int = 0  # the 0-based line where the entry starts in the file the model is for


class _NotPlain(Exception):
    """The text is not written plainly enough to be split: parse it whole."""


def load(tree, folder: Path, whole: Callable) -> RegistryLoad:
    """The registry of `tree` (a project.FsTree), its unchanged entries from the cache in
    `folder`; `whole(tree)` parses it whole (project.read_registry), as anything unusual is."""
    try:
        raw = tree.read(REGISTRY_FILE)
    except paths.Refused:
        return whole(tree)
    if raw is None:
        return whole(tree)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return whole(tree)
    store = Path(folder) / cache.CACHE_DIR / f"{KIND}.pickle"
    kept = _read(store)
    if not kept:
        return _whole_and_kept(tree, text, store, whole)
    try:
        registry, fresh = _assemble(text, REGISTRY_FILE, kept)
    except (_NotPlain, LoadError, yaml.YAMLError, RecursionError):
        return whole(tree)
    if fresh:
        _write(store, fresh)
    return RegistryLoad(registry, [])


def _whole_and_kept(tree, text: str, store: Path, whole: Callable) -> RegistryLoad:
    """Nothing kept yet (a clean build): the file parsed whole, one parse being cheaper than
    one per entry, and its entries kept from that parse for the next build."""
    loaded = whole(tree)
    if loaded.registry is not None and not loaded.diagnostics and loaded.doc is not None:
        try:
            entries = _entries_of(text, loaded)
        except _NotPlain:
            entries = None
        if entries:
            _write(store, entries)
    return loaded


def _entries_of(text: str, loaded: RegistryLoad) -> dict[str, _Entry]:
    """The entries of `text` as _assemble keeps them, from the whole parse of a valid file:
    each item's model is the one its entry parsed alone gives once moved to its lines, when
    the items start on the lines the split finds (no value spans a split) and none holds an
    alias or nests deeper than an entry parsed alone may."""
    if text.startswith("\ufeff"):
        text = text[1:]
    lines, _, bounds = _split(text)
    root = loaded.doc.root
    items = None
    if isinstance(root, yaml.MappingNode):
        for key, value in root.value:
            if isinstance(key, yaml.ScalarNode) and key.value == "requirements" and isinstance(value, yaml.SequenceNode):
                items = value.value
    models = loaded.registry.requirements
    if items is None or not (len(items) == len(bounds) == len(models)):
        raise _NotPlain
    if "&" in text:  # an alias needs an anchor, and an anchor an "&"
        _refuse_aliases(root)
    entries: dict[str, _Entry] = {}
    for index, ((start, stop), item, model) in enumerate(zip(bounds, items, models)):
        if not isinstance(item, yaml.MappingNode) or item.start_mark.line != start or model.index != index:
            raise _NotPlain
        chunk = "\n".join(lines[start:stop]) + "\n"
        entries[hashlib.sha256(chunk.encode("utf-8")).hexdigest()] = _Entry(model, 1 + _size(item), start)
    return entries


def _size(node: yaml.Node) -> int:
    """The values in `node` (what the loader counts: keys are not), refusing nesting deeper
    than an entry parsed alone may."""
    stack = [(node, 2)]  # the entry's list and the item: two levels
    count = 0
    while stack:
        current, depth = stack.pop()
        if depth > MAX_DEPTH - 2:
            raise _NotPlain
        count += 1
        if isinstance(current, yaml.SequenceNode):
            stack.extend((child, depth + 1) for child in current.value)
        elif isinstance(current, yaml.MappingNode):
            stack.extend((value, depth + 1) for _, value in current.value)
    return count


def _refuse_aliases(root: yaml.Node) -> None:
    """An alias is its anchor's node met again: anywhere in the file (a key included), the
    file is not split, as an entry with an alias does not parse alone."""
    seen: set[int] = set()
    stack = [root]
    while stack:
        current = stack.pop()
        if id(current) in seen:
            raise _NotPlain
        seen.add(id(current))
        if isinstance(current, yaml.SequenceNode):
            stack.extend(current.value)
        elif isinstance(current, yaml.MappingNode):
            for key, value in current.value:
                stack.append(key)
                stack.append(value)


def _split(text: str) -> tuple[list[str], int, list[tuple[int, int]]]:
    """(the lines, the line of `requirements:`, each entry's (first line, line after it))."""
    if _UNPLAIN.search(text):
        raise _NotPlain
    lines = text.split("\n")
    section = [i for i, line in enumerate(lines) if line.rstrip(" ") == _SECTION]
    if len(section) != 1:
        raise _NotPlain
    first, starts, end, indent = section[0] + 1, [], len(lines), None
    for i in range(first, len(lines)):
        line = lines[i]
        if line and line[0] != " " and line[0] != "#":
            end = i  # the next key at the left margin
            break
        if indent is None:
            stripped = line.lstrip(" ")
            if not stripped or stripped.startswith("#"):
                continue
            item = _ITEM.match(line + "\n")
            if item is None:
                raise _NotPlain
            indent = item.group(1)
        if line.startswith(indent) and line[len(indent):len(indent) + 1] == "-" \
                and line[len(indent) + 1:len(indent) + 2] in (" ", ""):
            starts.append(i)
    if not starts:
        raise _NotPlain
    return lines, section[0], list(zip(starts, starts[1:] + [end]))


def _assemble(text: str, shown: str, kept: dict[str, _Entry]) -> tuple:
    """(the registry, the entries of this text by hash when any was parsed or moved now,
    else None)."""
    if text.startswith("\ufeff"):
        text = text[1:]
    lines, section_line, bounds = _split(text)
    starts, end = [b[0] for b in bounds], bounds[-1][1]
    skeleton_lines = lines[:starts[0]] + [""] * (end - starts[0]) + lines[end:]
    skeleton_root, skeleton_data, skeleton_built = parse_node("\n".join(skeleton_lines), shown)
    skeleton = YamlDoc(skeleton_data, skeleton_root, shown)
    if not _section_is_empty(skeleton.root, section_line):
        raise _NotPlain
    around = dict(skeleton.data, requirements=[])
    if validate(YamlDoc(around, skeleton.root, shown), SCHEMA):
        raise _NotPlain  # the whole parse reports it, at its place
    # The schema's `requirements` is a list of items, each valid or not by itself: an entry
    # valid with this skeleton around it is valid in the file (and so is a kept entry).
    requirements, entries, parsed, new_items = [], {}, 0, []
    nodes = skeleton_built.nodes
    for index, (start, stop) in enumerate(bounds):
        chunk = "\n".join(lines[start:stop]) + "\n"
        key = hashlib.sha256(chunk.encode("utf-8")).hexdigest()
        entry = kept.get(key)
        if entry is None:
            entry, data = _parse_entry(chunk, shown)
            new_items.append(data)
            parsed += 1
        if entry.start != start or entry.model.index != index:
            # written on other lines or at another place of the list than when it was kept
            entry = _Entry(_moved(entry.model, start - entry.start, index), entry.nodes, start)
            parsed += 1
        entries[key] = entry
        nodes += entry.nodes
        requirements.append(entry.model)
    if nodes > MAX_NODES // 2:
        raise _NotPlain  # near the loader's budget (yamlsrc.py): the whole parse counts it exactly
    if new_items and validate(YamlDoc(dict(around, requirements=new_items), None, shown), SCHEMA):
        raise _NotPlain  # an entry the schema refuses: the whole parse says where
    registry = build_rest(skeleton, requirements)
    return registry, (entries if parsed else None)


def _section_is_empty(root, line: int) -> bool:
    """The skeleton's `requirements` is the key written on `line`, with no value."""
    if not isinstance(root, yaml.MappingNode):
        return False
    found = [(k, v) for k, v in root.value if isinstance(k, yaml.ScalarNode) and k.value == "requirements"]
    return (len(found) == 1 and found[0][0].start_mark.line == line and found[0][0].start_mark.column == 0
            and isinstance(found[0][1], yaml.ScalarNode) and found[0][1].tag.endswith(":null")
            and found[0][1].value == "")


def _parse_entry(chunk: str, shown: str) -> tuple[_Entry, dict]:
    """One entry's text, parsed alone (lines from 1), and its plain data (for the schema)."""
    root, data, built = parse_node(chunk, shown, depth=MAX_DEPTH - 2)
    if not (isinstance(root, yaml.SequenceNode) and len(root.value) == 1
            and isinstance(root.value[0], yaml.MappingNode) and isinstance(data, list)
            and isinstance(data[0], dict)):
        raise _NotPlain
    if built.expansions:
        raise _NotPlain  # an alias: the whole parse counts what aliases cost
    item = data[0]
    doc = YamlDoc(item, root.value[0], shown)

    def locate(path: tuple) -> Loc:
        line, col = doc.position(path)
        return Loc(shown, line, col)
    return _Entry(build_requirement(item, root.value[0], shown, locate, 0), built.nodes), item


def _moved(model: Requirement, lines: int, index: int) -> Requirement:
    """The entry's model `lines` lines further down (or up), at `index` in the list."""
    if lines == 0:
        return dataclasses.replace(model, index=index)

    def at(loc: Loc | None) -> Loc | None:
        return None if loc is None else Loc(loc.path, loc.line + lines, loc.col)

    return dataclasses.replace(
        model, index=index, loc=at(model.loc),
        field_locs={name: at(loc) for name, loc in model.field_locs.items()},
        references=[dataclasses.replace(ref, loc=at(ref.loc),
                                        field_locs={n: at(loc) for n, loc in ref.field_locs.items()})
                    for ref in model.references],
        waivers=[Waiver(w.code, w.reason, at(w.loc)) for w in model.waivers])


def _read(store: Path) -> dict[str, _Entry]:
    try:
        with open(store, "rb") as handle:
            key, entries = pickle.load(handle)
        if key == cache.contents_key([]) and isinstance(entries, dict):
            return entries
    except Exception:  # noqa: BLE001 - missing, truncated or foreign: parse the entries again
        pass
    return {}


def _write(store: Path, entries: dict[str, _Entry]) -> None:
    tmp = store.with_name(f".{store.name}.{os.getpid()}.part")
    try:
        store.parent.mkdir(parents=True, exist_ok=True)
        with open(tmp, "wb") as handle:
            pickle.dump((cache.contents_key([]), entries), handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, store)
    except OSError:
        tmp.unlink(missing_ok=True)  # a read-only build folder: the build goes on without it

