"""Load the catalogues (WIPO standards, IP5 principles, survey challenges) into the model."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from .diagnostics import Diagnostic
from .errors import LoadError
from .model import Catalogues, Challenge, Ip5Principle, Loc, Source, StandardPart, WipoStandard

if TYPE_CHECKING:
    from .yamlsrc import YamlDoc

FILES = ("wipo_standards.yaml", "ip5_principles.yaml", "survey_challenges.yaml")
SCHEMA = "catalogues.schema.json"


def catalogue_dir() -> Path:
    return Path(__file__).parent / "catalogues"


def load_catalogues(directory: Path | None = None) -> tuple[Catalogues | None, list[Diagnostic]]:
    """Load and validate the three catalogue files; (None, findings) when any is invalid.
    (PyYAML and the schema are imported here: modelcache.py reads unchanged catalogues.)"""
    from .schemacheck import validate
    from .yamlsrc import load_yaml_bytes

    directory = directory or catalogue_dir()
    docs: dict[str, YamlDoc] = {}
    diags: list[Diagnostic] = []
    for name in FILES:
        path = directory / name
        shown = _shown(path)
        try:
            doc = load_yaml_bytes(path.read_bytes(), shown)
        except FileNotFoundError:
            diags.append(Diagnostic.at("REG005", Loc(shown), "catalogue file not found"))
            continue
        except LoadError as exc:
            diags.append(Diagnostic.at(exc.code, Loc(exc.path, exc.line, exc.col), exc.message))
            continue
        found = validate(doc, SCHEMA)
        if found:
            diags.extend(found)
            continue
        docs[name] = doc
    if diags:
        return None, diags
    return _build(docs), []


def _shown(path: Path) -> str:
    """A catalogue path as messages print it: relative to the project when it is inside."""
    text = path.as_posix()
    marker = "tools/stkit/catalogues/"
    return marker + path.name if marker in text else text


def _build(docs: dict[str, YamlDoc]) -> Catalogues:
    sources: dict[str, Source] = {}
    for doc in docs.values():
        for s in doc.data["sources"]:
            sources[s["id"]] = Source(s["id"], s["title"], s.get("url"))

    def loc(doc: YamlDoc, path: tuple) -> Loc:
        line, col = doc.position(path)
        return Loc(doc.source, line, col)

    wd = docs["wipo_standards.yaml"]
    standards = {}
    for i, s in enumerate(wd.data["standards"]):
        standards[s["code"]] = WipoStandard(
            code=s["code"], title=s["title"], status=s["status"], url=s["url"], source=s["source"],
            verified=s["verified"], unverified=list(s.get("unverified", [])),
            current_version=s.get("current_version"), versions=list(s.get("versions", [])),
            superseded_by=s.get("superseded_by"), rule_pattern=s.get("rule_pattern"),
            parts={p["id"]: StandardPart(p["id"], p["title"], p.get("verified", True)) for p in s["parts"]},
            loc=loc(wd, ("standards", i)),
        )
    pd = docs["ip5_principles.yaml"]
    principles = {
        p["id"]: Ip5Principle(p["id"], p["kind"], p["summary"], p["source"], p["verified"],
                              loc(pd, ("principles", i)))
        for i, p in enumerate(pd.data["principles"])
    }
    cd = docs["survey_challenges.yaml"]
    challenges = {
        c["id"]: Challenge(c["id"], c["context"], c["group"], c["title"], c["offices"], c["remark"],
                           c["source"], loc(cd, ("challenges", i)))
        for i, c in enumerate(cd.data["challenges"])
    }
    return Catalogues(standards=standards, principles=principles, challenges=challenges,
                      sources=sources, respondents=cd.data.get("respondents"))
