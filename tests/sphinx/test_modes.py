"""Release builds, a registry that cannot be loaded, and silencing one rule."""

from __future__ import annotations

import pytest
from sphinx_site import build, copy_mini

from conftest import line_of, replace_in


def test_release_build_refuses_an_editor_note_with_its_location(tmp_path, monkeypatch):
    root = copy_mini(tmp_path)
    monkeypatch.setenv("STKIT_RELEASE", "1")
    site = build(root)
    where = line_of(root / "standard" / "02-requirements.md", "{editor-note}")
    (loc, level, message), = site.messages("BLD001")
    assert (loc, level) == (f"standard/02-requirements.md:{where}", "ERROR")
    assert "editor-note" in message and "release" in message
    assert site.code == 1
    html = site.page("02-requirements")
    assert "Confirm the version of ST.96" not in html and "stkit-editor-note" not in html


def test_release_is_also_a_config_value(tmp_path):
    root = copy_mini(tmp_path)
    replace_in(root / "standard" / "02-requirements.md", "```{editor-note}\nConfirm the version of "
               "ST.96 to cite.\n```\n", "")
    site = build(root, "-D", "stkit_release=1")
    assert (site.code, site.warnings) == (0, [])
    assert "stkit-draft-banner" in site.page("index")  # the registry still says working-draft


@pytest.mark.parametrize("old, new, code", [
    ("registry_format: 1\n", "registry_format: 1\nregistry_format: 2\n", "REG002"),
    ("  number: ST.XX\n", "  number: ST.XX\n\tbad: tab\n", "REG001"),
    ("    level: 1\n", "    level: high\n", "REG003"),
])
def test_a_registry_that_cannot_load_stops_the_build_with_located_messages(tmp_path, capsys, old,
                                                                           new, code):
    root = copy_mini(tmp_path)
    replace_in(root / "requirements_registry.yaml", old, new)
    site = build(root)
    err = capsys.readouterr().err
    assert site.code == 2
    locs = site.locations(code)
    assert locs and all(loc.startswith("requirements_registry.yaml:") for loc in locs)
    assert "stkit: the requirements registry or a catalogue cannot be loaded" in err
    assert "Traceback" not in err
    assert not (site.out / "index.html").exists()


def test_suppress_warnings_silences_one_checker_rule(tmp_path):
    root = copy_mini(tmp_path)
    replace_in(root / "standard" / "01-general.md", "It uses each convention once.",
               "It must use each convention once.")
    loud = build(root)
    assert loud.code == 1
    assert loud.locations("REQ006") == [f"standard/01-general.md:{line_of(root / 'standard' / '01-general.md', 'It must')}"]
    quiet = build(root, "-D", "suppress_warnings=stkit.REQ006", out=tmp_path / "quiet")
    assert (quiet.code, quiet.warnings) == (0, [])
