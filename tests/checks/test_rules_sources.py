"""SRC: the MyST sources themselves (toctree, raw HTML, unsafe links, includes, front
matter, fences)."""

from __future__ import annotations

import pytest
from conftest import line_of, problems, replace_in
from rulehelp import ANNEX, GENERAL, INDEX, REQUIREMENTS, append, col_of, of, one, where


def test_missing_document(mini):
    index = mini / INDEX
    replace_in(index, "02-requirements\n", "02-requirements\n03-missing\n")
    d = one(mini, "SRC001")
    assert where(d) == ("SRC001", INDEX, line_of(index, "03-missing"), 1)
    assert d.message == "the toctree lists 'standard/03-missing.md', which does not exist"


def test_orphan_document(mini):
    (mini / "standard/99-orphan.md").write_text("# Orphan\n\n6. Not numbered.\n", encoding="utf-8")
    d = one(mini, "SRC002")
    assert (where(d), d.severity) == (("SRC002", "standard/99-orphan.md", 1, 1), "warning")
    assert "not listed in the toctree of standard/index.md" in d.message
    assert of(mini, "NUM001") == []  # an orphan is not numbered


@pytest.mark.parametrize("html,found", [
    ("<script>alert(1)</script>", "<script>"),
    ('Text in a <div class="box">box</div>.', '<div class="box">'),
    ("<!-- a hidden comment -->", "<!--"),
    ("<div", "<div"),
], ids=["script", "div", "comment", "tag-over-lines"])
def test_raw_html(mini, html, found):
    path = mini / REQUIREMENTS
    append(path, f"\n{html}\n")
    line = line_of(path, html)
    d = one(mini, "SRC003")
    assert where(d) == ("SRC003", REQUIREMENTS, line, col_of(path, line, found))
    assert d.message.startswith(f"raw HTML {found!r} is not allowed")


@pytest.mark.parametrize("text", [
    "Write `<div>` in code; a < b and b > c.",
    "```html\n<div>in a code block</div>\n```",
    "See <https://www.wipo.int/standards/en/> or <cws@example.org>.",
], ids=["inline-code", "code-block", "autolinks"])
def test_not_raw_html(mini, text):
    append(mini / REQUIREMENTS, f"\n{text}\n")
    assert of(mini, "SRC003") == []


def test_raw_html_in_a_glossary_definition(mini):
    path = mini / GENERAL
    replace_in(path, "An office that makes data available.", "An office <script>x</script> that makes data available.")
    line = line_of(path, "<script>")
    assert where(one(mini, "SRC003")) == ("SRC003", GENERAL, line, col_of(path, line, "<script>"))


@pytest.mark.parametrize("text,scheme,needle", [
    ("See [this](javascript:alert(1)).", "javascript", "javascript:"),
    ("See [this](data:text/html;base64,PHNjcmlwdD4=).", "data", "data:"),
    ("See [this]( JavaScript:alert(1)).", "javascript", "JavaScript:"),
    ("See <vbscript:msgbox>.", "vbscript", "vbscript:"),
    ("[x]: javascript:alert(1)", "javascript", "javascript:"),
    ("  [y]: <data:text/html,hi>", "data", "data:"),
], ids=["javascript", "data", "case", "autolink", "reference", "reference-angle"])
def test_unsafe_link(mini, text, scheme, needle):
    path = mini / REQUIREMENTS
    append(path, f"\n{text}\n")
    line = line_of(path, text)
    d = one(mini, "SRC004")
    assert where(d) == ("SRC004", REQUIREMENTS, line, col_of(path, line, needle))
    assert d.message == f"a {scheme}: link is not allowed"


def test_safe_links(mini):
    append(mini / REQUIREMENTS, "\nSee [WIPO](https://www.wipo.int/), [3](#para-3) and [m](mailto:cws@example.org).\n")
    assert problems(mini) == []


@pytest.mark.parametrize("directive,target", [
    ("include", "../../etc/passwd"),
    ("literalinclude", "/../../etc/passwd"),
    ("include", "../../../x.md"),
])
def test_include_outside_the_repository(mini, directive, target):
    path = mini / REQUIREMENTS
    append(path, f"\n```{{{directive}}} {target}\n```\n")
    d = one(mini, "SRC005")
    assert where(d) == ("SRC005", REQUIREMENTS, line_of(path, target), 1)
    assert d.message == f"{{{directive}}} of '{target}' reaches outside the repository"


@pytest.mark.parametrize("target", ["../README.md", "/02-requirements.md", "tables/x.csv"])
def test_include_inside_the_repository(mini, target):
    # A leading / is the source folder, as in Sphinx.
    append(mini / REQUIREMENTS, f"\n```{{include}} {target}\n```\n")
    assert of(mini, "SRC005") == []


def test_annex_numeral_not_roman(mini):
    path = mini / ANNEX
    replace_in(path, "annex: I", "annex: 7")
    d = one(mini, "SRC006")
    assert where(d) == ("SRC006", ANNEX, 2, len("annex: ") + 1)
    assert d.message == "annex: '7' is not a Roman numeral such as I, II, IV"


def test_front_matter_never_closed(mini):
    replace_in(mini / ANNEX, "annex: I\n---\n", "annex: I\n")
    d = one(mini, "SRC006")
    assert where(d) == ("SRC006", ANNEX, 1, 1)
    assert d.message == "front matter opened with --- is never closed"


@pytest.mark.parametrize("text,what", [
    ("```python\nx = 1\n", "code fence opened with ```"),
    ("````{ip5-mapping}\n```\n", "directive {ip5-mapping} opened with ````"),
    ("~~~~\ncode\n~~~\n", "code fence opened with ~~~~"),
], ids=["code", "directive-shorter-close", "tilde-shorter-close"])
def test_unclosed_fence(mini, text, what):
    path = mini / REQUIREMENTS
    append(path, "\n" + text)
    opening = text.split("\n")[0]
    d = one(mini, "SRC007")
    assert where(d) == ("SRC007", REQUIREMENTS, line_of(path, opening), 1)
    assert d.message == f"{what} is never closed"
