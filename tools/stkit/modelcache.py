"""The registry and the catalogues as loaded, kept between runs of `stkit check`.

Loading them is the one step of every check that needs PyYAML: the text is composed into nodes,
validated against the schema and built into the model (model.py) with the place of each value.
When the files did not change since the last check, the model is read back instead from the
user's cache (usercache.py, kind `model`), as JSON, keyed by the files' bytes and by the code
that builds it (the loader, the schema, the model, PyYAML): a check of an unchanged registry
neither parses YAML nor imports PyYAML, and an edited file, a new stkit or another PyYAML is
loaded afresh. Only a registry and catalogues that loaded without a finding are kept. Reading
an entry builds only the model's own classes (a fixed list, `_CLASSES`) from JSON data: it runs
nothing, and an entry it cannot read back is ignored (the files are loaded).

The registry's YAML document (`Project.registry_doc`, for commands that read its data or
locate a value) is then parsed only when something asks for it (`LazyYamlDoc`). What the
quality rules ask of it on every check (how each statement is written, to place a word at its
column) is kept with the model.
"""

from __future__ import annotations

from pathlib import Path

from . import model
from .gcpause import gc_paused
from .usercache import ContentCache, content_key

# What the kept model depends on besides the files' bytes (usercache.code_key).
CACHE_MODULES = ("modelcache.py", "model.py", "registry.py", "catalogues.py", "yamlsrc.py",
                 "schemacheck.py", "schemafast.py", "errors.py", "diagnostics.py",
                 "schema/registry.schema.json", "schema/catalogues.schema.json")
CACHE_PACKAGES = ("yaml",)
# A registry bigger than this (about 300 requirements) is parsed every time, as it always was:
# its model as JSON is three times the YAML's size, and writing it after each edit of the
# registry cost a quarter more at 10,000 requirements (1.3 s of CPU) than parsing alone, while
# what this cache is for is a check of a standard of the usual size starting at once.
MAX_REGISTRY_BYTES = 256 * 1024

_CLASSES = {cls.__name__: cls for cls in (
    model.Metadata, model.StandardRef, model.Requirement, model.Waiver, model.ConformanceGap,
    model.Deviation, model.OutOfScope, model.Registry, model.StandardPart, model.WipoStandard,
    model.Ip5Principle, model.Challenge, model.Source, model.Catalogues)}
# Fields not kept, as the class rebuilds them: the registry's index of its own requirements.
_REBUILT = {"Registry": ("by_id",)}


class NotPlain(Exception):
    """A value JSON would not give back as it is (a date, a tuple, a key that is no string)."""


_FIELDS = {cls: tuple(name for name in cls.__dataclass_fields__ if name not in _REBUILT.get(cls.__name__, ()))
           for cls in _CLASSES.values()}


def encode(value):
    """The model as JSON data: a dataclass as {"$": its name, field: value...}, a Loc as
    {"$loc": [path, line, col]}, a dict as {"$dict": {...}}. Raises NotPlain for anything else."""
    kind = type(value)
    if kind is str or kind is int or kind is bool or value is None:
        return value
    if kind is model.Loc:
        return {"$loc": [value.path, value.line, value.col]}
    if kind is list:
        return [encode(v) for v in value]
    if kind is dict:
        for key in value:
            if type(key) is not str:
                raise NotPlain("a key that is no string")
        return {"$dict": {k: encode(v) for k, v in value.items()}}
    fields = _FIELDS.get(kind)
    if fields is not None:
        out = {"$": kind.__name__}
        for name in fields:
            out[name] = encode(getattr(value, name))
        return out
    if kind is float and value == value and value not in (float("inf"), float("-inf")):
        return value
    raise NotPlain(kind.__name__)


def decode(data):
    """The model back from `encode`'s data. Raises KeyError, TypeError, ValueError or
    RecursionError for data it did not write."""
    kind = type(data)
    if kind is dict:
        loc = data.get("$loc")
        if loc is not None:
            path, line, col = loc
            return model.Loc(path, line, col)
        if "$dict" in data:
            return {k: decode(v) for k, v in data["$dict"].items()}
        cls = _CLASSES[data["$"]]
        return cls(**{k: decode(v) for k, v in data.items() if k != "$"})
    if kind is list:
        return [decode(v) for v in data]
    return data


