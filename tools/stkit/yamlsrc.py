"""Strict YAML loading that remembers where every value came from.

PyYAML's own loaders accept duplicate keys silently, expand aliases without limit and forget
line numbers once the data is built. Here the text is composed into nodes (by libyaml's C
composer when it is installed), the nodes are turned into plain Python data by hand, and the
node tree is kept so that any path into the data can be located later, at the cost of a walk
only when a location is asked for.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass
from typing import Any

import yaml

from .errors import LoadError
from .gcpause import gc_paused

try:  # libyaml makes composing ten times faster; the pure-Python loader is the fallback.
    _Loader: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _Loader = yaml.SafeLoader

# A YAML "billion laughs" expands a few lines into billions of nodes through aliases. Every
# node built counts against this budget, so the expansion stops long before memory runs out.
MAX_NODES = 5_000_000
MAX_ALIAS_EXPANSIONS = 10_000
# A registry is four levels deep; the limit only stops input built to crash the parser.
MAX_DEPTH = 64

_STR_TAG = "tag:yaml.org,2002:str"
_YAML_TAG = "tag:yaml.org,2002:"
# The tags plain data resolves to; any other (!!python/object, !!binary, a local !tag) is refused.
_PLAIN_TAGS = {_YAML_TAG + name for name in ("str", "int", "float", "bool", "null", "timestamp",
                                             "map", "seq")}

PathKey = tuple  # a path into the data: keys and list indexes, e.g. ("requirements", 3, "id")


@dataclass
class YamlDoc:
    """A loaded YAML file: the data, and the node tree that locates any part of it."""

    data: Any
    root: yaml.Node | None
    source: str  # the path as it is shown in messages

    def position(self, path: PathKey) -> tuple[int, int]:
        """(line, column), both 1-based, of the value at `path`; of its nearest parent when
        the path does not exist (a missing field is reported at the object missing it)."""
        node = self.root
        if node is None:
            return 1, 1
        for step in path:
            child = _child(node, step)
            if child is None:
                break
            node = child
        return node.start_mark.line + 1, node.start_mark.column + 1

    def key_position(self, path: PathKey) -> tuple[int, int]:
        """(line, column) of the *key* that ends `path` (for an unknown field, say)."""
        if not path:
            return self.position(path)
        parent = self._node_at(path[:-1])
        if isinstance(parent, yaml.MappingNode):
            for key_node, _ in parent.value:
                if isinstance(key_node, yaml.ScalarNode) and key_node.value == str(path[-1]):
                    return key_node.start_mark.line + 1, key_node.start_mark.column + 1
        return self.position(path)

    def node_at(self, path: PathKey) -> yaml.Node | None:
        """The node at `path`, or None when the path does not exist."""
        return self._node_at(path)

    def _node_at(self, path: PathKey) -> yaml.Node | None:
        node = self.root
        for step in path:
            if node is None:
                return None
            node = _child(node, step)
        return node


def _child(node: yaml.Node, step: Any) -> yaml.Node | None:
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            if isinstance(key_node, yaml.ScalarNode) and key_node.value == str(step):
                return value_node
        return None
    if isinstance(node, yaml.SequenceNode) and isinstance(step, int):
        if 0 <= step < len(node.value):
            return node.value[step]
    return None


def load_yaml_bytes(raw: bytes, shown: str) -> YamlDoc:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise LoadError(
            "REG005", shown, line, col,
            f"not UTF-8: byte 0x{raw[exc.start]:02x} cannot be decoded; save the file as UTF-8",
        ) from None
    return load_yaml_text(text, shown)


def load_yaml_text(text: str, shown: str) -> YamlDoc:
    if text.startswith("\ufeff"):
        text = text[1:]
    root, data, _ = parse_node(text, shown)
    return YamlDoc(data=data, root=root, source=shown)


def parse_node(text: str, shown: str, depth: int = MAX_DEPTH) -> tuple:
    """(root node, plain data, the builder: what building cost) of a YAML text, refusing
    values nested more than `depth` levels deep. Raises LoadError for bad input."""
    with gc_paused():
        try:
            _check_depth(text, shown, depth)
            root = yaml.compose(text, Loader=_Loader)
        except yaml.MarkedYAMLError as exc:
            raise _syntax_error(exc, text, shown) from None
        except yaml.reader.ReaderError as exc:  # a control character the reader refuses
            line, col = _reader_position(text, exc)
            char = exc.character
            what = f"U+{char:04X}" if isinstance(char, int) else repr(char)
            raise LoadError("REG001", shown, line, col, f"control character {what} is not allowed "
                            "in YAML; remove it") from None
        except yaml.YAMLError as exc:
            raise LoadError("REG001", shown, 1, 1, f"YAML syntax error: {_one_line(str(exc))}") from None
        builder = _Builder(shown)
        data = builder.build(root) if root is not None else None
    return root, data, builder


def _check_depth(text: str, shown: str, limit: int = MAX_DEPTH) -> None:
    """Refuse values nested deeper than MAX_DEPTH before composing: the composers (libyaml's
    and PyYAML's) recurse once per level, and a few kilobytes of brackets would crash them.
    The event stream is flat, so this pass is safe on any input."""
    depth = 0
    for event in yaml.parse(text, Loader=_Loader):
        if isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
            depth += 1
            if depth > limit:
                mark = event.start_mark
                raise LoadError("REG001", shown, mark.line + 1, mark.column + 1,
                                f"values are nested more than {limit} levels deep")
        elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
            depth -= 1


def _syntax_error(exc: yaml.MarkedYAMLError, text: str, shown: str) -> LoadError:
    """A parser error as one located line. An unclosed quote is reported where it opens,
    not where the parser gave up (which can be many lines further on)."""
    mark = exc.problem_mark or exc.context_mark
    if exc.context == "while scanning a quoted scalar" and exc.context_mark:
        mark = exc.context_mark
    what = exc.problem or "invalid YAML"
    if exc.context:
        what = f"{what} ({exc.context})"
    runaway = _runaway_quote(text, mark) if mark is not exc.context_mark else None
    if runaway is not None:
        what += (f"; the quoted value opened here runs on to line {runaway.end_mark.line + 1}: "
                 "is its closing quote missing?")
        mark = runaway.start_mark
    elif mark is exc.context_mark and exc.context == "while scanning a quoted scalar":
        what += "; the quoted value opened here is never closed"
    line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    return LoadError("REG001", shown, line, col, f"YAML syntax error: {what}")


def _runaway_quote(text: str, mark) -> yaml.Token | None:
    """The quoted value spanning several lines that ends on the error's line, if any."""
    if mark is None:
        return None
    last = None
    try:
        for token in yaml.scan(text, Loader=_Loader):
            if (token.start_mark.line, token.start_mark.column) >= (mark.line, mark.column):
                break
            if isinstance(token, yaml.ScalarToken):
                last = token
    except yaml.YAMLError:
        pass
    if (last is not None and last.style in ("'", '"') and last.end_mark.line == mark.line
            and last.start_mark.line < mark.line):
        return last
    return None


def _reader_position(text: str, exc) -> tuple[int, int]:
    """(line, column) of the character the reader refused. libyaml counts bytes of the UTF-8
    text, PyYAML's reader characters; the character itself settles which."""
    pos = exc.position or 0
    char = chr(exc.character) if isinstance(exc.character, int) else None
    if char is not None and not (0 <= pos < len(text) and text[pos] == char):
        pos = len(text.encode("utf-8")[:pos].decode("utf-8", "ignore"))
    if char is not None and not (0 <= pos < len(text) and text[pos] == char):
        found = text.find(char)
        pos = found if found >= 0 else pos
    pos = max(0, min(pos, len(text)))
    line = text.count("\n", 0, pos) + 1
    return line, pos - (text.rfind("\n", 0, pos) + 1) + 1


def _one_line(text: str) -> str:
    return " ".join(text.split())


class _Builder:
    """Turns composed nodes into dicts, lists and scalars, refusing what a registry never needs."""

    def __init__(self, shown: str):
        self.shown = shown
        self.nodes = 0
        self.expansions = 0
        self.seen: set[int] = set()
        self.open: set[int] = set()  # collections being built: an alias to one is recursive
        self.constructor = yaml.constructor.SafeConstructor()  # for its scalar constructors

    def build(self, node: yaml.Node) -> Any:
        self.nodes += 1
        if id(node) in self.seen:
            # The same node object reached again: an alias. Count what it costs.
            self.expansions += 1
            if self.expansions > MAX_ALIAS_EXPANSIONS or self.nodes > MAX_NODES:
                raise self._error(node, "REG006", "too many alias expansions (a YAML alias bomb?); "
                                  "write the values out instead of using anchors and aliases")
        if self.nodes > MAX_NODES:
            raise self._error(node, "REG006", f"more than {MAX_NODES:,} values after expanding "
                              "aliases (a YAML alias bomb?)")
        if node.tag not in _PLAIN_TAGS:
            shown_tag = node.tag.replace(_YAML_TAG, "!!", 1)
            raise self._error(node, "REG001", f"the tag '{shown_tag}' is not accepted; "
                              "the file holds plain values only")
        if isinstance(node, yaml.ScalarNode):
            return self._scalar(node)
        if node.tag not in (_YAML_TAG + "seq", _YAML_TAG + "map"):
            raise self._error(node, "REG001", f"the tag '{node.tag.replace(_YAML_TAG, '!!', 1)}' "
                              "does not fit a list or a mapping")
        if id(node) in self.open:
            raise self._error(node, "REG006", "an alias refers to a value that contains it "
                              "(a recursive alias); write the values out instead")
        self.seen.add(id(node))
        self.open.add(id(node))
        try:
            return self._collection(node)
        finally:
            self.open.discard(id(node))

    def _collection(self, node: yaml.Node) -> Any:
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item) for item in node.value]
        if isinstance(node, yaml.MappingNode):
            result: dict[Any, Any] = {}
            first_seen: dict[Any, yaml.Node] = {}
            for key_node, value_node in node.value:
                if key_node.tag == "tag:yaml.org,2002:merge":
                    raise self._error(key_node, "REG001", "merge keys (<<) are not accepted; "
                                      "write the fields out")
                if not isinstance(key_node, yaml.ScalarNode):
                    raise self._error(key_node, "REG001", "a mapping key must be a plain value")
                key = self._scalar(key_node)
                if isinstance(key, (dict, list)):
                    raise self._error(key_node, "REG001", "a mapping key must be a plain value")
                if key in first_seen:
                    first = first_seen[key].start_mark.line + 1
                    raise self._error(key_node, "REG002",
                                      f"duplicate key '{key}' (first given on line {first}); "
                                      "remove one of them")
                first_seen[key] = key_node
                result[key] = self.build(value_node)
            return result
        raise self._error(node, "REG001", "unsupported YAML node")  # pragma: no cover

    def _scalar(self, node: yaml.ScalarNode) -> Any:
        tag = node.tag
        if tag == _STR_TAG:
            return node.value
        if tag == "tag:yaml.org,2002:timestamp":
            # A date stays text (ISO 8601 as written): the schema checks its form, and the
            # data round-trips to JSON unchanged.
            return node.value
        if tag == _YAML_TAG + "null" and node.value not in ("", "~", "null", "Null", "NULL"):
            raise self._error(node, "REG001", f"'{node.value[:40]}' is not a null value (tag !!null)")
        try:
            value = self.constructor.construct_object(node, deep=True)
        except yaml.constructor.ConstructorError as exc:
            raise self._error(node, "REG001", _one_line(exc.problem or str(exc))) from None
        except (ValueError, KeyError, TypeError, OverflowError, IndexError):
            # `!!float x`, `!!int x`, `!!bool maybe`: the tag asks for a type the value is not
            shown_tag = tag.replace(_YAML_TAG, "!!", 1)
            raise self._error(node, "REG001", f"'{node.value[:40]}' is not a valid {shown_tag} "
                              "value; write the value without the tag, or correct it") from None
        if isinstance(value, (_dt.date, _dt.datetime)):  # pragma: no cover - handled above
            return node.value
        if isinstance(value, bytes):
            raise self._error(node, "REG001", "binary values are not accepted")
        return value

    def _error(self, node: yaml.Node, code: str, message: str) -> LoadError:
        mark = node.start_mark
        return LoadError(code, self.shown, mark.line + 1, mark.column + 1, message)
