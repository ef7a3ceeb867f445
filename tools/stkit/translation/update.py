"""`python -m stkit.translation update` (`make translations`): the templates, then the catalogues.

1. Sphinx's gettext builder writes one template per page of the standard (build/gettext/*.pot);
2. `registry.pot` is written beside them from the registry and the catalogues (extract.py);
3. sphinx-intl merges every template into `locale/<lang>/LC_MESSAGES/<page>.po` for each
   language the registry lists: new messages are added untranslated, a message whose English
   changed keeps its old translation marked fuzzy (so the build no longer uses it), and messages
   that no longer exist become obsolete.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

from sphinx_intl import basic as sphinx_intl

from ..project import FsTree, load_project
from .catalog import LOCALE_DIR, REGISTRY_DOMAIN
from .extract import registry_pot
from .languages import translated_languages


class UpdateError(Exception):
    pass


def update(root: Path, pot_dir: Path, languages: list[str] | None = None) -> dict:
    root = Path(root).resolve()
    project = load_project(FsTree(root))
    if not project.loaded:
        first = project.load_diagnostics[0]
        raise UpdateError(f"{first.path}:{first.line}:{first.col}: {first.code} {first.message}")
    langs = languages or translated_languages(project.registry.metadata.languages)
    if not langs:
        raise UpdateError("requirements_registry.yaml: metadata.languages lists no language but "
                          "English; add one (e.g. [en, fr, es]) to translate the standard")
    pot_dir = Path(pot_dir)
    pot_dir.mkdir(parents=True, exist_ok=True)
    for old in pot_dir.glob("*.pot"):
        old.unlink()
    conf_dir = root if (root / "conf.py").is_file() else Path(__file__).resolve().parents[3]
    env = {**os.environ, "STKIT_ROOT": str(root)}
    with tempfile.TemporaryDirectory(prefix="stkit-gettext-") as doctrees:
        run = subprocess.run(
            [sys.executable, "-m", "sphinx", "-b", "gettext", "-c", str(conf_dir), "-q",
             "-d", doctrees, str(root / "standard"), str(pot_dir)],
            env=env, capture_output=True, text=True)
    if run.returncode != 0:
        raise UpdateError("the gettext build failed:\n" + (run.stderr or run.stdout).strip())
    # The theme's and templates' own words ("Search") are translated by Sphinx's and the theme's
    # catalogues; their template would also carry this machine's paths.
    (pot_dir / "sphinx.pot").unlink(missing_ok=True)
    # A .pot written atomically: sphinx-intl never reads half a template.
    target = pot_dir / f"{REGISTRY_DOMAIN}.pot"
    tmp = target.with_suffix(".pot.tmp")
    registry_pot(project.registry, project.catalogues).save(str(tmp))
    tmp.replace(target)
    return sphinx_intl.update(str(root / LOCALE_DIR), str(pot_dir), tuple(langs), jobs=1)
