"""The generated tables and the requirement blocks that the HTML builders get written
straight as HTML (htmltables.py, htmlblocks.py) are the bytes Sphinx's HTML writer gives the
nodes the other builders get: whole sites, search index included, built both ways."""

from __future__ import annotations

import pytest
from sphinx_site import REPO, build, copy_mini

from stkit.sphinx import tables


def _files(out) -> dict[str, bytes]:
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*"))
            if p.is_file() and ".doctrees" not in p.relative_to(out).parts and p.name != ".buildinfo"}


def _both_ways(root, tmp_path, monkeypatch, builder: str, ways: dict | None = None, *extra: str) -> tuple[dict, dict]:
    """`ways`, when given, counts the blocks of the direct build written as HTML and as nodes."""
    with monkeypatch.context() as patch:
        if ways is not None:
            def counted(*args, _block_html=tables.block_html):
                written = _block_html(*args)
                ways["nodes" if written is None else "html"] = ways.get("nodes" if written is None else "html", 0) + 1
                return written
            patch.setattr(tables, "block_html", counted)
        direct = build(root, *extra, builder=builder, out=tmp_path / f"direct-{builder}")
    assert (direct.code, direct.warnings) == (0, [])
    with monkeypatch.context() as patch:
        patch.setattr(tables, "writes_html_directly", lambda builder: False)
        via_nodes = build(root, *extra, builder=builder, out=tmp_path / f"nodes-{builder}")
    assert (via_nodes.code, via_nodes.warnings) == (0, [])
    return _files(direct.out), _files(via_nodes.out)


@pytest.mark.parametrize("builder", ["html", "singlehtml"])
def test_tables_written_as_html_are_the_bytes_of_the_node_tables(tmp_path, monkeypatch, builder):
    direct, via_nodes = _both_ways(copy_mini(tmp_path), tmp_path, monkeypatch, builder)
    assert "stkit-requirements-table" in direct["annex-i-tables.html" if builder == "html" else "index.html"].decode()
    assert sorted(direct) == sorted(via_nodes)
    assert [name for name in direct if direct[name] != via_nodes[name]] == []


def test_the_standards_tables_as_html_are_the_bytes_of_the_node_tables(tmp_path, monkeypatch):
    """The repository's standard: withdrawn and replaced requirements, principles not yet
    verified, a deviation, challenges out of scope, external links with titles to escape."""
    direct, via_nodes = _both_ways(REPO, tmp_path, monkeypatch, "html")
    assert sorted(direct) == sorted(via_nodes)
    differ = [name for name in direct if direct[name] != via_nodes[name]]
    # The conformance dashboard (a page of its own, no generated table) dates its charts by
    # the time of the build; everything else is the same.
    assert [name for name in differ if "conformance" not in name] == []


def test_the_standards_blocks_go_the_html_way(tmp_path, monkeypatch):
    """Every block of the standard is written as HTML (the time a 2,000-requirement build
    saves, benchmarks/RESULTS.md), apostrophes made typographic as the nodes' way makes them."""
    ways: dict = {}
    direct, via_nodes = _both_ways(REPO, tmp_path, monkeypatch, "singlehtml", ways)
    assert direct == via_nodes
    assert "nodes" not in ways and ways["html"] > 50


def test_quotes_dashes_and_a_label_read_the_same_either_way(tmp_path, monkeypatch):
    """Smart quotes in a block written as HTML; a block whose anchor carries a label's ID
    (the writer adds a span for it) goes the nodes' way."""
    root = copy_mini(tmp_path)
    registry = root / "requirements_registry.yaml"
    text = registry.read_text(encoding="utf-8")
    registry.write_text(text.replace("should give notice before it discontinues",
                                     'should give "notice" -- early... -- before the office\'s'), encoding="utf-8")
    page = root / "standard" / "02-requirements.md"
    page.write_text(page.read_text(encoding="utf-8").replace("```{requirement} IPDX-FMT-001",
                                                             "(xml-rule)=\n```{requirement} IPDX-FMT-001"),
                    encoding="utf-8")
    ways: dict = {}
    direct, via_nodes = _both_ways(root, tmp_path, monkeypatch, "html", ways)
    assert ways == {"html": 2, "nodes": 1}
    written = direct["02-requirements.html"].decode()
    assert "\u201cnotice\u201d \u2013 early\u2026 \u2013 before the office\u2019s" in written  # quotes, dashes, ellipsis
    assert '<span id="xml-rule"></span>' in written
    assert direct == via_nodes


def test_the_french_standard_reads_the_same_either_way(tmp_path, monkeypatch):
    """A translated build: its blocks are made as nodes, its links written as HTML."""
    ways: dict = {}
    direct, via_nodes = _both_ways(REPO, tmp_path, monkeypatch, "html", ways, "-D", "language=fr")
    assert ways == {}  # no block of a translated build goes the HTML way
    assert "stkit-req-ref" in direct["05-data-sets.html"].decode()
    differ = [name for name in direct if direct[name] != via_nodes[name]]
    assert [name for name in differ if "conformance" not in name] == []
