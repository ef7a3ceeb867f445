"""The TRN rules of `stkit check`: the translations of the languages the registry lists.

- TRN001 (note) a message has no translation yet;
- TRN002 (note) a translation is outdated: fuzzy (its English changed, `make translations`
  marked it), or made for English the registry or the chapter no longer has, or the registry's
  field is not in the catalogue yet (`make translations` was not run);
- TRN003 (error) a catalogue cannot be read;
- TRN004 (error) a translated statement does not carry its obligation's keyword form;
- TRN005 (error) a requirement ID, a citation, a role or a number did not survive translation.

Both notes refuse the release of an adopted standard (release/gates.py). Findings are located
at the msgstr line of the PO file, where a translator edits.
"""

from __future__ import annotations

import re
from collections import Counter

from ..diagnostics import Diagnostic
from ..model import BOX_TITLES, Loc
from .catalog import REGISTRY_DOMAIN, PoFile, po_path
from .extract import registry_messages
from .languages import find_keywords, keyword_forms, english_name, translated_languages

REQ_ID = re.compile(r"\b[A-Z]{2,}-[A-Z]{3}-\d{3}\b")
ROLE = re.compile(r"\{([a-z][\w-]*)\}`([^`]*)`")
# Roles whose content is a reference and must survive as written; {term} and {kw} may show
# translated text (a term as `{term}\`texte <english term>\``).
VERBATIM_ROLES = ("st", "req", "para", "ref", "numref", "doc")
NUMBER = re.compile(r"(?<![\w.])\d+(?:\.\d+)*(?![\w])")


def check(project) -> list[Diagnostic]:
    registry = project.registry
    langs = translated_languages(registry.metadata.languages)
    if not langs:
        return []
    files: list[PoFile] = getattr(project, "translations", None) or []
    by_lang: dict[str, list[PoFile]] = {}
    for po in files:
        by_lang.setdefault(po.lang, []).append(po)
    diags: list[Diagnostic] = []
    sources = {(s.context, s.field): s for s in registry_messages(registry, project.catalogues)}
    chapters = {sf.docname: sf for sf in getattr(project, "sources", [])}
    for lang in langs:
        pos = by_lang.get(lang, [])
        if not pos:
            diags.append(Diagnostic.at(
                "TRN001", registry.metadata.loc,
                f"{english_name(lang)} ({lang}) is listed in metadata.languages but has no "
                f"catalogue in locale/{lang}/LC_MESSAGES/; the whole standard is pending",
                fix="run `make translations`"))
            continue
        for po in pos:
            if po.error:
                diags.append(Diagnostic.at("TRN003", Loc(po.path, po.error_line),
                                           f"the catalogue cannot be read: {po.error}"))
                continue
            diags += _messages(po, lang)
            if po.domain == REGISTRY_DOMAIN:
                diags += _registry(po, lang, registry, sources)
            elif po.domain in chapters:
                diags += _chapter(po, lang, chapters[po.domain])
        if not any(po.domain == REGISTRY_DOMAIN for po in pos):
            diags.append(Diagnostic.at(
                "TRN002", registry.metadata.loc,
                f"{po_path(lang, REGISTRY_DOMAIN)} is missing: no requirement is translated into "
                f"{english_name(lang)}", fix="run `make translations`"))
    return diags


def _messages(po: PoFile, lang: str) -> list[Diagnostic]:
    out = []
    for m in po.messages:
        if m.obsolete:
            continue
        loc = Loc(po.path, m.line, m.msgstr_col)
        who = f"{m.context} " if m.context else ""
        if not m.msgstr:
            out.append(Diagnostic.at("TRN001", loc, f"{who}not translated into "
                                     f"{english_name(lang)} yet: {_short(m.msgid)}"))
            continue
        if m.fuzzy:
            out.append(Diagnostic.at("TRN002", loc, f"{who}the English changed since this "
                                     f"translation was made; the build shows the English: "
                                     f"{_short(m.msgid)}",
                                     fix="update the translation and remove the fuzzy flag"))
            continue
        out += _survives(m, loc)
    return out


def _chapter(po: PoFile, lang: str, source) -> list[Diagnostic]:
    """Translations made for English the chapter no longer has: its text was edited after the
    last `make translations`. The build already shows the English there (it finds no
    translation for the new text); this says so before the catalogue is updated."""
    text = " ".join(source.text.split())
    out = []
    for m in po.messages:
        if not m.current or m.msgid in BOX_TITLES.values():
            continue
        if " ".join(m.msgid.split()) not in text:
            out.append(Diagnostic.at(
                "TRN002", Loc(po.path, m.line, m.msgstr_col),
                f"the English this translation was made for, {_short(m.msgid)}, is no longer in "
                f"{source.path}; the {english_name(lang)} build shows the new English in its place",
                fix="run `make translations`, then update the translation"))
    return out


