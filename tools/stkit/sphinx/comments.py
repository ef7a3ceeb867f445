"""Open comments in a draft build: a small marker after each paragraph number and requirement
ID that has open comments, linking to the page "Comments" (comments.html), which lists them
by paragraph in the standard's order (docs/comments.md).

Active only in an HTML build of a draft (not singlehtml, so not in the PDF; never with
stkit_release) when comments/<round>.yaml holds open comments; otherwise the build is
exactly what it was without this module. Which paragraphs get a marker is worked out once,
at builder-inited, before any document is read (so parallel readers share it); each
document records the markers it was read with, and a document whose markers changed since
the previous build is read again.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html import escape
from pathlib import Path

from docutils import nodes
from sphinx.transforms import SphinxTransform
from sphinx.util import logging

from .context import state
from .nodes import pending_requirement

logger = logging.getLogger(__name__)

PAGE = "comments"
CSS_FILE = "stkit-comments.css"
BUILDERS = ("html", "dirhtml")
ENV_KEY = "stkit_comment_markers"
CSS = """
a.stkit-cmt-marker{display:inline-block;margin:0 .3em;padding:0 .35em;border-radius:.6em;
  font-size:.75em;line-height:1.5;vertical-align:.15em;text-decoration:none;white-space:nowrap;
  background:#fff4d6;color:#5c3d00;border:1px solid #b37400}
a.stkit-cmt-marker:hover,a.stkit-cmt-marker:focus{text-decoration:underline}
table.stkit-cmt-table{border-collapse:collapse;margin:.5rem 0 1.5rem}
table.stkit-cmt-table th,table.stkit-cmt-table td{border:1px solid #767676;padding:.3rem .5rem;vertical-align:top;text-align:left}
.stkit-cmt-since{display:block;font-size:.9em}
.stkit-cmt-quote{font-size:.9em}
.stkit-cmt-counts{display:flex;gap:2rem;flex-wrap:wrap}
.stkit-cmt-counts table{border-collapse:collapse}
.stkit-cmt-counts th,.stkit-cmt-counts td{border:1px solid #767676;padding:.2rem .5rem;text-align:left}
"""


@dataclass
class OpenComments:
    """What this build shows: markers per document, and the page's content."""

    markers: dict[str, dict[str, list[str]]] = field(default_factory=dict)  # docname -> html id -> comment ids
    compilations: list = field(default_factory=list)  # one Compilation (open comments) per round

    @property
    def active(self) -> bool:
        return bool(self.compilations)


_DATA: dict[str, OpenComments] = {}


def _data(env_or_app) -> OpenComments:
    return _DATA.get(str(env_or_app.srcdir)) or OpenComments()


def _load(app) -> OpenComments:
    if app.config.stkit_release or app.builder is None or app.builder.name not in BUILDERS:
        return OpenComments()
    st = state(app)
    if not st.project.registry.metadata.is_draft or not (st.root / "comments").is_dir():
        return OpenComments()
    from ..comments.compilation import compile_round, resolver_for
    from ..comments.store import load_rounds

    loaded = load_rounds(Path(st.root))
    rounds = [r for r in loaded.rounds if any(c.disposition.is_open for c in r.comments)]
    if not rounds:
        return OpenComments()
    resolver = resolver_for(Path(st.root), st.project)
    out = OpenComments()
    for rnd in rounds:
        comp = compile_round(rnd, resolver)
        comp.entries = [e for e in comp.entries if e.comment.disposition.is_open]
        out.compilations.append(comp)
        for e in comp.entries:
            t = e.placed.target
            if t is not None and t.html_id and t.docname:
                out.markers.setdefault(t.docname, {}).setdefault(t.html_id, []).append(e.comment.id)
    return out


def builder_inited(app) -> None:
    data = _load(app)
    _DATA[str(app.srcdir)] = data
    if data.active:
        app.add_css_file(CSS_FILE)


def _signature(marks: dict[str, list[str]]) -> tuple:
    return tuple(sorted((k, tuple(v)) for k, v in marks.items()))


class CommentMarkers(SphinxTransform):
    """After the paragraph numbers (400): a marker on each paragraph and requirement with open comments."""

    default_priority = 410

    def apply(self, **kwargs) -> None:
        docname = self.env.docname
        marks = _data(self.env).markers.get(docname, {})
        stored = getattr(self.env, ENV_KEY, None)
        if stored is None:
            stored = {}
            setattr(self.env, ENV_KEY, stored)
        if not marks:
            stored.pop(docname, None)
            return
        stored[docname] = _signature(marks)
        page = state(self.env).builder.get_relative_uri(docname, PAGE)
        blocks = {i: node for node in self.document.findall(nodes.Element)
                  for i in node.get("ids", ()) if i in marks}
        for html_id, ids in marks.items():
            block = blocks.get(html_id)
            if block is None:
                continue
            n = len(ids)
            text = f"{n} open comment{'s' if n != 1 else ''}"
            marker = nodes.reference("", text, refuri=f"{page}#on-{html_id}",
                                     classes=["stkit-cmt-marker"],
                                     reftitle=f"Open comments on this text: {', '.join(ids)}")
            if isinstance(block, pending_requirement):  # goes after the ID when the block is made
                block += marker
                continue
            para = next(iter(block.findall(nodes.paragraph)), None)
            if para is None:
                continue
            # after the paragraph number or the requirement ID, which open the first paragraph
            first = para.children[0] if para.children else None
            at = 1 if isinstance(first, nodes.reference) else 0
            para.insert(at, [nodes.Text(" "), marker] if at else [marker, nodes.Text(" ")])


def purge(app, env, docname) -> None:
    getattr(env, ENV_KEY, {}).pop(docname, None)


def merge(app, env, docnames, other) -> None:
    mine = getattr(env, ENV_KEY, None)
    if mine is None:
        mine = {}
        setattr(env, ENV_KEY, mine)
    theirs = getattr(other, ENV_KEY, {})
    for docname in docnames:
        if docname in theirs:
            mine[docname] = theirs[docname]


def outdated(app, env, added, changed, removed) -> list[str]:
    """Documents whose markers differ from those they were read with."""
    before = getattr(env, ENV_KEY, {})
    now = {doc: _signature(marks) for doc, marks in _data(app).markers.items()}
    return sorted(doc for doc in set(before) | set(now)
                  if before.get(doc) != now.get(doc) and doc in env.found_docs
                  and doc not in added and doc not in removed)


def collect_pages(app):
    data = _data(app)
    if not data.active:
        return
    static = Path(app.outdir) / "_static"
    static.mkdir(parents=True, exist_ok=True)
    (static / CSS_FILE).write_text(CSS, encoding="utf-8")
    yield PAGE, {"title": "Comments", "body": page_body(app, data)}, "page.html"


def page_body(app, data: OpenComments) -> str:
    from ..comments import report_html

    builder = app.builder
    parts = ["<h1>Comments</h1>",
             "<p>The comments of IP offices on this draft that the Task Force has not yet "
             "answered, in the order of the text. Each is shown on the paragraph or requirement "
             "as it is now; where the text has changed since the comment was made, it says so.</p>"]

    def link(entry) -> str | None:
        t = entry.placed.target
        if t is None or not t.docname or not t.html_id:
            return None
        return f"{builder.get_relative_uri(PAGE, t.docname)}#{t.html_id}"

    for comp in data.compilations:
        parts.append(f"<section id=\"round-{escape(comp.round.name)}\">"
                     f"<h2>Round {escape(comp.round.name)}</h2>")
        parts.append(report_html.counts(comp))
        parts.append(report_html.entries(comp, link, caption=f"Open comments of round {comp.round.name}",
                                         group_ids=True))
        parts.append("</section>")
    return "\n".join(parts)


def setup(app) -> dict:
    app.connect("builder-inited", builder_inited)
    app.connect("env-purge-doc", purge)
    app.connect("env-merge-info", merge)
    app.connect("env-get-outdated", outdated)
    app.connect("html-collect-pages", collect_pages)
    app.add_transform(CommentMarkers)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
