"""What `stkit diff` knows of the languages (docs/review.md, docs/translation.md).

Two uses, both reading each revision's own catalogues (`locale/<lang>/LC_MESSAGES/*.po`,
through git, as `load_project` reads them):

- `--lang fr`: `localise()` gives each side's project as a French reader sees it at that
  revision: each requirement's title, statement and rationale and each numbered paragraph in
  its current translation (not fuzzy, made for exactly the English of that revision), or else
  the English after the pending mark, "[traduction en attente] ...", as the French build shows
  it. The same comparison and renderers then make the report in every format.
- the English report: `section()` says, per language, what the change made pending (a
  translated text whose English changed, or whose translation went), what it added
  untranslated, what it newly translated, and how much was translated at each side.

A numbered paragraph is looked up as Sphinx's gettext builder cut it: each block of it (the
lead sentence, each lettered item) is one message, its lines joined by spaces, in the
catalogue of its page. A paragraph is translated when all its blocks are.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from sphinx.util.i18n import docname_to_domain

from ..errors import UsageError
from ..model import Paragraph, SourceFile
from ..project import Project
from ..translation.catalog import REGISTRY_DOMAIN, PoFile
from ..translation.extract import METADATA_CONTEXT, REQUIREMENT_FIELDS
from ..translation.languages import SOURCE_LANGUAGE, english_name, translated_languages, words
from .compare import match_paragraphs
from .load import SideError

_BLOCK = re.compile(r"\n[ \t]*\n")


@dataclass
class Reader:
    """What a reader of `lang` sees at one revision: that revision's current translations."""

    lang: str
    registry: dict = field(default_factory=dict)  # (context, English) -> translation
    pages: dict = field(default_factory=dict)  # domain -> {English: translation}
    unreadable: list[PoFile] = field(default_factory=list)

    @property
    def mark(self) -> str:
        return f"[{words(self.lang)['pending']}]"

    def shown(self, context: str, english: str) -> str:
        """A registry field as the build shows it: translated, or the English marked."""
        if not english:
            return english
        found = self.registry.get((context, english))
        return found if found is not None else f"{self.mark} {english}"

    def current(self, context: str, english: str) -> bool:
        return (context, english) in self.registry

    def blocks(self, para: Paragraph, docname: str) -> list[tuple[str, str | None]]:
        """(English message, its current translation or None) of each block of `para`."""
        page = self.pages.get(docname_to_domain(docname, True), {})
        out = []
        for block in _BLOCK.split(para.text.strip()):
            msgid = " ".join(line.strip() for line in block.strip().split("\n"))
            out.append((msgid, page.get(msgid)))
        return out

    def paragraph_current(self, para: Paragraph, docname: str) -> bool:
        return all(found is not None for _, found in self.blocks(para, docname))

    def paragraph_shown(self, para: Paragraph, docname: str) -> str:
        return "\n\n".join(found if found is not None else f"{self.mark} {msgid}"
                           for msgid, found in self.blocks(para, docname))

    def heading(self, docname: str, english: str) -> str:
        found = self.pages.get(docname_to_domain(docname, True), {}).get(english)
        return found if found is not None else f"{self.mark} {english}"


def reader(project: Project, lang: str) -> Reader:
    out = Reader(lang)
    for po in project.translations:
        if po.lang != lang:
            continue
        if po.error:
            out.unreadable.append(po)
        elif po.domain == REGISTRY_DOMAIN:
            out.registry = po.current()
        else:
            out.pages[po.domain] = {english: text for (_, english), text in po.current().items()}
    return out


def problem(po: PoFile) -> str:
    """The located one-line message of an unreadable catalogue (the checker's TRN003)."""
    return f"{po.path}:{po.error_line}:1: TRN003 the catalogue cannot be read: {po.error}"


# --- --lang: the report in a language ---------------------------------------------------------

def languages_line(project: Project) -> str:
    """Where metadata.languages is written: 'requirements_registry.yaml:16:14'."""
    md = project.registry.metadata
    doc = project.registry_doc
    try:
        line, col = doc.position(("metadata", "languages")) if doc is not None else (md.loc.line, 1)
    except (KeyError, IndexError, TypeError, AttributeError):
        line, col = md.loc.line, 1
    return f"{project.registry.path}:{line}:{col}"


