"""stkit check keeps parsed catalogues and judged sources between runs (stkit/usercache.py).
A kept result is used only for the very bytes it was made from: an edit is always seen, a
damaged cache is ignored, and the findings are those of a check without the cache."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import replace_in
from translation.translation_site import french, french_template  # noqa: F401 (fixtures)

from stkit.checks import run_checks
from stkit.project import FsTree, load_project

PAGE = "standard/01-general.md"


def found(root: Path) -> list[tuple]:
    return [(d.code, d.severity, d.path, d.line, d.col, d.message)
            for d in run_checks(load_project(FsTree(root)))]


def cache_files(folder: Path) -> list[Path]:
    return sorted(folder.rglob("*.json"))


@pytest.fixture
def cache(tmp_path, monkeypatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("STKIT_CACHE_DIR", str(folder))
    return folder


def add_link(root: Path, target: str, before: str = "") -> int:
    page = root / PAGE
    text = page.read_text(encoding="utf-8")
    page.write_text(text + f"\n{before}See [the form]({target}).\n", encoding="utf-8")
    return (text + before).count("\n") + 2


def test_a_source_edited_after_a_check_is_judged_again(mini, cache):
    line = add_link(mini, "javascript:alert(1)")
    first = [f for f in found(mini) if f[0] == "SRC004"]
    assert [f[2:5] for f in first] == [(PAGE, line, 16)]
    assert "tokens" in {p.parent.name for p in cache_files(cache)}
    assert [f for f in found(mini) if f[0] == "SRC004"] == first  # from the cache
    replace_in(mini / PAGE, "javascript:alert(1)", "02-requirements.md")
    assert [f for f in found(mini) if f[0] == "SRC004"] == []
    replace_in(mini / PAGE, "See [the form](02-requirements.md).", "\nSee [the form](javascript:alert(1)).")
    assert [f[2:5] for f in found(mini) if f[0] == "SRC004"] == [(PAGE, line + 1, 16)]


def test_a_catalogue_edited_after_a_check_is_read_again(french, cache):
    po = french / "locale" / "fr" / "LC_MESSAGES" / "01-general.po"
    before = found(french)
    assert not [f for f in before if f[0] == "TRN002"]
    assert "po" in {p.parent.name for p in cache_files(cache)}
    assert found(french) == before  # from the cache
    import polib

    catalogue = polib.pofile(str(po))
    catalogue.find("General").flags.append("fuzzy")
    catalogue.save()
    lines = po.read_text(encoding="utf-8").splitlines()
    line = lines.index('msgstr "Généralités"') + 1
    assert [f[2:5] for f in found(french) if f[0] == "TRN002"] == [(po.relative_to(french).as_posix(), line, 9)]


def test_a_statement_edited_after_a_check_is_compared_again(mini, cache):
    """QLT009's scores are kept by the statements' words: a new near-duplicate, or one that is
    no longer one, is seen at once."""
    registry = mini / "requirements_registry.yaml"
    unlike = "statement: A data provider should give notice before it discontinues a data set."
    alike = "statement: A data provider should always deliver XML data sets in the format of ST.96."
    assert not [f for f in found(mini) if f[0] == "QLT009"]
    assert "similar" in {p.parent.name for p in cache_files(cache)}
    replace_in(registry, unlike, alike)
    first = [f for f in found(mini) if f[0] == "QLT009"]
    assert [(f[2], f[3]) for f in first] == [("requirements_registry.yaml", 16), ("requirements_registry.yaml", 31)]
    assert [f for f in found(mini) if f[0] == "QLT009"] == first  # from the cache
    replace_in(registry, alike, unlike)
    assert not [f for f in found(mini) if f[0] == "QLT009"]
    replace_in(registry, unlike, alike)
    assert [f for f in found(mini) if f[0] == "QLT009"] == first


def test_a_broken_catalogue_is_reported_from_the_cache_too(french, cache):
    po = french / "locale" / "fr" / "LC_MESSAGES" / "01-general.po"
    text = po.read_text(encoding="utf-8")
    po.write_text(text + '\nmsgid "x"\nnot po syntax\n', encoding="utf-8")
    first = [f for f in found(french) if f[0] == "TRN003"]
    assert [f[2:5] for f in first] == [(po.relative_to(french).as_posix(), len(text.splitlines()) + 3, 1)]
    assert [f for f in found(french) if f[0] == "TRN003"] == first


def test_findings_with_and_without_the_cache_are_the_same(french, cache, monkeypatch):
    add_link(french, "javascript:alert(1)")
    add_link(french, "https://example.org/x.png", before="![remote]")
    cold = found(french)
    warm = found(french)
    monkeypatch.setenv("STKIT_CACHE_DIR", "off")
    assert cold == warm == found(french)
    assert {"SRC004", "TRN001"} <= {f[0] for f in cold}


def test_a_damaged_or_foreign_cache_is_ignored(french, cache):
    add_link(french, "javascript:alert(1)")
    expected = found(french)
    for path in cache_files(cache):
        path.write_text("{not json", encoding="utf-8")
    assert found(french) == expected
    for path in cache_files(cache):  # rewritten whole; now planted with a wrong entry
        data = json.loads(path.read_text(encoding="utf-8"))
        data["entries"] = {key: {"refs": [], "problems": [], "messages": [], "error": None, "error_line": 1}
                           for key in data["entries"]}
        data["code"] = "another stkit"
        path.write_text(json.dumps(data), encoding="utf-8")
    assert found(french) == expected


def test_caching_off_writes_nothing(mini, monkeypatch, tmp_path):
    monkeypatch.setenv("STKIT_CACHE_DIR", "off")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    add_link(mini, "javascript:alert(1)")
    found(mini)
    assert not (tmp_path / "xdg").exists()


def test_a_cache_that_cannot_be_written_is_no_error(french, monkeypatch, tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder would be", encoding="utf-8")
    monkeypatch.setenv("STKIT_CACHE_DIR", str(blocker))
    add_link(french, "javascript:alert(1)")
    with_blocked = found(french)
    monkeypatch.setenv("STKIT_CACHE_DIR", "off")
    assert with_blocked == found(french)
    assert blocker.read_text(encoding="utf-8").startswith("a file")


def test_a_data_file_is_read_again_when_it_changes(tmp_path, cache):
    """stkit's own YAML data (the rule table, the word lists) is kept as JSON by its bytes."""
    from stkit import usercache

    before = usercache._data_cache
    usercache._data_cache = None  # a new process
    try:
        data = tmp_path / "words.yaml"
        data.write_text("vague: [appropriate, timely]\n", encoding="utf-8")
        assert usercache.yaml_data(data) == {"vague": ["appropriate", "timely"]}
        assert "data" in {p.parent.name for p in cache_files(cache)}
        usercache._data_cache = None
        assert usercache.yaml_data(data) == {"vague": ["appropriate", "timely"]}  # from the cache
        data.write_text("vague: [appropriate]\n", encoding="utf-8")
        assert usercache.yaml_data(data) == {"vague": ["appropriate"]}
        data.write_text("when: 2026-12-03\n1: one\n", encoding="utf-8")  # not JSON's: never kept
        import datetime

        assert usercache.yaml_data(data) == {"when": datetime.date(2026, 12, 3), 1: "one"}
        usercache._data_cache = None
        assert usercache.yaml_data(data) == {"when": datetime.date(2026, 12, 3), 1: "one"}
        for path in cache_files(cache):
            path.write_text("{not json", encoding="utf-8")
        usercache._data_cache = None
        data.write_text("vague: [timely]\n", encoding="utf-8")
        assert usercache.yaml_data(data) == {"vague": ["timely"]}
    finally:
        usercache._data_cache = before


