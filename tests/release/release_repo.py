"""Helpers of the release tests: the mini standard as a git repository with fixed commit
dates (so two copies hold the very same commits), and `stkit release` run on it."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

TESTS = Path(__file__).resolve().parent.parent
REPO = TESTS.parent
MINI = TESTS / "fixtures" / "mini"
COMMIT_DATE = "2026-11-20T10:00:00+00:00"
COMMIT_EPOCH = 1795168800  # COMMIT_DATE in seconds since 1970
SECOND_DATE = "2026-11-25T09:30:00+00:00"
SECOND_EPOCH = 1795599000


def git(root: Path, *args: str, date: str = COMMIT_DATE) -> str:
    env = {**os.environ, "GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date,
           "GIT_AUTHOR_NAME": "Test", "GIT_AUTHOR_EMAIL": "test@example.org",
           "GIT_COMMITTER_NAME": "Test", "GIT_COMMITTER_EMAIL": "test@example.org",
           "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}
    done = subprocess.run(["git", "-C", str(root), *args], env=env, capture_output=True,
                          text=True, check=True)
    return done.stdout


def make_repo(dest: Path) -> Path:
    """The mini standard with the project's conf.py, committed once (dist/ ignored)."""
    shutil.copytree(MINI, dest)
    shutil.copyfile(REPO / "conf.py", dest / "conf.py")
    (dest / ".gitignore").write_text("/dist/\n", encoding="utf-8")
    git(dest, "init", "-q", "-b", "main")
    commit_all(dest, "The mini standard, version 0.1")
    return dest


def commit_all(root: Path, message: str, date: str = COMMIT_DATE) -> None:
    git(root, "add", "-A", date=date)
    git(root, "commit", "-q", "-m", message, date=date)


def make_history(dest: Path) -> Path:
    """Version 0.1 released (tag v0.1), then version 0.2 with a changed statement."""
    root = make_repo(dest)
    git(root, "tag", "v0.1")
    replace(root / "requirements_registry.yaml", 'version: "0.1"', 'version: "0.2"')
    replace(root / "requirements_registry.yaml",
            "should give notice before it discontinues a data set",
            "should give six months' notice before it discontinues a data set")
    commit_all(root, "Version 0.2: notice period", date=SECOND_DATE)
    return root


def replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def release(root: Path, *args: str) -> subprocess.CompletedProcess:
    """`stkit release` in a subprocess, as a person runs it (in the project folder)."""
    return subprocess.run([sys.executable, "-m", "stkit", "release", *args], cwd=root,
                          capture_output=True, text=True, timeout=600)


def dist_entries(root: Path) -> list[str]:
    dist = root / "dist"
    return sorted(p.name for p in dist.iterdir()) if dist.exists() else []


def make_adopted(dest: Path) -> Path:
    """The mini standard made adoptable: version 1.0, adopted at CWS/14, no editor's note,
    and no citation of a catalogue fact that is not verified yet (none of the WIPO standards
    in the catalogue is, so far)."""
    shutil.copytree(MINI, dest)
    registry = dest / "requirements_registry.yaml"
    replace(registry, "    references:\n      - standard: ST.96\n        part: Annex III\n",
            "    references: []\n")
    replace(registry, "    references:\n      - standard: ST.90\n", "    references: []\n")
    replace(registry, "ip5: [ip5/redistribution]", "ip5: [ip5/user-support]")
    replace(registry, "  - principle: ip5/user-support\n", "  - principle: ip5/redistribution\n")
    replace(registry, 'version: "0.1"', 'version: "1.0"')
    replace(registry, "status: working-draft", 'status: adopted\n  adoption_date: "2026-11-27"')
    replace(dest / "standard" / "02-requirements.md",
            "\n```{editor-note}\nConfirm the version of ST.96 to cite.\n```\n", "")
    replace(dest / "standard" / "01-general.md", ", following {st}`ST.96 Annex III`", "")
    shutil.copyfile(REPO / "conf.py", dest / "conf.py")
    (dest / ".gitignore").write_text("/dist/\n", encoding="utf-8")
    git(dest, "init", "-q", "-b", "main")
    commit_all(dest, "The mini standard, adopted as version 1.0")
    return dest


FRENCH = MINI.parent / "mini-fr" / "adopted.yaml"
FR_PO = "locale/fr/LC_MESSAGES"


def add_french(root: Path, *, complete: bool, message: str = "French") -> None:
    """`languages: [en, fr]`, the French catalogues made by the real update (Sphinx's gettext
    builder, then sphinx-intl, as `make translations`), filled from tests/fixtures/mini-fr/
    with polib as a translator's PO editor would, and committed. `complete`: every message
    (the shared catalogues' titles given their English), else only what the table has for
    this text."""
    import polib
    import yaml

    from stkit.translation.update import update

    replace(root / "requirements_registry.yaml", "languages: [en]", "languages: [en, fr]")
    update(root, root.parent / f"{root.name}-gettext")
    table = yaml.safe_load(FRENCH.read_text(encoding="utf-8"))
    for stem, rows in table.items():
        po = polib.pofile(str(root / FR_PO / f"{stem}.po"))
        for context, english, french in rows:
            entry = po.find(english, msgctxt=context) if context else po.find(english)
            if entry is None:
                assert not complete, f"{english!r} is not in {stem}.po"
                continue
            entry.msgstr = french
        if complete:
            for entry in po:
                if not entry.msgstr:  # the shared catalogues' titles
                    assert stem == "registry" and entry.msgctxt and "/" in entry.msgctxt \
                        or (entry.msgctxt or "").startswith("ST."), (stem, entry.msgid)
                    entry.msgstr = entry.msgid
        po.save()
    commit_all(root, message)


def set_fuzzy(root: Path, stem: str, english: str) -> int:
    """Mark one translation fuzzy, as `make translations` does when its English changed;
    returns the line of its msgstr (where TRN002 points)."""
    import polib

    path = root / FR_PO / f"{stem}.po"
    po = polib.pofile(str(path))
    entry = po.find(english)
    entry.flags.append("fuzzy")
    po.save()
    lines = path.read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if english[:30] in line)
    return next(i for i in range(start, len(lines)) if lines[i].startswith("msgstr")) + 1