def require(lang: str, base: Project, head: Project, where: dict[str, str]) -> None:
    """Refuse, in one located line, a language the standard does not have at either revision,
    one that a revision did not list, and an unreadable catalogue of it at either revision."""
    listed = {side: project.registry.metadata.languages for side, project in
              (("base", base), ("head", head))}
    if lang not in listed["base"] and lang not in listed["head"]:
        lang = lang if lang.isprintable() else repr(lang)  # one line, whatever was typed
        raise UsageError(f"--lang {lang}: not a language of the standard; {languages_line(head)}: "
                         f"metadata.languages lists {', '.join(listed['head'])}")
    for side, project in (("base", base), ("head", head)):
        if lang not in listed[side]:
            raise SideError(where[side], f"{languages_line(project)}: metadata.languages lists "
                            f"{', '.join(listed[side])}, not {lang}: there is no {english_name(lang)} "
                            f"text at this revision to compare; compare from a revision that lists it")
        bad = reader(project, lang).unreadable
        if bad:
            raise SideError(where[side], problem(bad[0]))


def localise(project: Project, lang: str) -> Project:
    """`project` with its requirements' and paragraphs' text as a reader of `lang` sees it."""
    rd = reader(project, lang)
    reg = project.registry
    requirements = [replace(r, title=rd.shown(r.id, r.title), statement=rd.shown(r.id, r.statement),
                            rationale=rd.shown(r.id, r.rationale)) for r in reg.requirements]
    md = replace(reg.metadata, title=rd.shown(METADATA_CONTEXT, reg.metadata.title),
                 prepared_by=rd.shown(METADATA_CONTEXT, reg.metadata.prepared_by))
    sources = [_localise_source(sf, rd) for sf in project.sources]
    return replace(project, registry=replace(reg, metadata=md, requirements=requirements, by_id={}),
                   sources=sources)


def _localise_source(sf: SourceFile, rd: Reader) -> SourceFile:
    return replace(sf, paragraphs=[replace(p, text=rd.paragraph_shown(p, sf.docname))
                                   for p in sf.paragraphs])


def localise_places(report: dict, base: Project, head: Project, lang: str) -> None:
    """The section names of placements (which the comparison reads from the English headings)
    as the reader of `lang` sees them at the side they belong to."""
    readers = {"base": reader(base, lang), "head": reader(head, lang)}
    docnames = {"base": {sf.path: sf.docname for sf in base.sources},
                "head": {sf.path: sf.docname for sf in head.sources}}

    def fix(where: dict | None, side: str) -> None:
        if where and where.get("section") and where["file"] in docnames[side]:
            where["section"] = readers[side].heading(docnames[side][where["file"]], where["section"])

    for entry in report["requirements"]:
        for change in entry["changes"]:
            if change["kind"] in ("added", "placed"):
                fix(change.get("placed") or change.get("after"), "head")
            elif change["kind"] in ("removed", "withdrawn"):
                fix(change.get("placed"), "base")
            elif change["kind"] == "moved":
                fix(change["before"], "base")
                fix(change["after"], "head")
            elif change["kind"] == "unplaced":
                fix(change["before"], "base")


def describe(lang: str) -> dict:
    """How the report names its language (report["lang"])."""
    return {"code": lang, "name": english_name(lang), "mark": f"[{words(lang)['pending']}]"}


# --- the English report: the translation debt of a change -----------------------------------

def section(base: Project, head: Project, pairs: list[tuple[int, int]] | None = None) -> list[dict]:
    """Per language either revision lists besides English: what the change did to its
    translation (see the module's docstring). Empty when the standard is English only.
    `pairs`: the numbered paragraphs already matched."""
    langs = translated_languages(head.registry.metadata.languages)
    langs += [x for x in translated_languages(base.registry.metadata.languages) if x not in langs]
    if not langs:
        return []
    if pairs is None:
        pairs = match_paragraphs(base.paragraphs, head.paragraphs)
    return [_language(lang, base, head, pairs) for lang in langs]


def _units(project: Project, rd: Reader) -> dict:
    """Every text a translation covers here: {key: (English, current, as shown)}. A
    requirement's field is keyed (ID, field); a numbered paragraph by its index in
    `project.paragraphs`."""
    out = {}
    for req in project.registry.requirements:
        for name in REQUIREMENT_FIELDS:
            text = getattr(req, name)
            if text:
                out[(req.id, name)] = (text, rd.current(req.id, text), rd.shown(req.id, text))
    index = 0
    for sf in project.sources:
        for para in sf.paragraphs:
            out[index] = (para.text, rd.paragraph_current(para, sf.docname),
                          rd.paragraph_shown(para, sf.docname))
            index += 1
    return out