def inline_quote(node) -> int | None:
    """How a statement's YAML scalar `node` is written, for placing a word at its column: the
    width of its opening quote (0 plain, 1 quoted) when it is on one line and written exactly
    as its value reads; None when it is folded, a block, or holds an escape (a column inside
    it would be a guess)."""
    if node is None or getattr(node, "style", "") not in (None, "", "'", '"'):
        return None
    if node.start_mark.line != node.end_mark.line:
        return None
    quote = 1 if node.style in ("'", '"') else 0
    # An escape ('' or \x) makes the source longer than the value: no exact column then.
    if node.end_mark.column - node.start_mark.column != len(node.value) + 2 * quote:
        return None
    return quote


class LazyYamlDoc:
    """A registry's `yamlsrc.YamlDoc`, parsed from its bytes only when its data or nodes are
    asked for; `statement_quotes` (by requirement index, see `inline_quote`) without parsing."""

    def __init__(self, raw: bytes, source: str, statement_quotes: list[int | None]):
        self._raw, self.source, self.statement_quotes = raw, source, statement_quotes
        self._doc = None

    def _parsed(self):
        if self._doc is None:
            from .yamlsrc import load_yaml_bytes

            self._doc = load_yaml_bytes(self._raw, self.source)  # these bytes loaded before
        return self._doc

    @property
    def data(self):
        return self._parsed().data

    @property
    def root(self):
        return self._parsed().root

    def position(self, path: tuple) -> tuple[int, int]:
        return self._parsed().position(path)

    def key_position(self, path: tuple) -> tuple[int, int]:
        return self._parsed().key_position(path)

    def node_at(self, path: tuple):
        return self._parsed().node_at(path)


def statement_quote(doc, index: int) -> int | None:
    """`inline_quote` of requirement `index`'s statement in `doc` (a YamlDoc or LazyYamlDoc)."""
    quotes = getattr(doc, "statement_quotes", None)
    if quotes is not None:
        return quotes[index] if 0 <= index < len(quotes) else None
    return inline_quote(doc.node_at(("requirements", index, "statement")))


def open_cache(root: Path | None) -> ContentCache:
    """The kept models of `root`'s registry and catalogues: this run's only (one registry's
    model is a few times the size of its YAML)."""
    return ContentCache.open("model", root, CACHE_MODULES, CACHE_PACKAGES, others=False)


def load_registry(raw: bytes | None, shown: str, cache: ContentCache):
    """registry.load_registry(raw, shown), from `cache` when these bytes loaded cleanly before."""
    from .registry import RegistryLoad

    if raw is None or cache.path is None or len(raw) > MAX_REGISTRY_BYTES:
        from .registry import load_registry as parse

        return parse(raw, shown)
    key = content_key(b"registry", shown.encode(), raw)
    kept = cache.get(key)
    if isinstance(kept, dict):
        try:
            with gc_paused():
                registry = decode(kept["registry"])
            quotes = list(kept["statement_quotes"])
        except (KeyError, TypeError, ValueError, RecursionError):
            pass
        else:
            if isinstance(registry, model.Registry):
                return RegistryLoad(registry, [], LazyYamlDoc(raw, shown, quotes))
    from .registry import load_registry as parse

    loaded = parse(raw, shown)
    if loaded.registry is not None and not loaded.diagnostics and loaded.doc is not None:
        quotes = [inline_quote(loaded.doc.node_at(("requirements", r.index, "statement")))
                  for r in sorted(loaded.registry.requirements, key=lambda r: r.index)]
        try:
            with gc_paused():
                cache.put(key, {"registry": encode(loaded.registry), "statement_quotes": quotes})
        except NotPlain:
            pass
    return loaded


def load_catalogues(cache: ContentCache):
    """catalogues.load_catalogues() (the catalogues stkit ships), from `cache` when their
    files loaded cleanly before."""
    from .catalogues import FILES, catalogue_dir

    if cache.path is None:
        from .catalogues import load_catalogues as parse

        return parse()
    folder = catalogue_dir()
    try:
        key = content_key(b"catalogues", *(name.encode() + b"\0" + (folder / name).read_bytes()
                                           for name in FILES))
    except OSError:  # a missing file is reported by the loader
        key = None
    kept = cache.get(key) if key else None
    if kept is not None:
        try:
            with gc_paused():
                catalogues = decode(kept)
        except (KeyError, TypeError, ValueError, RecursionError):
            pass
        else:
            if isinstance(catalogues, model.Catalogues):
                return catalogues, []
    from .catalogues import load_catalogues as parse

    catalogues, diags = parse()
    if key and catalogues is not None and not diags:
        try:
            with gc_paused():
                cache.put(key, encode(catalogues))
        except NotPlain:
            pass
    return catalogues, diags
