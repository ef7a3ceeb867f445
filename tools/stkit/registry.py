"""Load `requirements_registry.yaml` into the typed model, once."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from .diagnostics import Diagnostic
from .errors import LoadError
from .model import (ConformanceGap, Deviation, Loc, Metadata, OutOfScope, Registry, Requirement,
                    StandardRef, Waiver)

if TYPE_CHECKING:
    from .yamlsrc import YamlDoc

# PyYAML, the loader and the schema are imported when a registry is parsed, not with this
# module: a check of an unchanged registry reads its model from the cache (modelcache.py).

REGISTRY_FILE = "requirements_registry.yaml"
SCHEMA = "registry.schema.json"

_REQ_FIELDS = ("title", "statement", "obligation", "category", "level", "status", "rationale",
               "since", "references", "ip5", "challenges", "replaced_by")


@dataclass
class RegistryLoad:
    """The outcome of loading: the model when the file is valid, the findings either way."""

    registry: Registry | None
    diagnostics: list[Diagnostic]
    doc: YamlDoc | None = None


def load_registry(raw: bytes | None, shown: str = REGISTRY_FILE) -> RegistryLoad:
    """Load the registry from its bytes (from disk or from git). Never raises for bad input."""
    if raw is None:
        return RegistryLoad(None, [Diagnostic.at("REG005", Loc(shown), "file not found",
                                                 fix="create the registry (see docs/registry.md)")])
    from .schemacheck import validate
    from .yamlsrc import load_yaml_bytes

    try:
        doc = load_yaml_bytes(raw, shown)
    except LoadError as exc:
        return RegistryLoad(None, [Diagnostic.at(exc.code, Loc(exc.path, exc.line, exc.col), exc.message)])
    diags = validate(doc, SCHEMA)
    if diags:
        return RegistryLoad(None, diags, doc)
    return RegistryLoad(build_registry(doc), [], doc)


def build_registry(doc: YamlDoc) -> Registry:
    """Schema-valid data -> model. Locations are looked up once per requirement."""
    data = doc.data
    shown = doc.source

    def loc(path: tuple) -> Loc:
        line, col = doc.position(path)
        return Loc(shown, line, col)

    req_nodes = _item_nodes(doc, "requirements")
    requirements = [
        build_requirement(item, req_nodes[index] if index < len(req_nodes) else None, shown,
                          lambda tail, index=index: loc(("requirements", index) + tail), index)
        for index, item in enumerate(data["requirements"])]
    return build_rest(doc, requirements)


def build_rest(doc: YamlDoc, requirements: list[Requirement]) -> Registry:
    """The registry around its requirements (metadata, deviations, the sections' places)."""
    data = doc.data
    shown = doc.source

    def loc(path: tuple) -> Loc:
        line, col = doc.position(path)
        return Loc(shown, line, col)

    md = data["metadata"]
    metadata = Metadata(
        number=md["number"], title=md["title"], version=md["version"], status=md["status"],
        date=md["date"], task=md["task"], prepared_by=md["prepared_by"],
        languages=list(md["languages"]), cws_session=md.get("cws_session"),
        adoption_date=md.get("adoption_date"), loc=loc(("metadata",)),
    )
    deviations = [Deviation(d["principle"], d["reason"], loc(("ip5_deviations", i)))
                  for i, d in enumerate(data.get("ip5_deviations", []))]
    out_of_scope = [OutOfScope(o["challenge"], o["reason"], loc(("out_of_scope", i)))
                    for i, o in enumerate(data.get("out_of_scope", []))]
    gaps = [ConformanceGap(g["level"], g["role"], g["reason"], loc(("conformance_gaps", i)))
            for i, g in enumerate(data.get("conformance_gaps", []))]
    return Registry(metadata=metadata, requirements=requirements, ip5_deviations=deviations,
                    out_of_scope=out_of_scope, conformance_gaps=gaps, path=shown, section_locs=_key_locs(doc.root, shown))


def build_requirement(item: dict, node, shown: str, locate, index: int) -> Requirement:
    """One schema-valid entry of `requirements` -> the model; `node` is its YAML node,
    `locate(path)` the place of a path inside the entry (("references", 0), say)."""
    field_locs = _field_locs(node, shown)
    refs = []
    ref_nodes = _value_node(node, "references")
    for r_index, ref in enumerate(item.get("references", [])):
        ref_node = ref_nodes.value[r_index] if ref_nodes is not None else None
        ref_loc = field_locs.get(f"references[{r_index}]") or locate(("references", r_index))
        refs.append(StandardRef(standard=ref["standard"], part=ref.get("part"), rule=ref.get("rule"),
                                version=ref.get("version"), loc=ref_loc,
                                field_locs=_field_locs(ref_node, shown)))
    return Requirement(
        id=item["id"], title=item["title"], statement=item["statement"],
        obligation=item["obligation"], category=item["category"], level=item.get("level"),
        status=item["status"], rationale=item["rationale"], since=item["since"],
        applies_to=item.get("applies_to"), references=refs,
        ip5=list(item.get("ip5", [])), challenges=list(item.get("challenges", [])),
        withdrawn_in=item.get("withdrawn_in"), withdrawn_reason=item.get("withdrawn_reason"),
        replaced_by=item.get("replaced_by"), index=index,
        waivers=[Waiver(w["code"], w["reason"], field_locs.get(f"waivers[{w_index}]", Loc(shown)))
                 for w_index, w in enumerate(item.get("waivers", []))],
        loc=field_locs.get("id", Loc(shown, node.start_mark.line + 1 if node else 1)),
        field_locs=field_locs,
    )


def _item_nodes(doc: YamlDoc, key: str) -> list:
    root = doc.root
    if root is None:
        return []
    for key_node, value_node in root.value:
        if key_node.value == key:
            return list(value_node.value)
    return []


def _field_locs(node, shown: str) -> dict[str, Loc]:
    """Where each field's value of one mapping starts, and each item of a list field
    (`ip5[2]`): one pass over its node."""
    if node is None:
        return {}
    import yaml

    out = {}
    for key_node, value_node in node.value:
        mark = value_node.start_mark
        out[key_node.value] = Loc(shown, mark.line + 1, mark.column + 1)
        if isinstance(value_node, yaml.SequenceNode):
            for i, item in enumerate(value_node.value):
                out[f"{key_node.value}[{i}]"] = Loc(shown, item.start_mark.line + 1, item.start_mark.column + 1)
    return out


def _key_locs(node, shown: str) -> dict[str, Loc]:
    """Where each key of a mapping is written (the top-level sections of the registry)."""
    import yaml

    if not isinstance(node, yaml.MappingNode):
        return {}
    return {k.value: Loc(shown, k.start_mark.line + 1, k.start_mark.column + 1) for k, _ in node.value}


def _value_node(node, key: str):
    import yaml

    if not isinstance(node, yaml.MappingNode):
        return None
    for key_node, value_node in node.value:
        if key_node.value == key:
            return value_node if isinstance(value_node, yaml.SequenceNode) else None
    return None