def test_a_registry_edited_after_a_check_is_loaded_again(mini, cache):
    """The registry's model is kept by its bytes (modelcache.py): an edit is always seen, and a
    word is placed at its column from the cache as from the YAML."""
    registry = mini / "requirements_registry.yaml"
    old = "statement: A data provider shall deliver XML data sets in the format of ST.96."
    vague = "statement: A data provider shall deliver XML data sets regularly in the format of ST.96."
    quoted = "statement: 'A data provider shall deliver XML data sets regularly in the format of ST.96.'"
    assert not [f for f in found(mini) if f[0] == "QLT002"]
    assert "model" in {p.parent.name for p in cache_files(cache)}
    replace_in(registry, old, vague)
    line = registry.read_text(encoding="utf-8").splitlines().index("    " + vague) + 1
    col = len("    " + vague) - len(vague) + vague.index("regularly") + 1
    first = [f[2:5] for f in found(mini) if f[0] == "QLT002"]
    assert first == [("requirements_registry.yaml", line, col)]
    assert [f[2:5] for f in found(mini) if f[0] == "QLT002"] == first  # from the cache
    replace_in(registry, vague, quoted)
    assert [f[2:5] for f in found(mini) if f[0] == "QLT002"] == [("requirements_registry.yaml", line, col + 1)]
    assert [f[2:5] for f in found(mini) if f[0] == "QLT002"] == [("requirements_registry.yaml", line, col + 1)]
    replace_in(registry, quoted, old)
    assert not [f for f in found(mini) if f[0] == "QLT002"]
    (kept,) = [p for p in cache_files(cache) if p.parent.name == "model"]
    assert len(json.loads(kept.read_text(encoding="utf-8"))["entries"]) == 2  # this registry's, the catalogues'
    replace_in(registry, "obligation: shall", "obligation: must")  # invalid: loaded and explained
    assert {f[0] for f in found(mini)} == {"REG003"}


