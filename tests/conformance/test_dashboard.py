"""The transparency dashboard: a page of the HTML build (not of the single page that makes the
PDF) listing each office, with charts as SVG images with text alternatives, a CSV and a JSON;
invalid statements listed, never counted; nothing imported when there is nothing to plot."""

from __future__ import annotations

import csv
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from cnf import STATEMENT

from conftest import REPO, replace_in, run_cli


@pytest.fixture(scope="module")
def repo_site(tmp_path_factory) -> Path:
    """The repository's own standard, built as `make html` builds it."""
    out = tmp_path_factory.mktemp("html")
    done = subprocess.run([sys.executable, "-m", "sphinx", "--no-color", "-b", "html", "-c", str(REPO), "-W", "--keep-going",
                           "-q", str(REPO / "standard"), str(out)], capture_output=True, text=True,
                          env={"SOURCE_DATE_EPOCH": "1796342400", "PATH": "/usr/bin:/bin"})
    assert done.returncode == 0, done.stderr
    return out


def test_the_page_lists_each_example_office(repo_site):
    page = (repo_site / "conformance-dashboard.html").read_text(encoding="utf-8")
    for name in ("Examplia", "Fictionland", "Sampleland"):
        assert name in page
    for row in ("XA-PAT-BIB", "XB-PAT-BIB", "XB-TM-BIB", "XC-PAT-FT"):
        assert f"<td>{row}" in page
    assert "Statements that are not valid" in page and "xc-2026-05-04.yaml" in page
    assert "CNF006" in page
    assert page.count('<img src="_static/conformance/') == 2
    assert 'alt="Bar chart of the conformance level' in page and "XC XC-PAT-FT, level 3" in page
    content = page.split('id="conformance-dashboard"', 1)[1].split("</article>", 1)[0]
    assert "<script" not in content and "<table" in content  # static: readable without JavaScript
    # every table scrolls, on a phone, in a region the keyboard reaches (axe: scrollable-region-focusable)
    assert content.count('<div class="stkit-table-wrap" role="region" tabindex="0" aria-label="') == \
        content.count("<table")
    from stkit.project import FsTree, load_project

    sf = next(sf for sf in load_project(FsTree(REPO)).sources
              if any(p.req_id == "IPDX-QUA-001" for p in sf.placements))
    # the built page keeps each ID whole (access.py wraps it in <span class="stkit-id">)
    assert (f'<a href="{sf.docname}.html#req-ipdx-qua-001"><code><span class="stkit-id">IPDX-QUA-001</span>'
            '</code></a>') in content
    svg = (repo_site / "_static" / "conformance" / "levels-now.svg").read_text(encoding="utf-8")
    assert svg.lstrip().startswith("<?xml") and "XC XC-PAT-FT" in svg  # text stays text


def test_csv_and_json_count_only_valid_statements(repo_site):
    rows = list(csv.DictReader((repo_site / "conformance-dashboard.csv").open(encoding="utf-8")))
    assert [(r["office"], r["data_set"], r["level"]) for r in rows] == [
        ("XA", "XA-PAT-BIB", "1"), ("XB", "XB-PAT-BIB", "2"), ("XB", "XB-TM-BIB", "1"), ("XC", "XC-PAT-FT", "3")]
    assert {r["example"] for r in rows} == {"yes"}
    data = json.loads((repo_site / "conformance-dashboard.json").read_text(encoding="utf-8"))
    assert [s["file"] for s in data["invalid_statements"]] == ["conformance/xc-2026-05-04.yaml"]
    qua = next(r for r in data["requirements"] if r["id"] == "IPDX-QUA-001")
    assert (qua["covered"], qua["followed"], qua["excepted"]) == (3, 3, 0)  # the invalid XC claim is not counted
    dat = next(r for r in data["requirements"] if r["id"] == "IPDX-DAT-002")
    assert (dat["covered"], dat["followed"], dat["excepted"]) == (2, 1, 1)
    assert data["levels_over_time"]["XA XA-PAT-BIB"] == [{"date": "2025-03-10", "level": 0},
                                                         {"date": "2026-09-15", "level": 1}]


