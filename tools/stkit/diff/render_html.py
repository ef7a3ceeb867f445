"""The report as HTML: a standalone page (inline CSS, no scripts, no external files, so it
works opened from disk) or, for the Sphinx page "Changes since", the body alone.

Every text taken from the standard goes through `html.escape`; the redline marks deleted
words with <del> and inserted words with <ins>.
"""

from __future__ import annotations

from html import escape

from .redline import normalise
from .languages import KINDS, grouped
from .render_markdown import count_words, language_note, revision_name, summary_line

CSS = """
.stkit-diff h2 { font-size: 1.15em; margin: 1.4em 0 .4em; border-bottom: 1px solid #d0d7de; }
.stkit-diff .summary { font-weight: 600; }
.stkit-diff table { border-collapse: collapse; width: 100%; margin: .4em 0 1em; }
.stkit-diff th, .stkit-diff td { border: 1px solid #d0d7de; padding: .3em .5em; text-align: left;
  vertical-align: top; }
.stkit-diff th { background: rgba(127, 127, 127, .12); }
.stkit-diff del { background: #ffebe9; color: #82071e; text-decoration: line-through; }
.stkit-diff ins { background: #dafbe1; color: #116329; text-decoration: underline; }
.stkit-diff .error { color: #82071e; font-weight: 600; }
.stkit-diff .significant { color: #9a6700; font-weight: 600; }
.stkit-diff code { font-size: .92em; background: rgba(127, 127, 127, .12); padding: 0 .2em; }
.stkit-diff .muted { opacity: .75; }
""".strip()


def e(value) -> str:
    return escape(normalise("" if value is None else str(value)), quote=True)


def redline_html(segments, lang: dict | None = None) -> str:
    """The redline; in a report in a language (`lang`), in a span with the language of its
    text: the language's, or English where the text is pending."""
    if lang:
        before = "".join(t for op, t in segments if op != "+")
        after = "".join(t for op, t in segments if op != "-")
        if _pending(before, lang) == _pending(after, lang):
            return in_lang(before, redline_html(segments), lang)
        return "".join(in_lang(text, redline_html([(op, text)]), lang) for op, text in segments)
    out = []
    for op, text in segments:
        t = escape(text, quote=True)
        out.append(t if op == "=" else f"<del>{t}</del>" if op == "-" else f"<ins>{t}</ins>")
    return "".join(out)


def _pending(text: str, lang: dict) -> bool:
    return normalise(text).startswith(lang["mark"])


def in_lang(text: str, html_text: str, lang: dict | None) -> str:
    """`html_text` (made from `text`) marked with its language in a report in a language."""
    if not lang:
        return html_text
    code = "en" if _pending(text, lang) else lang["code"]
    return f'<span lang="{code}">{html_text}</span>'


def _place(where: dict | None) -> str:
    if not where:
        return '<span class="muted">not placed</span>'
    section = f" § {e(where['section'])}" if where.get("section") else ""
    return f"<code>{e(where['file'])}</code>{section}"


def _summary(report: dict) -> str:
    return f'<p class="summary">{escape(summary_line(report, plain=True))}</p>'


def body(report: dict) -> str:
    base, head = report["base"], report["head"]
    head_name = "the working tree" if head["commit"] is None else f"{head['rev']} ({head['commit'][:10]})"
    lang = report.get("lang")
    # the report's own words are English, also on a translated site's page
    parts = ['<div class="stkit-diff" lang="en">',
             f"<p class=\"muted\">From {e(base['rev'])} ({e(base['commit'][:10])}, version "
             f"{e(base['version'])}) to {e(head_name)} (version {e(head['version'])}).</p>",
             _summary(report)]
    note = language_note(report)
    if note:
        parts.append(f'<p class="muted">{e(note)}</p>')
    if report["errors"]:
        parts.append("<h2 id=\"errors\">Errors</h2><ul>" + "".join(
            f'<li class="error">{e(x["message"])}</li>' for x in report["errors"]) + "</ul>")
    if report["requirements"]:
        parts.append('<h2 id="requirements">Requirements</h2>')
        parts.append("<table><thead><tr><th>ID</th><th>Change</th><th>Details</th></tr></thead><tbody>")
        for entry in report["requirements"]:
            for index, change in enumerate(entry["changes"]):
                ident = (f'<td rowspan="{len(entry["changes"])}"><strong>{e(entry["id"])}</strong><br>'
                         f'{in_lang(entry["title"], e(entry["title"]), lang)}</td>') if index == 0 else ""
                parts.append(f"<tr>{ident}<td>{_kind(change)}</td><td>{_details(change, lang)}</td></tr>")
        parts.append("</tbody></table>")
    if report["paragraphs"]:
        parts.append('<h2 id="paragraphs">Numbered paragraphs</h2>')
        parts.append("<table><thead><tr><th>Paragraph</th><th>Change</th><th>Text</th></tr></thead><tbody>")
        for p in report["paragraphs"]:
            parts.append(f"<tr><td>{_para_where(p)}</td><td>{e(p['change'])}</td><td>{_para_text(p, lang)}</td></tr>")
        parts.append("</tbody></table>")
    if report["metadata"]:
        parts.append('<h2 id="metadata">Metadata</h2><table><thead><tr><th>Field</th><th>Before</th>'
                     "<th>After</th></tr></thead><tbody>")
        parts += [f"<tr><td>{e(m['field'])}</td><td>{e(m['before'])}</td><td>{e(m['after'])}</td></tr>"
                  for m in report["metadata"]]
        parts.append("</tbody></table>")
    cov = _coverage(report["coverage"])
    if cov:
        parts.append('<h2 id="coverage">Coverage</h2><ul>' + cov + "</ul>")
    if not (report["errors"] or report["requirements"] or report["paragraphs"] or report["metadata"] or cov):
        parts.append("<p>No change to the requirements, the numbered paragraphs or the metadata.</p>")
    parts += _translations(report)
    parts.append("</div>")
    return "\n".join(parts)


