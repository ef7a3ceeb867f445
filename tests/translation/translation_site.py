"""Helpers of the translation tests. A copy of the mini standard with French: `languages: [en, fr]`, catalogues made by the real
update (Sphinx's gettext builder, then sphinx-intl), and a few messages translated with polib,
as a translator's PO editor would. The catalogues are made once per session and copied."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from stkit.translation.update import update as _update

import polib
import pytest


REPO = Path(__file__).resolve().parents[2]
MINI = REPO / "tests" / "fixtures" / "mini"
REGISTRY_PO = "locale/fr/LC_MESSAGES/registry.po"
GENERAL_PO = "locale/fr/LC_MESSAGES/01-general.po"

FRENCH = {
    REGISTRY_PO: {
        ("IPDX-FMT-001", "A data provider shall deliver XML data sets in the format of ST.96."):
            "Un fournisseur de données doit livrer les ensembles de données XML au format de ST.96.",
        ("IPDX-FMT-001", "XML data in ST.96"): "Données XML selon ST.96",
        ("IPDX-DLV-001", "A data provider should give notice before it discontinues a data set."):
            "Un fournisseur de données devrait donner un préavis avant de cesser un ensemble de données.",
    },
    GENERAL_PO: {
        (None, "General"): "Généralités",
        (None, "This small standard exists for the tests. It uses each convention once."):
            "Cette petite norme existe pour les tests. Elle utilise chaque convention une fois.",
    },
}


def translate(root: Path, table: dict) -> None:
    for rel, messages in table.items():
        po = polib.pofile(str(root / rel))
        for (context, msgid), msgstr in messages.items():
            entry = po.find(msgid, msgctxt=context) if context else po.find(msgid)
            assert entry is not None, f"{msgid!r} not in {rel}"
            entry.msgstr = msgstr
            if "fuzzy" in entry.flags:
                entry.flags.remove("fuzzy")
        po.save()


def sphinx(root: Path, lang: str = "en", out: Path | None = None) -> tuple[int, str, Path]:
    """`sphinx-build -b html -c <repo> -W --keep-going -q [-D language=..]`, in its own process
    as `make html` runs it (gettext keeps a process-wide cache of catalogues)."""
    out = out or root.parent / f"html-{lang}"
    args = [sys.executable, "-m", "sphinx", "--no-color", "-b", "html", "-c", str(REPO), "-W", "--keep-going", "-q"]
    if lang != "en":
        args += ["-D", f"language={lang}"]
    run = subprocess.run([*args, str(root / "standard"), str(out)], capture_output=True, text=True,
                         env={**os.environ, "STKIT_ROOT": str(root)})
    return run.returncode, run.stderr, out


def po_line(root: Path, rel: str, needle: str) -> int:
    for number, line in enumerate((root / rel).read_text(encoding="utf-8").splitlines(), 1):
        if needle in line:
            return number
    raise AssertionError(f"{needle!r} not in {rel}")

@pytest.fixture(scope="session")
def french_template(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("template") / "mini"
    shutil.copytree(MINI, root)
    registry = root / "requirements_registry.yaml"
    registry.write_text(registry.read_text(encoding="utf-8").replace(
        "languages: [en]", "languages: [en, fr]"), encoding="utf-8")
    _update(root, root.parent / "gettext")
    translate(root, FRENCH)
    return root


@pytest.fixture
def french(french_template: Path, tmp_path: Path) -> Path:
    """A fresh copy of the mini standard with its French catalogues; tests edit it freely."""
    root = tmp_path / "mini"
    shutil.copytree(french_template, root)
    return root
