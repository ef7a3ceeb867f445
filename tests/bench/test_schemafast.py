"""The fast validity check that lets a valid registry skip jsonschema's walk (a hot spot
found by the benchmarks): it must never call an invalid document valid. Each case breaks
one value of a real registry or catalogue and compares the fast answer with jsonschema's."""

from __future__ import annotations

import copy
import functools
from pathlib import Path

import jsonschema
import pytest

from stkit import schemacheck, schemafast
from stkit.catalogues import catalogue_dir
from stkit.yamlsrc import load_yaml_bytes

REPO = Path(__file__).resolve().parents[2]
FIXTURE = REPO / "tests" / "fixtures" / "mini" / "requirements_registry.yaml"

BAD_VALUES = [None, True, False, 0, 1, 2.5, 1.0, -1, 4, "", " ", "x", "2026-13-45", "ST.96",
              "IPDX-FMT-01", "IPDX-XYZ-12345", [], ["a", "a"], [1, True], {}, {"x": 1}]


def data_of(path: Path):
    return load_yaml_bytes(path.read_bytes(), path.name).data


@functools.lru_cache(maxsize=None)
def reference_validator(name: str) -> jsonschema.Draft202012Validator:
    """jsonschema on the schema as written (no inlining): the reference answer."""
    return jsonschema.Draft202012Validator(
        schemacheck.load_schema(name), format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)


def jsonschema_valid(name: str, data) -> bool:
    return reference_validator(name).is_valid(data)


def mutations(data, path=()):
    """Every document with one value replaced by a bad one, one key removed or one key added."""
    if isinstance(data, dict):
        for key, value in data.items():
            for bad in BAD_VALUES:
                yield path + (key,), "set", bad
            yield path + (key,), "drop", None
            yield from mutations(value, path + (key,))
        yield path + ("unknown_field",), "set", "x"
    elif isinstance(data, list):
        for i, value in enumerate(data[:3]):
            for bad in BAD_VALUES:
                yield path + (i,), "set", bad
            yield from mutations(value, path + (i,))
        if data:
            yield path + (len(data),), "append", copy.deepcopy(data[0])


def apply(data, path, action, value):
    out = copy.deepcopy(data)
    node = out
    for step in path[:-1]:
        node = node[step]
    if action == "drop":
        del node[path[-1]]
    elif action == "append":
        node.append(value)
    else:
        node[path[-1]] = value
    return out


@pytest.mark.parametrize("name, path", [
    ("registry.schema.json", FIXTURE),
    ("registry.schema.json", REPO / "requirements_registry.yaml"),
    ("catalogues.schema.json", catalogue_dir() / "ip5_principles.yaml"),
    ("catalogues.schema.json", catalogue_dir() / "wipo_standards.yaml"),
])
def test_fast_check_never_calls_an_invalid_document_valid(name, path):
    fast = schemacheck._fast_check(name)
    assert fast is not None, "the schema uses a keyword schemafast.py does not know"
    data = data_of(path)
    if name == "registry.schema.json":
        data["requirements"] = data["requirements"][:4]  # enough of every shape, and fast
    assert fast(data) and jsonschema_valid(name, data)
    tried = disagreed = 0
    for mpath, action, value in mutations(data):
        broken = apply(data, mpath, action, value)
        valid = jsonschema_valid(name, broken)
        tried += 1
        if fast(broken):
            assert valid, f"fast check accepts {action} {mpath} = {value!r}, which jsonschema refuses"
        elif valid:
            disagreed += 1  # allowed (jsonschema then runs and finds nothing), but should be rare
    assert tried > 500
    assert disagreed <= tried // 20, f"{disagreed} of {tried}"


def test_status_condition_is_applied():
    data = data_of(FIXTURE)
    withdrawn = next(r for r in data["requirements"] if r["status"] == "withdrawn")
    del withdrawn["withdrawn_reason"]
    assert not schemacheck._fast_check("registry.schema.json")(data)
    assert not jsonschema_valid("registry.schema.json", data)


def test_unknown_keywords_and_recursion_give_no_fast_check():
    assert schemafast.compile_schema({"type": "object", "patternProperties": {"^x": {}}}) is None
    assert schemafast.compile_schema({"$defs": {"a": {"items": {"$ref": "#/$defs/a"}}},
                                      "$ref": "#/$defs/a"}) is None
    assert schemafast.compile_schema({"type": "string", "pattern": "^a"})("abc")
