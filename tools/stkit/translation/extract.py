"""The registry's translatable messages, as the template `registry.pot`.

Each message carries its requirement ID (or catalogue entry ID, or `metadata`) as msgctxt, so
the same English in two requirements is translated separately and a translator sees whose it
is; the extracted comment names the field ("statement", "title" ...), and the reference line
points at the registry."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..model import Catalogues, Registry

if TYPE_CHECKING:
    import polib

METADATA_CONTEXT = "metadata"
REQUIREMENT_FIELDS = ("title", "statement", "rationale")


@dataclass(frozen=True)
class Source:
    """A message of the standard to translate: its context, its field, its text and where it is written."""

    context: str
    field: str  # statement | title | rationale | standard-title | ...
    text: str
    path: str
    line: int


def registry_messages(registry: Registry, catalogues: Catalogues | None) -> list[Source]:
    """Every translatable English text of the registry and the catalogues, in file order."""
    md = registry.metadata
    out = [Source(METADATA_CONTEXT, "title", md.title, md.loc.path, md.loc.line),
           Source(METADATA_CONTEXT, "prepared_by", md.prepared_by, md.loc.path, md.loc.line)]
    for req in registry.requirements:
        for name in REQUIREMENT_FIELDS:
            text = getattr(req, name)
            if text:
                loc = req.loc_of(name)
                out.append(Source(req.id, name, text, loc.path, loc.line))
    if catalogues is not None:
        for code, std in catalogues.standards.items():
            out.append(_cat(code, "standard-title", std.title, std.loc))
        for pid, principle in catalogues.principles.items():
            out.append(_cat(pid, "ip5-summary", principle.summary, principle.loc))
        for cid, challenge in catalogues.challenges.items():
            out.append(_cat(cid, "challenge-title", challenge.title, challenge.loc))
    return out


def _cat(context: str, name: str, text: str, loc) -> Source:
    return Source(context, name, text, loc.path if loc else "", loc.line if loc else 0)


def registry_pot(registry: Registry, catalogues: Catalogues | None) -> polib.POFile:
    import polib  # only `make translations` writes a catalogue; `stkit check` reads them

    pot = polib.POFile(wrapwidth=0)
    pot.metadata = {
        "Project-Id-Version": f"{registry.metadata.number} {registry.metadata.version}",
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
    }
    for src in registry_messages(registry, catalogues):
        occurrences = [(src.path, str(src.line))] if src.path else []
        pot.append(polib.POEntry(msgctxt=src.context, msgid=src.text, msgstr="",
                                 comment=src.field, occurrences=occurrences))
    return pot
