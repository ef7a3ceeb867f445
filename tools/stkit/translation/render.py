"""What a build in a translated language prints from the registry: the current translation of
a field (by requirement ID and English text), or the English with a "translation pending" mark.

A translation is used only when the catalogue holds it for exactly the English the registry
has now and it is not fuzzy; anything else is pending. Nothing here builds HTML strings from
data: text becomes docutils Text nodes."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from docutils import nodes

from ..model import Metadata
from .catalog import REGISTRY_DOMAIN, parse, po_path
from .extract import METADATA_CONTEXT
from .languages import SOURCE_LANGUAGE, find_keywords, long_date, words


@dataclass
class Translator:
    lang: str
    messages: dict = field(default_factory=dict)  # (context, English) -> current translation

    @property
    def source(self) -> bool:
        return self.lang == SOURCE_LANGUAGE

    @property
    def words(self) -> dict:
        return words(self.lang)

    def get(self, context: str, english: str) -> str | None:
        """The current translation, or None (pending)."""
        if self.source:
            return english
        return self.messages.get((context, english))

    def text(self, context: str, english: str, classes: list[str] | None = None) -> list[nodes.Node]:
        """Nodes for the field: the translation, or the English marked pending."""
        found = self.get(context, english)
        if found is not None:
            return [nodes.Text(found)]
        return [pending_mark(self.lang), nodes.Text(" "), english_inline(english, classes)]


def load_translator(root: Path, lang: str) -> Translator:
    """The registry catalogue of `lang` (locale/<lang>/LC_MESSAGES/registry.po), current
    messages only; an unreadable catalogue translates nothing (the checker reports it)."""
    if lang == SOURCE_LANGUAGE:
        return Translator(lang)
    path = Path(root) / po_path(lang, REGISTRY_DOMAIN)
    if not path.is_file():
        return Translator(lang)
    po = parse(path.read_text(encoding="utf-8", errors="replace"), lang, REGISTRY_DOMAIN, str(path))
    return Translator(lang, po.current())


def document_title(root: Path, md: Metadata, lang: str) -> str:
    """The document's title property (PDF and Word) in `lang`: "ST.XX - <title>", the title
    as the translation has it when current, else the English."""
    title = md.title
    if lang != SOURCE_LANGUAGE:
        title = load_translator(root, lang).get(METADATA_CONTEXT, md.title) or md.title
    return f"{md.number} - {title}"


def pending_mark(lang: str) -> nodes.inline:
    """The visible, readable mark before English text in a translated page."""
    w = words(lang)
    text = f"[{w['pending']}]"
    return nodes.inline(text, text, classes=["stkit-pending", f"language-{lang}"],
                        reftitle=w["pending_long"])


def english_inline(english: str, classes: list[str] | None = None) -> nodes.inline:
    return nodes.inline(english, english, classes=[*(classes or []), "stkit-untranslated",
                                                    f"language-{SOURCE_LANGUAGE}"])


def statement_nodes(tr: Translator, rid: str, english: str, obligation: str,
                    marked_english) -> tuple[list[nodes.Node], bool]:
    """The statement in `tr.lang` with its keyword marked up, or the marked English pending.
    `marked_english(text, keyword)` marks the English keyword (blocks.keyword_marked)."""
    found = tr.get(rid, english)
    if found is None or tr.source:
        nodes_ = marked_english(english, obligation)
        if tr.source:
            return nodes_, True
        span = nodes.inline(classes=["stkit-untranslated", f"language-{SOURCE_LANGUAGE}"])
        span.extend(nodes_)
        return [pending_mark(tr.lang), nodes.Text(" "), span], False
    for ob, m in find_keywords(found, tr.lang):
        if ob == obligation:
            return [nodes.Text(found[: m.start()]),
                    nodes.strong(m.group(0), m.group(0), classes=["kw", f"kw-{obligation}"]),
                    nodes.Text(found[m.end():])], True
    return [nodes.Text(found)], True


def title_block_lines(md: Metadata, tr: Translator) -> list[tuple[list[nodes.Node], str]]:
    """The title block's lines in `tr.lang`: (nodes, class)."""
    w = tr.words
    title = tr.get(METADATA_CONTEXT, md.title)
    title_nodes = ([nodes.Text(title.upper())] if title is not None
                   else [pending_mark(tr.lang), nodes.Text(" "), english_inline(md.title.upper())])
    prepared = tr.get(METADATA_CONTEXT, md.prepared_by) or md.prepared_by
    status = w["status_lines"][md.status].format(
        prepared_by=prepared, task=md.task, session=md.cws_session or "",
        date=long_date(md.adoption_date or md.date, tr.lang))
    if md.status == "working-draft" and md.cws_session:
        status += f" (CWS/{md.cws_session})"
    return [([nodes.Text(w["standard"].format(number=md.number))], "stkit-tb-number"),
            (title_nodes, "stkit-tb-title"),
            ([nodes.Text(w["version"].format(version=md.version))], "stkit-tb-version"),
            ([nodes.Text(status)], "stkit-tb-status"),
            ([nodes.Text(long_date(md.date, tr.lang))], "stkit-tb-date")]
