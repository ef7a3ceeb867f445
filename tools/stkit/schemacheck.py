"""JSON Schema validation whose errors read like a compiler's: at the YAML line of the value,
naming the field path, the value found and what was expected.

A valid document is recognised by schemafast.py without jsonschema; jsonschema (a tenth of a
second to import) is imported only to find and explain the errors of an invalid one."""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterator

from .diagnostics import Diagnostic
from .model import Loc
from .schemafast import compile_schema
from .yamlsrc import YamlDoc

if TYPE_CHECKING:
    import jsonschema
    from jsonschema.exceptions import ValidationError


@lru_cache(maxsize=None)
def load_schema(name: str) -> dict:
    text = (Path(__file__).parent / "schema" / name).read_text(encoding="utf-8")
    return json.loads(text)


@lru_cache(maxsize=None)
def _validator(name: str) -> "jsonschema.Draft202012Validator":
    import jsonschema

    schema = _inline_refs(load_schema(name))
    return jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)


def _inline_refs(schema: dict) -> dict:
    """The schema with each bare local reference ({"$ref": "#/$defs/x"} and nothing else)
    replaced by the definition itself. The validation is the same, but jsonschema no longer
    resolves a reference for every value it checks: a third of the time on a large registry.
    A reference that would recurse, or that has sibling keywords, is left as it is."""
    defs = schema.get("$defs", {})

    def walk(node: Any, active: tuple[str, ...]) -> Any:
        if isinstance(node, dict):
            ref = node.get("$ref")
            if len(node) == 1 and isinstance(ref, str) and ref.startswith("#/$defs/"):
                name = ref[len("#/$defs/"):]
                if name in defs and name not in active and "/" not in name:
                    return walk(defs[name], active + (name,))
                return node
            return {key: (value if key == "$defs" else walk(value, active)) for key, value in node.items()}
        if isinstance(node, list):
            return [walk(item, active) for item in node]
        return node

    return walk(schema, ())


def field_path(path: Any) -> str:
    """('requirements', 3, 'obligation') -> 'requirements[3].obligation'."""
    out = ""
    for step in path:
        out += f"[{step}]" if isinstance(step, int) else (f".{step}" if out else str(step))
    return out or "(top level)"


def _short(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False) if not isinstance(value, str) else repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _type_name(value: Any) -> str:
    return {dict: "a mapping", list: "a list", str: "text", bool: "true/false", int: "a whole number",
            float: "a number", type(None): "nothing (null)"}.get(type(value), type(value).__name__)


def _explain(error: ValidationError, schema_name: str) -> tuple[str, str, tuple]:
    """(code, message, path to locate) for one schema error."""
    import difflib  # for a suggestion, on an error only

    path = tuple(error.absolute_path)
    where = field_path(path)
    v = error.validator
    if v == "additionalProperties":
        known = sorted(error.schema.get("properties", {}))
        extras = [k for k in error.instance if k not in known] if isinstance(error.instance, dict) else []
        name = extras[0] if extras else "?"
        close = difflib.get_close_matches(str(name), known, n=1, cutoff=0.6)
        hint = f"; did you mean '{close[0]}'?" if close else f"; known fields: {', '.join(known)}"
        return "REG004", f"{field_path(path + (name,))}: unknown field '{name}'{hint}", path + (name,)
    if v == "required":
        missing = error.message.split("'")[1] if "'" in error.message else "?"
        return "REG003", f"{where}: missing required field '{missing}'", path
    if v == "enum":
        allowed = ", ".join(str(x) for x in error.validator_value)
        return "REG003", f"{where}: {_short(error.instance)} is not allowed; expected one of: {allowed}", path
    if v == "const":
        return "REG003", f"{where}: expected {_short(error.validator_value)}, got {_short(error.instance)}", path
    if v == "type":
        if not path and error.instance is None:
            return "REG003", "the file is empty; expected a mapping of fields", path
        expected = error.validator_value
        names = [_YAML_TYPE.get(t, t) for t in (expected if isinstance(expected, list) else [expected])]
        return "REG003", (f"{where}: expected {' or '.join(names)}, got {_type_name(error.instance)} "
                          f"{_short(error.instance)}"), path
    if v == "minLength" or (v == "pattern" and error.validator_value == "\\S"):
        return "REG003", f"{where}: must not be empty", path
    if v == "pattern":
        desc = error.schema.get("description")
        tail = f" ({desc})" if desc else f" (pattern {error.validator_value})"
        return "REG003", f"{where}: {_short(error.instance)} is not of the expected form{tail}", path
    if v == "format":
        return "REG003", f"{where}: {_short(error.instance)} is not a valid {error.validator_value} (YYYY-MM-DD)", path
    if v in ("minimum", "maximum"):
        return "REG003", f"{where}: {error.instance} is out of range ({v} {error.validator_value})", path
    if v == "minItems":
        return "REG003", f"{where}: needs at least {error.validator_value} item(s)", path
    if v == "uniqueItems":
        return "REG003", f"{where}: an item is listed twice", path
    return "REG003", f"{where}: {error.message}", path


def _leaf_errors(errors: Iterator[ValidationError]) -> Iterator[ValidationError]:
    from jsonschema.exceptions import best_match

    for error in errors:
        if error.context:  # anyOf / oneOf: report the branch that came closest
            yield best_match(error.context)
        else:
            yield error


# JSON Schema's type names in the words of a YAML file's author.
_YAML_TYPE = {"object": "a mapping", "array": "a list", "string": "text", "integer": "a whole number",
              "number": "a number", "boolean": "true or false", "null": "nothing (null)"}

_VALUE_KEYWORDS = {"type", "enum", "const", "format", "pattern", "minLength"}


@lru_cache(maxsize=None)
def _fast_check(name: str):
    return compile_schema(_inline_refs(load_schema(name)))


def validate(doc: YamlDoc, schema_name: str) -> list[Diagnostic]:
    """Every schema violation of `doc`, one diagnostic each, in file order."""
    fast = _fast_check(schema_name)
    if fast is not None and fast(doc.data):
        return []  # certainly valid (schemafast.py); anything else is jsonschema's to explain
    diags = []
    seen = set()
    for error in _leaf_errors(_validator(schema_name).iter_errors(doc.data)):
        code, message, path = _explain(error, schema_name)
        # One finding per bad value: a date that is neither a date nor of the form YYYY-MM-DD
        # fails two keywords but is one mistake.
        key = (code, path) if error.validator in _VALUE_KEYWORDS else (code, message)
        if key in seen:
            continue
        seen.add(key)
        line, col = doc.key_position(path) if code == "REG004" else doc.position(path)
        diags.append(Diagnostic.at(code, Loc(doc.source, line, col), message))
    # A misspelt field is one mistake, not two: drop "missing required field 'x'" where the
    # same object has an unknown field whose suggestion is 'x'.
    parents = {}
    for d in diags:
        if d.code == "REG004":
            m = re.search(r"did you mean '([^']+)'", d.message)
            if m:
                field = d.message.split(": unknown field")[0]
                parent = field.rsplit(".", 1)[0] if "." in field else field_path(())
                parents.setdefault(parent, set()).add(m.group(1))
    diags = [d for d in diags if not (d.code == "REG003" and _is_missing_suggested(d.message, parents))]
    diags.sort(key=lambda d: (d.line, d.col))
    return diags


def _is_missing_suggested(message: str, parents: dict[str, set[str]]) -> bool:
    m = re.match(r"^(.*): missing required field '([^']+)'$", message)
    return bool(m) and m.group(2) in parents.get(m.group(1), set())