def _counts(units: dict) -> dict:
    reqs = [unit[1] for key, unit in units.items() if isinstance(key, tuple)]
    paras = [unit[1] for key, unit in units.items() if not isinstance(key, tuple)]
    return {"requirement_texts": {"translated": sum(reqs), "total": len(reqs)},
            "paragraphs": {"translated": sum(paras), "total": len(paras)}}


def _language(lang: str, base: Project, head: Project, pairs: list[tuple[int, int]]) -> dict:
    readers = {"base": reader(base, lang), "head": reader(head, lang)}
    old, new = _units(base, readers["base"]), _units(head, readers["head"])
    # the base key of each head unit: the same requirement field; the matched paragraph
    counterpart = {key: key for key in new if isinstance(key, tuple) and key in old}
    counterpart.update({j: i for i, j in pairs})
    made_pending, added, translated, revised = [], [], [], []
    for key, (english, current, shown) in new.items():
        before = old.get(counterpart[key]) if key in counterpart else None
        item = _item(key, head)
        if before is None:
            (translated if current else added).append(item)
        elif before[1] and not current:
            changed = " ".join(before[0].split()) != " ".join(english.split())
            made_pending.append({**item, "reason": "the English changed" if changed
                                 else "the translation was removed or marked fuzzy"})
        elif current and not before[1]:
            translated.append(item)
        elif current and " ".join(before[2].split()) != " ".join(shown.split()):
            revised.append(item)
    return {"lang": lang, "name": english_name(lang),
            "listed": {"base": lang in base.registry.metadata.languages,
                       "head": lang in head.registry.metadata.languages},
            "counts": {"base": _counts(old), "head": _counts(new)},
            "made_pending": made_pending, "added_untranslated": added,
            "newly_translated": translated, "translation_revised": revised,
            "problems": [{"side": side, "message": problem(po)}
                         for side, rd in readers.items() for po in rd.unreadable]}


def _item(key, project: Project) -> dict:
    if isinstance(key, tuple):
        return {"requirement": key[0], "field": key[1]}
    para = project.paragraphs[key]
    return {"paragraph": para.display, "file": para.loc.path, "line": para.loc.line}


KINDS = (("made_pending", "made pending"), ("added_untranslated", "added untranslated"),
         ("newly_translated", "newly translated"), ("translation_revised", "translation revised"))


def summary_piece(translations: list[dict]) -> str | None:
    """'translations: fr 1 made pending, 3 added untranslated' for the report's first line."""
    bits = []
    for t in translations:
        parts = [f"{len(t[k])} {word}" for k, word in KINDS if t[k]]
        if parts:
            bits.append(f"{t['lang']} " + ", ".join(parts))
    return "translations: " + "; ".join(bits) if bits else None


def grouped(items: list[dict]) -> list[tuple[str, str, str | None]]:
    """Items for display, a requirement's fields together and a file's consecutive paragraphs
    as a run: (what, where, reason), e.g. ('IPDX-QUA-001', 'title, statement', None),
    ('¶11–19', 'standard/03-scope.md', None)."""
    out: list[list] = []
    for item in items:
        reason = item.get("reason")
        last = out[-1] if out else None
        if "requirement" in item:
            if last and last[0] == item["requirement"] and last[2] == reason:
                last[1] += f", {item['field']}"
            else:
                out.append([item["requirement"], item["field"], reason])
        elif last and len(last) == 4 and last[1] == item["file"] and last[2] == reason \
                and _follows(last[3][-1], item["paragraph"]):
            last[3].append(item["paragraph"])
        else:
            out.append([None, item["file"], reason, [item["paragraph"]]])
    return [(x[0], x[1], x[2]) if len(x) == 3 else
            (f"¶{x[3][0]}" + (f"–{x[3][-1]}" if len(x[3]) > 1 else ""), x[1], x[2]) for x in out]


def _follows(before: str, after: str) -> bool:
    """'I.3' then 'I.4', '11' then '12'."""
    a, _, m = before.rpartition(".")
    b, _, n = after.rpartition(".")
    return a == b and m.isdigit() and n.isdigit() and int(n) == int(m) + 1


__all__ = ["Reader", "reader", "require", "localise", "localise_places", "section", "describe",
           "summary_piece", "grouped", "SOURCE_LANGUAGE"]
