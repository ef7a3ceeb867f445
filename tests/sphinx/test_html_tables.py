"""The generated tables that the HTML builders get written straight as HTML (htmltables.py)
are the bytes Sphinx's HTML writer gives the node tables the other builders get: whole
sites, search index included, built both ways."""

from __future__ import annotations

import pytest
from sphinx_site import REPO, build, copy_mini

from stkit.sphinx import tables


def _files(out) -> dict[str, bytes]:
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*"))
            if p.is_file() and ".doctrees" not in p.relative_to(out).parts and p.name != ".buildinfo"}


def _both_ways(root, tmp_path, monkeypatch, builder: str) -> tuple[dict, dict]:
    direct = build(root, builder=builder, out=tmp_path / f"direct-{builder}")
    assert (direct.code, direct.warnings) == (0, [])
    with monkeypatch.context() as patch:
        patch.setattr(tables, "html_tables_wanted", lambda builder: False)
        via_nodes = build(root, builder=builder, out=tmp_path / f"nodes-{builder}")
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
