"""The generated tables written straight as HTML, for the HTML builders (html, singlehtml).

The tables of a standard of 2,000 requirements are some 100,000 docutils nodes on one page:
made, post-transformed, walked by the search indexer and by the HTML writer, all when the
page is written, on every rebuild that touches them (a registry edit). The HTML builders get
the same bytes written here directly: the markup Sphinx's HTML writer (docutils' HTML5
writer as Sphinx extends it) gives the node tables of tables.Table, with the theme's
wrapper where the theme adds one (furo's `table-wrapper`), escaped as the writer escapes
(text and attributes alike). tests/sphinx/test_html_tables.py builds sites both ways and
compares them byte for byte, search index included.

Search: the HTML goes in one `written_html` node, which holds no text for the indexer; the
words a reader can search for (the cells a table does not leave out of the index, tables.py) go in
a `search_words` node beside it, which the indexer reads and no writer prints.
"""

from __future__ import annotations

from docutils import nodes

NO_SEARCH = "no-search"
_ESCAPES = {ord("&"): "&amp;", ord("<"): "&lt;", ord('"'): "&quot;", ord(">"): "&gt;", ord("@"): "&#64;"}
_ATTR_SPACE = {ord(c): " " for c in "\n\r\t\v\f"}
_WRAPPER_TRANSFORM = "WrapTableAndMathInAContainerTransform"  # furo's


class written_html(nodes.General, nodes.Element):
    """A generated table or a requirement block written as HTML (attribute `html`), printed as
    it is by the HTML writer. It has no text of its own: the search indexer finds nothing in it."""


class search_words(nodes.General, nodes.Element):
    """Words of a table or block written as HTML, for the search index only (never printed)."""


def _skip(self, node) -> None:
    raise nodes.SkipNode


def _write_html(self, node) -> None:
    self.body.append(node["html"])
    raise nodes.SkipNode


def register(app) -> None:
    others = ("latex", "text", "man", "texinfo")
    app.add_node(search_words, html=(_skip, None), **{w: (_skip, None) for w in others})
    app.add_node(written_html, html=(_write_html, None), **{w: (_skip, None) for w in others})
    app.connect("builder-inited", _builder_inited)


def writes_html_directly(builder) -> bool:
    """Whether the builder gets tables, blocks and links written as HTML (htmlblocks.py):
    the HTML builders (html, singlehtml)."""
    return getattr(builder, "format", "") == "html"


def _builder_inited(app) -> None:
    """Whether the theme puts each table in a wrapper (furo's post-transform, for HTML)."""
    from .context import state

    state(app).tables_wrapped = any(t.__name__ == _WRAPPER_TRANSFORM
                                    for t in app.registry.get_post_transforms())


def esc(text: str) -> str:
    return str(text).translate(_ESCAPES)


def attr(text: str) -> str:
    return esc(str(text).translate(_ATTR_SPACE))


def _words_and_spaces(text: str) -> str:
    """A literal's text as Sphinx writes it: each word in <span class="pre">."""
    import re

    out = []
    for token in re.findall(r"[^ \n]+| +|\n", esc(text)):
        if token.strip():
            out.append(f'<span class="pre">{token}</span>')
        elif token in (" ", "\n"):
            out.append(token)
        else:
            out.append("&#160;" * (len(token) - 1) + " ")
    return "".join(out)


class HtmlTable:
    """The HTML of a table built row by row, with the interface of tables.Table."""

    def __init__(self, headings: list[str], cls: str, fill, wrapped: bool):
        self.width = len(headings)
        self.fill = fill
        self.classes = ["stkit-table", cls]
        self.out: list[str] = []
        self.words: list[str] = []
        self.rows = 0
        if wrapped:
            self.out.append(f'<div class="table-wrapper {" ".join(self.classes)} docutils container">\n')
        self.wrapped = wrapped
        self.out.append(f'<table class="{" ".join(self.classes)} docutils align-default">\n<thead>\n')
        self._row(headings, head=True)
        self.out.append("</thead>\n<tbody>\n")

    def _part(self, part, searched: bool) -> str:
        kind, text = part[0], part[1]
        if kind == "req":
            classes, uri, refid, title = self.fill.req_target(text)
            if searched:
                self.words.append(text)
            span = f'<span class="{" ".join(classes)}">{esc(text)}</span>'
            if uri is None and refid is None:
                return span
            href = attr(uri) if uri is not None else "#" + attr(refid)
            title_attr = f' title="{attr(title)}"' if title else ""
            return f'<a class="reference internal" href="{href}"{title_attr}>{span}</a>'
        if kind == "std":
            ref = text
            text = str(ref)
            std = self.fill.project.catalogues.standards.get(ref.standard)
            if searched:
                self.words.append(text)
            if std is None:
                return f'<span class="stkit-st stkit-unresolved">{esc(text)}</span>'
            return (f'<a class="stkit-st reference external" href="{attr(std.url)}" '
                    f'title="{attr(f"{std.code}: {std.title}")}">{esc(text)}</a>')
        if searched:
            self.words.append(text)
        if kind == "text":
            return esc(text)
        if kind == "em":
            classes = part[2]
            return (f'<em class="{" ".join(classes)}">' if classes else "<em>") + f"{esc(text)}</em>"
        if kind == "strong":
            return f"<strong>{esc(text)}</strong>"
        if kind == "code":
            return f'<code class="docutils literal notranslate">{_words_and_spaces(text)}</code>'
        raise ValueError(kind)

    def _cell(self, cell, searched: bool) -> str:
        if isinstance(cell, str):
            if searched:
                self.words.append(cell)
            return esc(cell)
        return "".join(self._part(part, searched) for part in cell)

    def _tr(self, classes: list[str], ident: str | None) -> str:
        self.rows += 1
        classes = [*classes, "row-even" if self.rows % 2 == 0 else "row-odd"]
        ids = f' id="{attr(ident)}"' if ident else ""
        return f'<tr class="{" ".join(classes)}"{ids}>'

    def _row(self, cells, head: bool = False, ident: str | None = None, classes=(),
             unsearched=frozenset()) -> None:
        searched_row = NO_SEARCH not in classes
        out = [self._tr(list(classes), ident)]
        for position, cell in enumerate(cells):
            searched = searched_row and position not in unsearched
            tag = "th" if head else "td"
            cls = ' class="head"' if head else (f' class="{NO_SEARCH}"' if position in unsearched else "")
            out.append(f"<{tag}{cls}><p>{self._cell(cell, searched)}</p></{tag}>\n")
        out.append("</tr>\n")
        self.out.append("".join(out))

    def row(self, cells, ident: str | None = None, classes: list[str] | None = None,
            unsearched: set[int] = frozenset()) -> None:
        self._row(cells, ident=ident, classes=classes or [], unsearched=unsearched)

    def group(self, title: str) -> None:
        self.words.append(title)
        self.out.append(f'{self._tr(["stkit-group"], None)}<td colspan="{self.width}"><p>'
                        f"<strong>{esc(title)}</strong></p></td>\n</tr>\n")

    def done(self) -> list[nodes.Node]:
        self.out.append("</tbody>\n</table>\n")
        if self.wrapped:
            self.out.append("</div>\n")
        return [written_html(html="".join(self.out)), words_node(self.words)]


def words_node(words: list[str]) -> search_words:
    """The texts a reader can search for, as one text: the indexer splits a text into words at
    anything that is not a letter or digit, so the texts joined by a space give the words they
    give one by one."""
    return search_words("", nodes.Text(" ".join(words)))
