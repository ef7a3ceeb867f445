"""Loading YAML pauses Python's cycle collector and freezes what it loaded (a hot spot of
`stkit check` at 10,000 requirements); the collector's state is restored, even on an error."""

from __future__ import annotations

import gc

import pytest

from stkit.errors import LoadError
from stkit.yamlsrc import load_yaml_text


@pytest.fixture(autouse=True)
def restore_gc():
    was = gc.isenabled()
    yield
    gc.unfreeze()
    gc.enable() if was else gc.disable()


def test_collector_is_enabled_again_after_loading():
    gc.enable()
    doc = load_yaml_text("a: [1, 2]\nb: {c: x}\n", "t.yaml")
    assert doc.data == {"a": [1, 2], "b": {"c": "x"}}
    assert gc.isenabled()
    assert gc.get_freeze_count() > 0


def test_collector_is_enabled_again_after_a_syntax_error():
    gc.enable()
    with pytest.raises(LoadError) as info:
        load_yaml_text("a: [1, 2\n", "t.yaml")
    assert info.value.code == "REG001"
    assert gc.isenabled()


def test_a_disabled_collector_stays_disabled():
    gc.disable()
    load_yaml_text("a: 1\n", "t.yaml")
    assert not gc.isenabled()