def test_the_kept_model_is_the_loaded_model(french, cache):
    """What the cache gives back equals what the loader builds, the registry's index included,
    and the registry's YAML is still there for whoever reads it."""
    from stkit import modelcache

    fresh = load_project(FsTree(french))
    kept = load_project(FsTree(french))
    assert isinstance(kept.registry_doc, modelcache.LazyYamlDoc)
    assert kept.registry == fresh.registry and kept.catalogues == fresh.catalogues
    assert kept.registry.by_id["IPDX-FMT-001"] is kept.registry.requirements[0]
    assert kept.registry_doc.data == fresh.registry_doc.data
    assert kept.registry_doc.position(("requirements", 1, "id")) == fresh.registry_doc.position(
        ("requirements", 1, "id"))
    assert modelcache.decode(modelcache.encode(fresh.registry)) == fresh.registry


def test_a_model_the_cache_cannot_hold_is_not_kept():
    from stkit import modelcache
    from stkit.model import Source

    with pytest.raises(modelcache.NotPlain):
        modelcache.encode(Source("S1", "A source", url=("a", "tuple")))
    with pytest.raises(modelcache.NotPlain):
        modelcache.encode({1: "a key that is no string"})


def test_a_damaged_model_entry_is_ignored(french, cache):
    expected = found(french)
    (kept,) = [p for p in cache_files(cache) if p.parent.name == "model"]
    data = json.loads(kept.read_text(encoding="utf-8"))
    assert len(data["entries"]) == 2  # the registry and the catalogues
    for garbage in ({"$": "Registry", "no such field": 1}, {"registry": {"$loc": "x"}}, [1, 2], "text"):
        data["entries"] = {key: garbage for key in data["entries"]}
        kept.write_text(json.dumps(data), encoding="utf-8")
        assert found(french) == expected


def test_a_big_registry_is_parsed_every_time(mini, cache, monkeypatch):
    from stkit import modelcache

    monkeypatch.setattr(modelcache, "MAX_REGISTRY_BYTES", (mini / "requirements_registry.yaml").stat().st_size - 1)
    expected = found(mini)
    (kept,) = [p for p in cache_files(cache) if p.parent.name == "model"]
    assert len(json.loads(kept.read_text(encoding="utf-8"))["entries"]) == 1  # the catalogues only
    second = load_project(FsTree(mini))
    assert not isinstance(second.registry_doc, modelcache.LazyYamlDoc)
    assert found(mini) == expected
