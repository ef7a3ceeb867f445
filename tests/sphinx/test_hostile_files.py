"""The build reads only regular files inside the repository, loads nothing from the network,
and leaves out what it refuses, each refusal at its file and line: one build of a copy of the
mini standard that tries every way in at once (files outside, links to them, /dev/zero, a
FIFO, raw and rST escapes, meta refresh, math, remote images, front matter)."""

from __future__ import annotations

import os

import pytest
from sphinx_site import build, copy_mini

from conftest import line_of, replace_in

SECRET = "TOPSECRET"

EXTRA = """
```{csv-table} Secret
:file: ../../outside/secret.csv
```

```{csv-table} Secret by address
:url: file://OUTSIDE/secret.csv
```

```{image} ../../outside/secret.gif
```

![alt](../../outside/secret.gif)

```{figure} pic.gif
A caption.
```

```{raw} html
:file: ../../outside/secret.md
```

```{eval-rst}
.. include:: ../../outside/secret.md
```

4. The formula {math}`a^2` is here.

```{math}
E = mc^2
```

```{meta}
:http-equiv=refresh: 0; url=https://evil.example/
```

5. Download {download}`this <../../outside/secret.csv>` here.

```{literalinclude} zero.txt
```

```{include} <isonum.txt>
```

![remote](https://tracker.example/p.gif)

```{image} pic.*
```

```{include} _part.md
```
"""


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    base = tmp_path_factory.mktemp("hostile-files")
    root = copy_mini(base)
    outside = base / "outside"
    (outside / "dir").mkdir(parents=True)
    (outside / "secret.csv").write_text(f"{SECRET},CSV\n", encoding="utf-8")
    (outside / "secret.md").write_text(f"{SECRET}-MD\n", encoding="utf-8")
    (outside / "secret.gif").write_bytes(b"GIF89a" + SECRET.encode())
    (outside / "dir" / "page.md").write_text(f"# {SECRET}-DIR\n", encoding="utf-8")
    standard = root / "standard"
    os.symlink(outside / "secret.md", standard / "linked.md")  # listed in the toctree
    os.symlink("/dev/zero", standard / "zero.md")  # listed in the toctree
    os.symlink(outside / "secret.md", standard / "orphan-link.md")  # not listed
    os.mkfifo(standard / "fifo.md")  # not listed; opening it would block
    os.symlink(outside / "dir", standard / "linkdir")  # a folder Sphinx would walk into
    os.symlink("/dev/zero", standard / "zero.txt")
    os.symlink(outside / "secret.gif", standard / "pic.gif")
    (standard / "03-latin1.md").write_bytes(b"# Latin-1\n\n6. Caf\xe9.\n")  # not UTF-8
    replace_in(standard / "index.md", "02-requirements\n",
               "02-requirements\n03-latin1\nlinked\nzero\nEvil <javascript://%0Aalert(1)>\n")
    # an included file inside the repository is judged as a source is
    (standard / "_part.md").write_text("Included text.\n\n```{raw} html\n<b>RAW-INCLUDED</b>\n```\n",
                                       encoding="utf-8")
    general = standard / "01-general.md"
    general.write_text(general.read_text(encoding="utf-8")
                       + EXTRA.replace("OUTSIDE", str(outside)), encoding="utf-8")
    reqs = standard / "02-requirements.md"
    reqs.write_text("---\nhtml_meta:\n  http-equiv=refresh: \"0; url=https://evil.example/\"\n---\n"
                    + reqs.read_text(encoding="utf-8"), encoding="utf-8")
    return build(root)


def at(site, needle: str, path: str = "standard/01-general.md") -> str:
    return f"{path}:{line_of(site.root / path, needle)}"


def test_the_build_ends_and_fails_under_W(site):
    assert site.code == 1  # 2 would be Sphinx's crash report


def test_a_chapter_that_is_not_utf8_is_one_located_error_not_a_crash(site):
    assert site.locations("REG005") == ["standard/03-latin1.md:3"]
    assert not (site.out / "03-latin1.html").exists()


def test_nothing_from_outside_the_repository_is_in_the_output(site):
    for folder, _, files in os.walk(site.out):
        for name in files:
            path = os.path.join(folder, name)
            with open(path, "rb") as handle:
                assert SECRET.encode() not in handle.read(), path
    assert not (site.out / "_images").exists()
    assert not (site.out / "_downloads").exists()
    assert not (site.out / "linked.html").exists() and not (site.out / "zero.html").exists()
    assert not list(site.out.glob("linkdir*")) and not (site.out / "fifo.html").exists()
    assert all(SECRET not in w for w in site.warnings)


def test_files_are_refused_at_the_line_that_names_them(site):
    locations = site.locations("SRC005")
    for needle in (":file: ../../outside/secret.csv", "{image} ../../outside", "![alt](../../outside",
                   "{figure} pic.gif", "{download}`this", "{literalinclude} zero.txt",
                   "{include} <isonum.txt>", "{image} pic.*"):
        assert at(site, needle) in locations, needle


def test_sources_that_may_not_be_read_are_refused_at_their_toctree_entry(site):
    locations = site.locations("SRC008")
    assert at(site, "linked", "standard/index.md") in locations
    assert at(site, "zero", "standard/index.md") in locations
    assert "standard/fifo.md:1" in locations and "standard/orphan-link.md:1" in locations


def test_escapes_to_markup_are_refused_and_left_out(site):
    locations = site.locations("SRC010")
    for needle in ("{raw} html", "{eval-rst}", "{meta}"):
        assert at(site, needle) in locations, needle
    for page in site.out.glob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert "http-equiv" not in html.lower() and "evil.example" not in html


def test_nothing_is_loaded_from_the_network(site):
    assert at(site, ":url: file://") in site.locations("SRC012")
    assert at(site, "![remote]") in site.locations("SRC012")
    assert at(site, "html_meta", "standard/02-requirements.md") in site.locations("SRC006")
    for page in site.out.glob("*.html"):
        html = page.read_text(encoding="utf-8").lower()
        assert "mathjax" not in html and "tracker.example" not in html
        assert "cdn." not in html and "https://" not in html.split("<body", 1)[0]


def test_a_javascript_toctree_entry_is_not_in_the_navigation(site):
    assert at(site, "Evil <javascript", "standard/index.md") in site.locations("SRC004")
    for page in site.out.glob("*.html"):
        assert "javascript:" not in page.read_text(encoding="utf-8").lower()


def test_an_included_text_is_judged_as_a_source(site):
    assert "standard/_part.md:3" in site.locations("SRC010")
    html = site.page("01-general")
    assert "Included text." in html and "RAW-INCLUDED" not in html


def test_math_is_refused_and_left_out(site):
    locations = site.locations("SRC011")
    assert at(site, "{math}`a^2`") in locations and at(site, "```{math}") in locations
    html = site.page("01-general")
    assert "mc^2" not in html and "a^2" not in html
