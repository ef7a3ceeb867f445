"""The page "Changes since <base>" in a preview build (changes.html).

Active only when the config value `stkit_diff_base` is non-empty (the main extension sets it
from the environment variable DIFF_BASE and loads this module; `make preview BASE=<rev>`
sets DIFF_BASE). The page compares the base revision with the working tree being built,
with the same report as `stkit diff BASE --format html`; in a translated build (`-D
language=fr`), the report in that language (`--lang fr`), or the English one when the base
revision has no text in it.
"""

from __future__ import annotations

import os
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.util import logging

from ..errors import LoadError, UsageError
from ..project import find_root

logger = logging.getLogger(__name__)

PAGE = "changes"
CSS_FILE = "stkit-diff.css"


BUILDERS = ("html", "dirhtml")  # not singlehtml: the PDF stays the same with or without a base


def _base(app: Sphinx) -> str:
    if app.builder is None or app.builder.name not in BUILDERS:
        return ""
    return (app.config.stkit_diff_base or "").strip()


def _add_css(app: Sphinx) -> None:
    if _base(app):
        app.add_css_file(CSS_FILE)


def collect_pages(app: Sphinx):
    base = _base(app)
    if not base:
        return
    from ..diff import render_html
    from ..diff.load import report

    static = Path(app.outdir) / "_static"
    static.mkdir(parents=True, exist_ok=True)
    (static / CSS_FILE).write_text(render_html.CSS + "\n", encoding="utf-8")
    root = find_root(Path(app.confdir)) or find_root(Path(app.srcdir)) or Path(app.confdir)
    lang = app.config.language or "en"
    try:
        # in a translated build, the texts as that language's readers see them
        result = report(root, base, None, lang)
    except (UsageError, LoadError) as exc:
        if lang == "en":
            logger.warning("the page 'Changes since %s' cannot be built: %s", base, exc,
                           type="stkit", subtype="diff")
            return
        logger.info("the page 'Changes since %s' shows the English texts: %s", base, exc)
        try:
            result = report(root, base, None)
        except (UsageError, LoadError) as exc:
            logger.warning("the page 'Changes since %s' cannot be built: %s", base, exc,
                           type="stkit", subtype="diff")
            return
    context = {"title": f"Changes since {base}", "body": _page_body(base, result)}
    yield PAGE, context, "page.html"


def _page_body(base: str, result: dict) -> str:
    from html import escape

    from ..diff import render_html

    return f"<h1>{escape('Changes since ' + base)}</h1>\n{render_html.body(result)}"


def setup(app: Sphinx) -> dict:
    if "stkit_diff_base" not in app.config:
        app.add_config_value("stkit_diff_base", os.environ.get("DIFF_BASE", ""), "html", types=[str])
    app.connect("builder-inited", _add_css)
    app.connect("html-collect-pages", collect_pages)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
