"""The Sphinx side of translations (set up by stkit.sphinx; docs/translation.md).

With `-D language=fr`, the build reads `locale/fr/LC_MESSAGES/` (Sphinx compiles the PO files,
fuzzy messages left out), and then:
- every translatable node Sphinx found no current translation for keeps its English, gets
  `lang="en"` and, for a paragraph or a section heading, a visible "[traduction en attente]"
  mark before it (a heading's when the page is written, so that navigation keeps its text);
- requirement and title blocks take the registry's fields from `registry.po` (render.py);
- every page says it is an unofficial working translation.
In every language's build, a page carries the language switch to the same page in the other
languages the registry lists.
"""

from __future__ import annotations

import hashlib
import html
from pathlib import Path

from docutils import nodes
from sphinx.transforms import SphinxTransform

from ..model import STATUS_LINES
from .catalog import LOCALE_DIR, REGISTRY_DOMAIN, po_path
from .languages import SOURCE_LANGUAGE, language_name, words
from .render import Translator, english_inline, load_translator, pending_mark

_TRANSLATORS: dict[str, Translator] = {}
# Nodes Sphinx translates whose English is shown with a mark (a paragraph) or only its language.
MARKED = (nodes.paragraph,)


def language(config) -> str:
    return config.language or SOURCE_LANGUAGE


def translator(env) -> Translator | None:
    """The build's translator, None in an English build."""
    return _TRANSLATORS.get(str(env.srcdir))


def config_inited(app, config) -> None:
    from ..sphinx.context import state

    lang = language(config)
    st = state(app)
    md = st.project.registry.metadata
    if lang == SOURCE_LANGUAGE:
        _TRANSLATORS.pop(str(app.srcdir), None)
        return
    config.locale_dirs = [str(st.root / LOCALE_DIR)]
    w = words(lang)
    status = w["status"].get(md.status, STATUS_LINES.get(md.status, md.status))
    config.html_title = w["html_title"].format(number=md.number, version=md.version, status=status)
    options = dict(config.html_theme_options or {})
    if md.is_draft and "announcement" in options:
        options["announcement"] = ('<span class="stkit-draft-banner">' + html.escape(status.upper())
                                   + "</span>")
    config.html_theme_options = options
    _TRANSLATORS[str(app.srcdir)] = load_translator(st.root, lang)


def catalogue_hash(app) -> str:
    """A fingerprint of the registry catalogue of the build's language ('' in English)."""
    from ..sphinx.context import state

    lang = language(app.config)
    if lang == SOURCE_LANGUAGE:
        return ""
    path = state(app).root / po_path(lang, REGISTRY_DOMAIN)
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else "-"


def outdated(app, env, added, changed, removed) -> list[str]:
    """A changed registry catalogue re-reads every page (a requirement or the title block may
    show a translation that changed)."""
    fingerprint = catalogue_hash(app)
    previous = getattr(env, "stkit_translation_hash", None)
    env.stkit_translation_hash = fingerprint
    if previous is not None and previous != fingerprint:
        return sorted(set(env.found_docs) - set(added) - set(changed))
    return []


class PendingTranslations(SphinxTransform):
    """After Sphinx's Locale transform: the English a translated page keeps is marked."""

    default_priority = 30  # Locale is 20, the progress count 25

    def apply(self, **kwargs) -> None:
        lang = language(self.config)
        if lang == SOURCE_LANGUAGE:
            return
        from ..sphinx.context import state  # the builder as builder-inited saw it (Sphinx 11
        # removes a transform's `app`)

        if state(self.env).builder.name == "gettext":
            return
        for node in list(self.document.findall(nodes.Element)):
            if node.get("translated", True):
                continue
            node["classes"].append(f"language-{SOURCE_LANGUAGE}")
            node["classes"].append("stkit-untranslated")
            if isinstance(node, MARKED):
                node.insert(0, [pending_mark(lang), nodes.Text(" ")])


def mark_pending_headings(app, doctree, docname) -> None:
    """A section heading left in English gets the visible mark the paragraphs get, in the page
    only (every builder resolves its doctree here: html, singlehtml for the PDF, docx). It is
    added after the doctree was read, so the navigation, the contents and the page's <title>
    (Sphinx collects them when reading) keep the heading's own text, and its anchor is the
    section's, unchanged."""
    lang = language(app.config)
    if lang == SOURCE_LANGUAGE or app.builder.name == "gettext":
        return
    for title in doctree.findall(nodes.title):
        if not isinstance(title.parent, nodes.section) or "stkit-untranslated" not in title["classes"]:
            continue
        if any("stkit-pending" in child.get("classes", []) for child in title.children
               if isinstance(child, nodes.Element)):
            continue
        title.insert(0, [pending_mark(lang), nodes.Text(" ")])


def page_context(app, pagename, templatename, context, doctree) -> None:
    """The language switch, and in a translation the unofficial-translation notice, at the top
    of every page's body."""
    from ..sphinx.context import state

    if "body" not in context:
        return
    st = state(app)
    langs = st.project.registry.metadata.languages
    lang = language(app.config)
    parts = []
    if len(langs) > 1:
        parts.append(switch_html(pagename, lang, langs, app.builder.link_suffix))
    if lang != SOURCE_LANGUAGE and words(lang).get("unofficial"):
        parts.append(f'<p class="stkit-unofficial" role="note">{html.escape(words(lang)["unofficial"])}</p>')
    if parts:
        context["body"] = "\n".join(parts) + "\n" + context["body"]


def switch_html(pagename: str, lang: str, langs: list[str], suffix: str = ".html") -> str:
    """<nav> with a link to the same page in each language: English at the top of the site,
    another language in <lang>/ below it."""
    up = "../" * pagename.count("/")
    if lang != SOURCE_LANGUAGE:
        up += "../"
    items = []
    for other in [SOURCE_LANGUAGE] + [x for x in langs if x != SOURCE_LANGUAGE]:
        name = html.escape(language_name(other))
        if other == lang:
            items.append(f'<li><span aria-current="page" lang="{other}">{name}</span></li>')
            continue
        folder = "" if other == SOURCE_LANGUAGE else other + "/"
        href = html.escape(f"{up}{folder}{pagename}{suffix}")
        items.append(f'<li><a href="{href}" hreflang="{other}" lang="{other}">{name}</a></li>')
    label = html.escape(words(lang)["switch_label"])
    return (f'<nav class="stkit-lang-switch" aria-label="{label}"><ul>' + "".join(items)
            + "</ul></nav>")


def setup(app):
    app.connect("config-inited", config_inited, priority=500)
    app.connect("env-get-outdated", outdated)
    app.connect("html-page-context", page_context)
    app.connect("doctree-resolved", mark_pending_headings)
    app.add_transform(PendingTranslations)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
