"""How far each translation is: the counts a release prints, one line per language.

Counted over the catalogues as they are (`make translations` brings them up to date):
translated = current translations (not fuzzy), outdated = fuzzy messages and registry
translations made for English the registry no longer has, pending = the rest."""

from __future__ import annotations

from dataclasses import dataclass

from .catalog import REGISTRY_DOMAIN
from .extract import registry_messages
from .languages import english_name, translated_languages, words


@dataclass(frozen=True)
class Status:
    lang: str
    total: int
    translated: int
    outdated: int

    @property
    def pending(self) -> int:
        return self.total - self.translated

    @property
    def complete(self) -> bool:
        return self.total > 0 and self.translated == self.total

    def line(self) -> str:
        """`fr (French): 120 of 812 messages translated, 3 outdated, 689 pending; unofficial
        working translation`."""
        text = (f"{self.lang} ({english_name(self.lang)}): {self.translated} of {self.total} "
                f"messages translated, {self.outdated} outdated, {self.pending} pending "
                f"(shown in English, marked)")
        if words(self.lang).get("unofficial"):
            text += "; unofficial working translation"
        return text


def statuses(project) -> list[Status]:
    registry = project.registry
    current = {(s.context, s.text) for s in registry_messages(registry, project.catalogues)}
    out = []
    for lang in translated_languages(registry.metadata.languages):
        total = translated = outdated = 0
        for po in project.translations:
            if po.lang != lang or po.error:
                continue
            for m in po.messages:
                if m.obsolete:
                    continue
                stale = po.domain == REGISTRY_DOMAIN and (m.context, m.msgid) not in current
                if stale:
                    outdated += bool(m.msgstr)
                    continue
                total += 1
                if m.current:
                    translated += 1
                elif m.msgstr and m.fuzzy:
                    outdated += 1
        out.append(Status(lang, total, translated, outdated))
    return out