def test_the_dashboard_is_not_in_the_single_page(tmp_path):
    root = tmp_path / "mini"
    shutil.copytree(REPO / "tests" / "fixtures" / "mini", root)
    (root / "conformance").mkdir()
    shutil.copyfile(STATEMENT, root / "conformance" / "xa.yaml")
    out = tmp_path / "single"
    done = subprocess.run([sys.executable, "-m", "sphinx", "--no-color", "-b", "singlehtml", "-c", str(REPO), "-W", "-q",
                           str(root / "standard"), str(out)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert not (out / "conformance-dashboard.html").exists()
    assert "Conformance dashboard" not in (out / "index.html").read_text(encoding="utf-8")


SCRIPT = """
import sys
from sphinx.cmd.build import build_main
code = build_main(["-b", "html", "-c", sys.argv[1], "-W", "-q", sys.argv[2], sys.argv[3]])
print(code, "matplotlib" in sys.modules)
"""


def test_nothing_to_plot_imports_nothing(tmp_path):
    root = tmp_path / "mini"
    shutil.copytree(REPO / "tests" / "fixtures" / "mini", root)
    done = subprocess.run([sys.executable, "-c", SCRIPT, str(REPO), str(root / "standard"), str(tmp_path / "o")],
                          capture_output=True, text=True)
    assert done.stdout.split() == ["0", "False"], done.stderr
    assert not (tmp_path / "o" / "conformance-dashboard.html").exists()


def test_standalone_dashboard_command(tmp_path, capsys):
    folder = tmp_path / "statements"
    folder.mkdir()
    shutil.copyfile(STATEMENT, folder / "xa.yaml")
    bad = folder / "xb.yaml"
    shutil.copyfile(STATEMENT, bad)
    replace_in(bad, "code: XA", "code: XB")
    replace_in(bad, "requirement: IPDX-DLV-001", "requirement: IPDX-FMT-001")
    root = tmp_path / "mini"
    shutil.copytree(REPO / "tests" / "fixtures" / "mini", root)
    out = tmp_path / "dash"
    code, _, err = run_cli(["conformance", "dashboard", "--root", str(root), str(folder), "-o", str(out),
                            "--today", "2026-12-01"], capsys)
    assert code == 0, err
    assert sorted(p.name for p in out.iterdir()) == ["conformance-dashboard.csv", "conformance-dashboard.json",
                                                     "index.html", "levels-now.svg", "levels-over-time.svg"]
    page = (out / "index.html").read_text(encoding="utf-8")
    assert "XA-PAT-BIB" in page and "1 statement is not valid" in page
    assert "2 statements, 1 not valid" in err
    code, _, err = run_cli(["conformance", "dashboard", "--root", str(root), str(tmp_path / "none")], capsys)
    assert code == 2 and "no such folder" in err


def test_many_offices_are_counted_per_level_in_the_charts(tmp_path, capsys):
    folder = tmp_path / "statements"
    folder.mkdir()
    codes = [f"X{c}" for c in "ABCDEFGHIJKLMOPQRSTWYZ"]
    for i, code in enumerate(codes):
        path = folder / f"{code.lower()}.yaml"
        shutil.copyfile(STATEMENT, path)
        replace_in(path, "code: XA", f"code: {code}")
        if i % 2:
            replace_in(path, "level: 1", "level: 0")
            replace_in(path, "    exceptions:\n", "    plan:\n")
            replace_in(path, "        reason: The schedule is published in the national gazette only.\n", "")
    root = tmp_path / "mini"
    shutil.copytree(REPO / "tests" / "fixtures" / "mini", root)
    out = tmp_path / "dash"
    code, _, err = run_cli(["conformance", "dashboard", "--root", str(root), str(folder), "-o", str(out),
                            "--today", "2026-12-01"], capsys)
    assert code == 0, err
    page = (out / "index.html").read_text(encoding="utf-8")
    # the mini standard has one level (its permission carries none): the chart shows 0 and 1
    assert ('alt="Bar chart of the number of claims (office and data set) at each level: '
            'level 0: 11, level 1: 11."') in page
    assert "at the last date: level 0: 11, level 1: 11" in page
    assert page.count("<tr><td>X") == 2 * len(codes)  # every claim is still in the tables


def test_statement_text_is_escaped_in_the_page(tmp_path, capsys):
    folder = tmp_path / "statements"
    folder.mkdir()
    path = folder / "xa.yaml"
    shutil.copyfile(STATEMENT, path)
    replace_in(path, "name: Industrial Property Office of Examplia (fictitious)",
               "name: \"<script>alert(1)</script> Office\"")
    replace_in(path, "reason: The schedule", "reason: <img src=x onerror=alert(1)> The schedule")
    root = tmp_path / "mini"
    shutil.copytree(REPO / "tests" / "fixtures" / "mini", root)
    out = tmp_path / "dash"
    code, _, err = run_cli(["conformance", "dashboard", "--root", str(root), str(folder), "-o", str(out),
                            "--today", "2026-12-01"], capsys)
    assert code == 0, err
    page = (out / "index.html").read_text(encoding="utf-8")
    assert "<script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt; Office" in page
    assert "<img src=x" not in page


def test_a_release_build_leaves_the_dashboard_out(tmp_path):
    root = tmp_path / "mini"
    shutil.copytree(REPO / "tests" / "fixtures" / "mini", root)
    replace_in(root / "standard" / "02-requirements.md", "```{editor-note}\nConfirm the version of ST.96 to cite.\n```\n",
               "")
    (root / "conformance").mkdir()
    shutil.copyfile(STATEMENT, root / "conformance" / "xa.yaml")
    for release, present in (("0", True), ("1", False)):
        out = tmp_path / f"html-{release}"
        done = subprocess.run([sys.executable, "-m", "sphinx", "--no-color", "-b", "html", "-c", str(REPO), "-W", "-q",
                               str(root / "standard"), str(out)], capture_output=True, text=True,
                              env={"STKIT_RELEASE": release, "PATH": "/usr/bin:/bin"})
        assert done.returncode == 0, done.stderr
        assert (out / "conformance-dashboard.html").exists() is present
