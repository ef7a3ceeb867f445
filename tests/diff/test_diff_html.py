"""The HTML report: a standalone, valid HTML5 page with a <del>/<ins> redline, and nothing
from the standard interpreted as markup."""

from __future__ import annotations

from tinyhtml5.parser import HTMLParser

from conftest import replace_in, run_cli
from diff_repo import commit, repo  # noqa: F401 (repo is a fixture)


def test_html_redline_escapes_the_standard_text(repo, capsys):
    replace_in(repo / "requirements_registry.yaml", "shall deliver XML data sets in the format of ST.96.",
               "shall deliver XML data <script>alert('x')</script> & more in the format of ST.96.")
    replace_in(repo / "requirements_registry.yaml", "title: Web API delivery", 'title: Web "API" <b>delivery</b>')
    commit(repo, "script")
    code, page, _ = run_cli(["diff", "--root", str(repo), "HEAD~1", "HEAD", "--format", "html"], capsys)
    assert code == 0
    assert page.startswith("<!DOCTYPE html>\n<html lang=\"en\">")
    assert "<script" not in page and "<b>" not in page
    assert ("shall deliver XML data <del>sets</del><ins>&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; "
            "&amp; more</ins> in the format of ST.96.") in page
    assert "Web <ins>&quot;</ins>API<del> </del><ins>&quot; &lt;b&gt;</ins>delivery<ins>&lt;/b&gt;</ins>" in page
    parser = HTMLParser()
    parser.parse(page)
    assert parser.errors == []  # valid HTML5: the WHATWG parser reports no parse error
    # works from disk: no script, no external stylesheet, image or font
    assert "<link" not in page and "src=" not in page and "url(" not in page


def test_html_and_markdown_escape_markup_in_the_comment_too(repo, capsys):
    replace_in(repo / "requirements_registry.yaml", "title: Web API delivery", "title: Web API <img src=x> *bold*")
    commit(repo, "title")
    code, out, _ = run_cli(["diff", "--root", str(repo), "HEAD~1", "HEAD"], capsys)
    assert code == 0
    assert "<img" not in out and "&lt;img src=x&gt; \\*bold\\*" in out


def test_no_change_says_so(repo, capsys):
    code, page, _ = run_cli(["diff", "--root", str(repo), "HEAD", "HEAD", "--format", "html"], capsys)
    assert code == 0 and "No change to the requirements" in page
    code, out, _ = run_cli(["diff", "--root", str(repo), "HEAD", "HEAD"], capsys)
    assert out.splitlines()[0].endswith("requirements: no change; paragraphs: no change")