def _survives(m, loc: Loc) -> list[Diagnostic]:
    """IDs, verbatim roles, role names and numbers are the same in the translation."""
    problems = []
    for what, pattern in (("requirement ID", REQ_ID), ("number", NUMBER)):
        # numbers are counted outside requirement IDs (an ID is checked whole)
        src = REQ_ID.sub(" ", m.msgid) if pattern is NUMBER else m.msgid
        dst = REQ_ID.sub(" ", m.msgstr) if pattern is NUMBER else m.msgstr
        missing = Counter(pattern.findall(src)) - Counter(pattern.findall(dst))
        extra = Counter(pattern.findall(dst)) - Counter(pattern.findall(src))
        if missing or extra:
            problems.append(f"{what} {_list(missing)} of the English is not in the translation"
                            if missing else f"{what} {_list(extra)} is not in the English")
    src_roles = ROLE.findall(m.msgid)
    dst_roles = ROLE.findall(m.msgstr)
    names_missing = Counter(r for r, _ in src_roles) - Counter(r for r, _ in dst_roles)
    names_extra = Counter(r for r, _ in dst_roles) - Counter(r for r, _ in src_roles)
    if names_missing or names_extra:
        problems.append(f"roles differ: the English has {_list(Counter(r for r, _ in src_roles), '{{{}}}')}, "
                        f"the translation {_list(Counter(r for r, _ in dst_roles), '{{{}}}')}")
    verbatim_src = Counter(r for r in src_roles if r[0] in VERBATIM_ROLES)
    verbatim_dst = Counter(r for r in dst_roles if r[0] in VERBATIM_ROLES)
    for role, text in (verbatim_src - verbatim_dst):
        problems.append(f"{{{role}}}`{text}` must be kept exactly as in the English")
    return [Diagnostic.at("TRN005", loc, f"{m.context + ' ' if m.context else ''}{p}",
                          fix="keep requirement IDs, citations, roles and numbers as written in "
                              "the English") for p in problems]


def _registry(po: PoFile, lang: str, registry, sources: dict) -> list[Diagnostic]:
    out = []
    by_id = registry.by_id
    seen = set()
    for m in po.messages:
        if m.obsolete:
            continue
        source = sources.get((m.context, m.comment))
        loc = Loc(po.path, m.line, m.msgstr_col)
        if source is None:
            continue
        seen.add((m.context, m.comment))
        if m.msgid != source.text:
            if m.msgstr and not m.fuzzy:
                out.append(Diagnostic.at(
                    "TRN002", loc, f"{m.context} {m.comment}: the English in the registry changed "
                    f"since this translation was made; the build shows the English",
                    fix="run `make translations`, then update the translation"))
            continue
        req = by_id.get(m.context)
        if req is not None and m.comment == "statement" and m.current:
            out += _keyword(m, loc, lang, req)
    for (context, name), source in sources.items():
        if (context, name) not in seen and context in by_id:
            out.append(Diagnostic.at(
                "TRN002", Loc(source.path, source.line),
                f"{context} {name} is not in {po.path} yet; the {english_name(lang)} build "
                f"shows the English", fix="run `make translations`"))
    return out


def _keyword(m, loc: Loc, lang: str, req) -> list[Diagnostic]:
    forms = keyword_forms(lang)
    if not forms:
        return []
    wanted = forms.get(req.obligation, ())
    found = find_keywords(m.msgstr, lang)
    own = [match for ob, match in found if ob == req.obligation]
    other = [(ob, match) for ob, match in found if ob != req.obligation]
    name = english_name(lang)
    if other:
        ob, match = other[0]
        line, col = m.position(match.start())
        return [Diagnostic.at(
            "TRN004", Loc(loc.path, line, col), f"{req.id} is a '{req.obligation}' requirement but its {name} statement "
            f"uses '{match.group(0)}' (the form of '{ob}')",
            fix=f"use {' or '.join(wanted)} (tools/stkit/translation/keywords/{lang}.yaml)")]
    if not own:
        return [Diagnostic.at(
            "TRN004", loc, f"{req.id} is a '{req.obligation}' requirement but its {name} statement "
            f"has none of its keyword forms ({', '.join(wanted)})",
            fix=f"use {' or '.join(wanted)} (tools/stkit/translation/keywords/{lang}.yaml)")]
    return []


def _short(text: str, width: int = 60) -> str:
    text = " ".join(text.split())
    return repr(text if len(text) <= width else text[: width - 3] + "...")


def _list(counter: Counter, fmt: str = "'{}'") -> str:
    return ", ".join(fmt.format(x) for x in sorted(counter.elements())) or "none"
