"""The registry's entries kept between builds (stkit/sphinx/entrycache.py): after any edit,
the model made from the kept entries is the model a whole parse gives, every location
included, and a file that cannot be split safely is parsed whole."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from sphinx_site import build, copy_mini

from conftest import line_of, replace_in
from stkit.checks import run_checks
from stkit.errors import LoadError
from stkit.project import FsTree, load_project, read_registry
from stkit.registry import REGISTRY_FILE, load_registry
from stkit.sphinx import cache, context, entrycache

REPO = Path(__file__).resolve().parents[2]
MINI = REPO / "tests" / "fixtures" / "mini" / REGISTRY_FILE
DLV_001 = "statement: A data provider should give notice before it discontinues a data set."
# a second duty (QLT001), reported at the column of "identify kinds"
TWO_DUTIES = ("statement: A data provider should give notice, identify kinds by the codes of ST.16 "
              "and label data with INID codes.")


def _after(text: str, edited: str) -> tuple:
    """(the model from the entries kept for `text`, the whole parse's, entries parsed now)."""
    _, kept = entrycache._assemble(text, REGISTRY_FILE, {})
    parsed = []
    real = entrycache._parse_entry

    def counting(chunk, shown):
        parsed.append(chunk)
        return real(chunk, shown)
    entrycache._parse_entry = counting
    try:
        model, _ = entrycache._assemble(edited, REGISTRY_FILE, kept)
    finally:
        entrycache._parse_entry = real
    return model, load_registry(edited.encode("utf-8")).registry, parsed


MINI_TEXT = MINI.read_text(encoding="utf-8")
EDITS = {
    "title": ("title: XML data in ST.96", "title: XML in ST.96"),
    "lines above": ("  - id: IPDX-DLV-001\n", "  # moved down\n\n\n  - id: IPDX-DLV-001\n"),
    "lines removed above": ("    challenges: [share/nonstandard-formats]\n", ""),
    "folded statement": ("    statement: A data provider shall deliver XML data sets in the format of ST.96.\n",
                         "    statement: >-\n      A data provider shall deliver XML data sets\n"
                         "      in the format of ST.96.\n"),
    "comment at the margin": ("  - id: IPDX-DLV-002\n", "# a comment\n  - id: IPDX-DLV-002\n"),
    "metadata": ("  task: 67\n", "  task: 68\n  # the task\n"),
    "entries swapped": None,  # built below
}


def _swapped(text: str) -> str:
    a = text.index("  - id: IPDX-DLV-001\n")
    b = text.index("  - id: IPDX-DLV-002\n")
    c = text.index("  - id: IPDX-DLV-003\n")
    return text[:a] + text[b:c] + text[a:b] + text[c:]


@pytest.mark.parametrize("name", sorted(EDITS))
def test_the_kept_entries_give_the_whole_parse_s_model(name):
    edited = _swapped(MINI_TEXT) if EDITS[name] is None else MINI_TEXT.replace(*EDITS[name], 1)
    assert edited != MINI_TEXT
    model, whole, parsed = _after(MINI_TEXT, edited)
    assert model == whole  # every field, index and location (line and column)
    assert len(parsed) <= 1  # only the entry whose text changed is parsed again


def test_the_standard_s_own_registry_with_an_entry_inserted():
    text = (REPO / REGISTRY_FILE).read_text(encoding="utf-8")
    first = text.index("\n  - id: ") + 1
    entry = text[first:text.index("\n  - id: ", first) + 1].replace("\n    title: ", "\n    title: Copy of ", 1)
    old_id = entry.split("\n", 1)[0].split("id: ")[1]
    edited = text[:first] + entry.replace(old_id, old_id[:-3] + "999", 1) + text[first:]
    model, whole, parsed = _after(text, edited)
    assert model == whole and len(parsed) == 1
    assert [r.loc.line for r in model.requirements] == [r.loc.line for r in whole.requirements]


@pytest.mark.parametrize("text", [
    # a quoted value running over the line where an entry would start
    MINI_TEXT.replace("title: Web API delivery", 'title: "Web API\n  - id: delivery"', 1),
    # an alias to a value of another entry
    MINI_TEXT.replace("title: XML data in ST.96", "title: &t XML data in ST.96", 1)
             .replace("title: Web API delivery", "title: *t", 1),
    # a document marker, a tab
    "---\n" + MINI_TEXT,
    MINI_TEXT.replace("    title: Web API delivery", "    title:\tWeb API delivery", 1),
    # entries at the left margin
    MINI_TEXT.replace("\n  - ", "\n- ").replace("\n    ", "\n  "),
])
def test_a_file_that_cannot_be_split_safely_is_parsed_whole(text, tmp_path):
    with pytest.raises((entrycache._NotPlain, LoadError)):
        entrycache._assemble(text, REGISTRY_FILE, {})
    (tmp_path / REGISTRY_FILE).write_text(text, encoding="utf-8")
    whole = []
    loaded = entrycache.load(FsTree(tmp_path), tmp_path / "doctrees",
                             whole=lambda tree: whole.append(1) or read_registry(tree))
    assert whole == [1]
    assert loaded.registry == load_registry(text.encode("utf-8")).registry
    assert not (tmp_path / "doctrees" / cache.CACHE_DIR / f"{entrycache.KIND}.pickle").exists()


@pytest.mark.parametrize("name", sorted(EDITS) + ["the standard's"])
def test_a_clean_build_keeps_from_its_whole_parse_the_entries_a_parse_per_entry_gives(name):
    if name == "the standard's":
        text = (REPO / REGISTRY_FILE).read_text(encoding="utf-8")
    else:
        text = _swapped(MINI_TEXT) if EDITS[name] is None else MINI_TEXT.replace(*EDITS[name], 1)
    from_whole = entrycache._entries_of(text, load_registry(text.encode("utf-8")))
    _, one_by_one = entrycache._assemble(text, REGISTRY_FILE, {})
    assert from_whole == one_by_one  # same keys, models (every location), value counts and lines


def test_a_clean_build_parses_whole_and_the_next_edit_parses_one_entry(tmp_path, monkeypatch):
    (tmp_path / REGISTRY_FILE).write_text(MINI_TEXT, encoding="utf-8")
    tree, folder = FsTree(tmp_path), tmp_path / "doctrees"
    parsed, whole = [], []
    real = entrycache._parse_entry
    monkeypatch.setattr(entrycache, "_parse_entry", lambda chunk, shown: parsed.append(chunk) or real(chunk, shown))
    entrycache.load(tree, folder, whole=lambda tree: whole.append(1) or read_registry(tree))
    assert (whole, parsed) == ([1], [])
    edited = MINI_TEXT.replace(*EDITS["title"], 1)
    (tmp_path / REGISTRY_FILE).write_text(edited, encoding="utf-8")
    loaded = entrycache.load(tree, folder, whole=lambda tree: whole.append(1) or read_registry(tree))
    assert whole == [1] and len(parsed) == 1 and "XML in ST.96" in parsed[0]
    assert loaded.registry == load_registry(edited.encode("utf-8")).registry


def test_an_anchor_edited_in_one_entry_reaches_the_alias_in_another(tmp_path):
    text = (MINI_TEXT.replace("title: XML data in ST.96", "title: &t XML data in ST.96", 1)
            .replace("title: Web API delivery", "title: *t", 1))
    (tmp_path / REGISTRY_FILE).write_text(text, encoding="utf-8")
    tree, folder = FsTree(tmp_path), tmp_path / "doctrees"
    entrycache.load(tree, folder, whole=read_registry)
    (tmp_path / REGISTRY_FILE).write_text(text.replace("&t XML data in ST.96", "&t XML data", 1),
                                          encoding="utf-8")
    loaded = entrycache.load(tree, folder, whole=read_registry)
    assert [r.title for r in loaded.registry.requirements if r.id == "IPDX-DLV-002"] == ["XML data"]


def _findings(project) -> list[tuple]:
    return [(d.code, d.path, d.line, d.col) for d in run_checks(project)]


def test_a_registry_finding_keeps_its_line_and_column_after_an_edit_above_it(tmp_path):
    """The build's checker reads the model alone (no YAML nodes: cache.py), so a statement's
    finding is placed at the statement's first character; that place, and every other
    finding's, is the whole parse's after lines are added above the entry."""
    root = copy_mini(tmp_path)
    registry = root / REGISTRY_FILE
    replace_in(registry, DLV_001, TWO_DUTIES)
    doctrees = tmp_path / "doctrees"
    context._load_project(root, doctrees)  # the entries are now kept
    assert (doctrees / cache.CACHE_DIR / f"{entrycache.KIND}.pickle").is_file()

    # Three lines more above IPDX-DLV-001 (whose text is unchanged, so kept), in another entry.
    replace_in(registry, "    since: \"0.1\"\n  - id: IPDX-DLV-001",
               "    since: \"0.1\"\n    # a note\n    # and another\n\n  - id: IPDX-DLV-001")
    parsed = []
    real = entrycache._parse_entry
    entrycache._parse_entry = lambda *args: parsed.append(1) or real(*args)
    try:
        cached = _findings(context._load_project(root, doctrees))
    finally:
        entrycache._parse_entry = real
    assert parsed == [1]  # the entry holding the note; IPDX-DLV-001 was kept, and moved
    tree = FsTree(root)
    whole = load_project(tree, registry=(read_registry(tree).registry, []))
    assert cached == _findings(whole)
    line = line_of(registry, "identify kinds")
    assert ("QLT001", REGISTRY_FILE, line, len("    statement: ") + 1) in cached

    # ... and a build reports it on that line too.
    site = build(root)
    assert f"{REGISTRY_FILE}:{line}" in site.locations("QLT001")


def test_a_damaged_entries_file_is_parsed_again_and_written_whole(tmp_path):
    root = copy_mini(tmp_path)
    doctrees = tmp_path / "doctrees"
    context._load_project(root, doctrees)
    store = doctrees / cache.CACHE_DIR / f"{entrycache.KIND}.pickle"
    good = store.read_bytes()
    store.write_bytes(good[:50])
    (doctrees / cache.CACHE_DIR / "registry.pickle").unlink()
    project = context._load_project(root, doctrees)
    assert project.registry == load_registry((root / REGISTRY_FILE).read_bytes()).registry
    assert len(store.read_bytes()) > 50


def test_the_entries_of_a_new_toolchain_are_not_used(tmp_path, monkeypatch):
    text = MINI_TEXT
    (tmp_path / REGISTRY_FILE).write_text(text, encoding="utf-8")
    tree, folder = FsTree(tmp_path), tmp_path / "doctrees"
    entrycache.load(tree, folder, whole=read_registry)
    monkeypatch.setattr(cache, "_toolchain_digest", "another toolchain")
    assert entrycache._read(folder / cache.CACHE_DIR / f"{entrycache.KIND}.pickle") == {}
    shutil.rmtree(folder)
