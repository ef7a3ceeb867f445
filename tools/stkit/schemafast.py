"""A fast "is this valid?" for the JSON Schemas of stkit, so that a valid registry skips
jsonschema's walk (1.3 s of a 10,000-requirement registry's 4.5 s check).

The schema is compiled once into nested Python functions that answer True only when the
instance is certainly valid. They know the keywords stkit's schemas use and nothing else:
a schema with any other keyword compiles to None, and every False, like every invalid
registry, goes to jsonschema proper, which finds and explains the errors. So this can make
a valid document faster, never an invalid one pass.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any, Callable

Check = Callable[[Any], bool]

# Keywords that only annotate: they never make an instance invalid.
_ANNOTATIONS = {"$schema", "$id", "title", "description", "$comment", "examples", "default", "$defs"}
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$", re.ASCII)


def _is_date(value: Any) -> bool:
    """The "date" format exactly as jsonschema 4 checks it (jsonschema._format.is_date), so
    that a valid registry is judged without importing jsonschema (a tenth of a second)."""
    if not isinstance(value, str):
        return True
    if not _DATE.fullmatch(value):
        return False
    try:
        return bool(date.fromisoformat(value))
    except ValueError:
        return False


_FORMATS: dict[str, Callable[[Any], bool]] = {"date": _is_date}


class _Unsupported(Exception):
    pass


def compile_schema(schema: Any) -> Check | None:
    """A function that is True only for an instance valid under `schema` (with its $refs
    inlined), or None when the schema uses a keyword this module does not know."""
    try:
        return _compile(schema, False, schema.get("$defs", {}) if isinstance(schema, dict) else {}, ())
    except (_Unsupported, re.error):
        return None


def _is_type(value: Any, name: str) -> bool:
    if name == "string":
        return isinstance(value, str)
    if name == "object":
        return isinstance(value, dict)
    if name == "array":
        return isinstance(value, list)
    if name == "boolean":
        return isinstance(value, bool)
    if name == "null":
        return value is None
    if isinstance(value, bool):
        return False
    if name == "integer":
        return isinstance(value, int) or (isinstance(value, float) and value.is_integer())
    if name == "number":
        return isinstance(value, (int, float))
    raise _Unsupported(name)


def _compile(schema: Any, exact: bool, defs: dict, refs: tuple) -> Check:
    """`exact`: the answer must be exact both ways (the condition of an if), not just never
    True for an invalid instance. `defs`: the root's $defs; `refs`: those being compiled."""
    if schema is True:
        return lambda value: True
    if not isinstance(schema, dict):
        raise _Unsupported(repr(schema))
    checks: list[Check] = []
    for key, arg in schema.items():
        if key in _ANNOTATIONS:
            continue
        checks.append(_keyword(key, arg, schema, exact, defs, refs))
    if not checks:
        return lambda value: True
    if len(checks) == 1:
        return checks[0]
    return lambda value: all(check(value) for check in checks)


def _keyword(key: str, arg: Any, schema: dict, exact: bool, defs: dict,  # noqa: C901, PLR0911
             refs: tuple) -> Check:
    def sub(node: Any, sub_exact: bool = exact, more: tuple = ()) -> Check:
        return _compile(node, sub_exact, defs, refs + more)

    if key == "$ref":
        name = arg[len("#/$defs/"):] if isinstance(arg, str) and arg.startswith("#/$defs/") else None
        if name is None or "/" in name or name not in defs or name in refs:
            raise _Unsupported(f"$ref {arg}")
        return sub(defs[name], more=(name,))
    if key == "type":
        names = arg if isinstance(arg, list) else [arg]
        for name in names:
            _is_type(None, name)  # unknown type names are refused at compile time
        return lambda value: any(_is_type(value, name) for name in names)
    if key == "const":
        _scalar(arg)
        return lambda value: _same(value, arg)
    if key == "enum":
        for item in arg:
            _scalar(item)
        return lambda value: any(_same(value, item) for item in arg)
    if key == "pattern":
        rx = re.compile(arg)
        return lambda value: not isinstance(value, str) or rx.search(value) is not None
    if key == "minLength":
        return lambda value: not isinstance(value, str) or len(value) >= arg
    if key == "format":
        if arg not in _FORMATS:
            raise _Unsupported(arg)  # a format we do not know: jsonschema decides
        return _FORMATS[arg]
    if key in ("minimum", "maximum"):
        if isinstance(arg, bool) or not isinstance(arg, (int, float)):
            raise _Unsupported(key)
        if key == "minimum":
            return lambda value: not _is_number(value) or value >= arg
        return lambda value: not _is_number(value) or value <= arg
    if key == "minItems":
        return lambda value: not isinstance(value, list) or len(value) >= arg
    if key == "uniqueItems":
        if not arg:
            return lambda value: True
        if exact:
            raise _Unsupported(key)
        # Only lists of text are compared here (JSON's 1 and true differ, Python's do not).
        return lambda value: (not isinstance(value, list)
                              or (all(isinstance(item, str) for item in value) and len(set(value)) == len(value)))
    if key == "required":
        return lambda value: not isinstance(value, dict) or all(name in value for name in arg)
    if key == "properties":
        subs = {name: sub(node) for name, node in arg.items()}
        return lambda value: not isinstance(value, dict) or all(
            check(value[name]) for name, check in subs.items() if name in value)
    if key == "additionalProperties":
        if arg is not False or "patternProperties" in schema:
            raise _Unsupported(key)
        known = set(schema.get("properties", {}))
        return lambda value: not isinstance(value, dict) or all(name in known for name in value)
    if key == "items":
        item_check = sub(arg)
        return lambda value: not isinstance(value, list) or all(item_check(item) for item in value)
    if key == "allOf":
        subs = [sub(node) for node in arg]
        return lambda value: all(check(value) for check in subs)
    if key == "if":
        condition = sub(arg, True)
        then = sub(schema["then"]) if "then" in schema else (lambda value: True)
        otherwise = sub(schema["else"]) if "else" in schema else (lambda value: True)
        return lambda value: then(value) if condition(value) else otherwise(value)
    if key in ("then", "else"):
        return lambda value: True  # applied by "if"
    raise _Unsupported(key)


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _scalar(expected: Any) -> None:
    if not (expected is None or isinstance(expected, (str, int, float, bool))):
        raise _Unsupported("const or enum of a list or mapping")


def _same(value: Any, expected: Any) -> bool:
    """JSON equality of a value and a scalar of const or enum: true is not 1, 1 is 1.0."""
    if isinstance(expected, bool) or isinstance(value, bool):
        return isinstance(expected, bool) and isinstance(value, bool) and value == expected
    if _is_number(expected):
        return _is_number(value) and value == expected
    return type(value) is type(expected) and value == expected