def render(report: dict) -> str:
    """A complete, valid HTML5 page."""
    title = f"Changes since {normalise(report['base']['rev'])}"
    if report.get("lang"):
        title += f", {report['lang']['name']} text"
    return ("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
            f"<title>{escape(title)}</title>\n<style>\nbody {{ max-width: 70em; margin: 2em auto; padding: 0 1em; "
            f"font: 15px/1.5 system-ui, sans-serif; color: #1f2328; background: #fff; }}\n"
            f"h1 {{ font-size: 1.5em; margin: 0 0 .3em; }}\n{CSS}\n</style>\n</head>\n<body>\n<main>\n"
            f"<h1>{escape(title)}</h1>\n{body(report)}\n</main>\n</body>\n</html>\n")


def _kind(change: dict) -> str:
    kind = change["kind"]
    if kind == "obligation":
        return f'<span class="significant">obligation {e(change["direction"])}</span>'
    if kind == "removed":
        return '<span class="error">removed (error)</span>'
    return e(kind)


def _details(c: dict, lang: dict | None = None) -> str:
    kind = c["kind"]
    if kind == "added":
        level = "no level" if c["level"] is None else f"level {e(c['level'])}"
        return (f"{e(c['obligation'])}, {e(c['category'])}, {level}; {_place(c['placed'])}"
                f"<br>{in_lang(c['statement'], e(c['statement']), lang)}")
    if kind == "removed":
        return "IDs are never deleted: set status: withdrawn instead."
    if kind == "withdrawn":
        bits = [f"in version {e(c['withdrawn_in'])}" if c["withdrawn_in"] else "",
                e(c["reason"]) if c["reason"] else "",
                f"replaced by {e(c['replaced_by'])}" if c["replaced_by"] else ""]
        return "; ".join(b for b in bits if b)
    if kind == "obligation":
        return f"{e(c['before'])} → <strong>{e(c['after'])}</strong><br>{redline_html(c['redline'], lang)}"
    if "redline" in c:
        return redline_html(c["redline"], lang)
    if "added" in c:
        return "; ".join([*(f"<ins>{e(x)}</ins>" for x in c["added"]), *(f"<del>{e(x)}</del>" for x in c["removed"])])
    if kind == "moved":
        return f"{_place(c['before'])} → {_place(c['after'])}"
    if kind == "placed":
        return _place(c["after"])
    if kind == "unplaced":
        return f"was {_place(c['before'])}"
    return f"{e(c.get('before'))} → {e(c.get('after'))}"


def _para_where(p: dict) -> str:
    a, b = p["before"], p["after"]
    if a and b and (a["number"] != b["number"] or a["file"] != b["file"]):
        return f"{e(a['number'])} → {e(b['number'])}<br><code>{e(b['file'])}</code>"
    side = b or a
    return f"{e(side['number'])}<br><code>{e(side['file'])}</code>"


def _para_text(p: dict, lang: dict | None = None) -> str:
    if "redline" in p:
        return redline_html(p["redline"], lang)
    if "text" in p:
        tag = "ins" if p["change"] == "added" else "del"
        return in_lang(p["text"], f"<{tag}>{e(p['text'])}</{tag}>", lang)
    return '<span class="muted">text unchanged</span>'


def _coverage(cov: dict) -> str:
    items = []
    for what, name in (("ip5", "IP5 principle"), ("challenges", "Survey challenge")):
        for x in cov[what]["newly_covered"]:
            items.append(f"<li>{name} <code>{e(x['id'])}</code> newly covered ({e(x['after'])})</li>")
        for x in cov[what]["left_uncovered"]:
            items.append(f'<li class="error">{name} <code>{e(x["id"])}</code> left uncovered '
                         f"(was {e(x['before'])})</li>")
        for x in cov[what]["changed"]:
            items.append(f"<li>{name} <code>{e(x['id'])}</code>: {e(x['before'])} → {e(x['after'])}</li>")
    return "".join(items)


def _translations(report: dict) -> list[str]:
    """Per language: the counts at both sides and what the change did to the translation."""
    if not report.get("translations"):
        return []
    name = (lambda side: escape(revision_name(report, side, fmt=str)))
    parts = ['<h2 id="translations">Translations</h2>']
    for t in report["translations"]:
        lang = f"{e(t['lang'])} ({e(t['name'])})"
        if not t["listed"]["base"]:
            lang += f", new in this change ({name('base')} did not list it)"
        elif not t["listed"]["head"]:
            lang += f", dropped by this change ({name('head')} does not list it)"
        parts.append(f'<h3 id="translation-{e(t["lang"])}">{lang}</h3>')
        parts.append(f"<p>At {name('base')}: {e(count_words(t['counts']['base']))}; at {name('head')}: "
                     f"{e(count_words(t['counts']['head'], short=True))}.</p>")
        items = []
        for key, title in KINDS:
            if t[key]:
                items.append(f"<li>{title} ({len(t[key])}): " + "; ".join(
                    (f"{e(what)} in <code>{e(where)}</code>" if what.startswith("¶")
                     else f"<strong>{e(what)}</strong> {e(where)}")
                    + (f" ({e(reason)})" if reason else "") for what, where, reason in grouped(t[key]))
                    + "</li>")
        items += [f'<li class="error">at {name(p["side"])}: {e(p["message"])}</li>' for p in t["problems"]]
        if items:
            parts.append("<ul>" + "".join(items) + "</ul>")
    return parts
