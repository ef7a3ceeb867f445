"""The parsed registry and catalogues kept in the build folder (stkit/sphinx/cache.py) are
used only for the very bytes and toolchain they were made from: an edit, an edit undone, a
damaged cache file or a new toolchain never shows a stale requirement."""

from __future__ import annotations

import os
import pickle

from sphinx_site import build, copy_mini, element

from conftest import replace_in
from stkit.sphinx import cache, context, entrycache


def _count_registry_loads(monkeypatch) -> list[int]:
    """Every parse of the registry: whole (project.read_registry), or of one of its entries
    (entrycache.py: an edited registry's unchanged entries are not parsed again)."""
    calls = []
    real, real_entry = context.read_registry, entrycache._parse_entry

    def counting(*args, **kwargs):
        calls.append("whole")
        return real(*args, **kwargs)

    def counting_entry(*args, **kwargs):
        calls.append("entry")
        return real_entry(*args, **kwargs)
    monkeypatch.setattr(context, "read_registry", counting)
    monkeypatch.setattr(entrycache, "_parse_entry", counting_entry)
    return calls


def test_the_cached_registry_is_used_only_for_the_same_bytes(tmp_path, monkeypatch):
    root = copy_mini(tmp_path)
    registry = root / "requirements_registry.yaml"
    loads = _count_registry_loads(monkeypatch)
    first = build(root)
    assert (first.code, first.warnings) == (0, [])
    kept = first.out / ".doctrees" / cache.CACHE_DIR / "registry.pickle"
    entries = len(loads)  # a clean build: parsed whole, once, its entries kept from that parse
    assert kept.is_file() and loads == ["whole"]

    again = build(root, out=first.out)  # nothing changed: the registry is not parsed again
    assert (again.code, again.warnings) == (0, []) and len(loads) == entries

    original = registry.read_bytes()
    stamp = registry.stat().st_mtime_ns
    replace_in(registry, "title: XML data in ST.96", "title: XML data in ST.97")
    os.utime(registry, ns=(stamp, stamp))  # the same date: only the content tells
    edited = build(root, out=first.out)
    # only the edited entry is parsed again
    assert (edited.code, edited.warnings) == (0, []) and len(loads) == entries + 1
    assert "XML data in ST.97" in element(edited.page("02-requirements"), "req-ipdx-fmt-001")

    registry.write_bytes(original)  # the edit undone: the cache now holds the edited model
    os.utime(registry, ns=(stamp, stamp))
    undone = build(root, out=first.out)
    assert (undone.code, undone.warnings) == (0, []) and len(loads) == entries + 2
    block = element(undone.page("02-requirements"), "req-ipdx-fmt-001")
    assert "XML data in ST.96" in block and "ST.97" not in block


def test_a_damaged_or_foreign_cache_file_is_parsed_again(tmp_path, monkeypatch):
    root = copy_mini(tmp_path)
    loads = _count_registry_loads(monkeypatch)
    first = build(root)
    kept = first.out / ".doctrees" / cache.CACHE_DIR / "registry.pickle"

    entries = first.out / ".doctrees" / cache.CACHE_DIR / f"{entrycache.KIND}.pickle"
    parsed = len(loads)

    kept.write_bytes(kept.read_bytes()[:100])  # truncated
    entries.write_bytes(entries.read_bytes()[:100])
    site = build(root, out=first.out)
    assert (site.code, site.warnings) == (0, []) and len(loads) == 2 * parsed
    with open(kept, "rb") as handle:  # the key, then the model (cache.py)
        assert len(pickle.load(handle)) == 64 and pickle.load(handle).requirements, \
            "the cache file is written whole again"
    assert pickle.loads(entries.read_bytes())[1], "the entries are written whole again"

    # A new toolchain (any file of tools/stkit changed) gives another key.
    monkeypatch.setattr(cache, "_toolchain_digest", "another toolchain")
    site = build(root, out=first.out)
    assert (site.code, site.warnings) == (0, []) and len(loads) == 3 * parsed


def test_a_registry_with_errors_is_never_cached(tmp_path):
    root = copy_mini(tmp_path)
    replace_in(root / "requirements_registry.yaml", "obligation: shall", "obligation: must")
    site = build(root)
    assert site.code != 0 and site.locations("REG003")
    assert not (site.out / ".doctrees" / cache.CACHE_DIR / "registry.pickle").exists()
    assert not (site.out / ".doctrees" / cache.CACHE_DIR / f"{entrycache.KIND}.pickle").exists()
