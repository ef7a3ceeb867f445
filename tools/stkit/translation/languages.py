"""Per-language data: the normative keyword forms (keywords/<lang>.yaml) and the words of the
page furniture, title block and requirement blocks (words/<lang>.yaml). Data, not code: an
editor corrects the files."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from ..usercache import yaml_data

HERE = Path(__file__).parent
SOURCE_LANGUAGE = "en"


def translated_languages(languages: list[str]) -> list[str]:
    """The registry's languages other than the source, in the registry's order."""
    return [lang for lang in languages if lang != SOURCE_LANGUAGE]


@lru_cache(maxsize=None)
def keyword_forms(lang: str) -> dict[str, tuple[str, ...]]:
    """{'shall': ('doit', 'doivent'), ...}; empty when no keyword file exists for `lang`."""
    path = HERE / "keywords" / f"{lang}.yaml"
    if not path.is_file():
        return {}
    data = yaml_data(path) or {}
    return {ob: tuple(str(f) for f in forms) for ob, forms in (data.get("keywords") or {}).items()}


def find_keywords(text: str, lang: str) -> list[tuple[str, re.Match]]:
    """Every keyword form in `text` as (obligation, match), in reading order."""
    found = []
    for obligation, forms in keyword_forms(lang).items():
        for form in forms:
            for m in re.finditer(rf"(?<!\w){re.escape(form)}(?!\w)", text, re.IGNORECASE):
                found.append((obligation, m))
    return sorted(found, key=lambda item: item[1].start())


@lru_cache(maxsize=None)
def words(lang: str) -> dict:
    """The furniture words of `lang`, English for any key the language's file lacks."""
    def load(name: str) -> dict:
        path = HERE / "words" / f"{name}.yaml"
        return yaml_data(path) if path.is_file() else {}

    merged = dict(load(SOURCE_LANGUAGE))
    if lang != SOURCE_LANGUAGE:
        merged.update(load(lang))
    return merged


@lru_cache(maxsize=None)
def known_languages() -> frozenset[str]:
    """The languages with a words file (words/<lang>.yaml)."""
    return frozenset(p.stem for p in (HERE / "words").glob("*.yaml"))


def language_name(lang: str) -> str:
    return str(words(lang).get("name", lang))


def long_date(iso: str, lang: str) -> str:
    w = words(lang)
    year, month, day = iso.split("-")
    return w["long_date"].format(day=int(day), month=w["months"][int(month) - 1], year=year)


def month_year(iso: str, lang: str) -> str:
    w = words(lang)
    year, month, _ = iso.split("-")
    return w["month_year"].format(month=w["months"][int(month) - 1], year=year)


def english_name(lang: str) -> str:
    """The language's name in English, for messages to editors ('French')."""
    return str(words(lang).get("english_name", lang))
