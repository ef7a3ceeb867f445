"""Fixtures of the translation tests (helpers in translation_site.py)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from stkit.translation.update import update
from translation_site import FRENCH, MINI, translate


@pytest.fixture(scope="session")
def french_template(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("template") / "mini"
    shutil.copytree(MINI, root)
    registry = root / "requirements_registry.yaml"
    registry.write_text(registry.read_text(encoding="utf-8").replace(
        "languages: [en]", "languages: [en, fr]"), encoding="utf-8")
    update(root, root.parent / "gettext")
    translate(root, FRENCH)
    return root


@pytest.fixture
def french(french_template: Path, tmp_path: Path) -> Path:
    """A fresh copy of the mini standard with its French catalogues; tests edit it freely."""
    root = tmp_path / "mini"
    shutil.copytree(french_template, root)
    return root


