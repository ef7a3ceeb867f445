"""`stkit check` starts fast: what only some runs need is imported only when needed
(jsonschema to explain an invalid registry, Sphinx, WeasyPrint). The time itself is measured
by `make bench` (benchmarks/RESULTS.md), not asserted here."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from conftest import replace_in
from translation.translation_site import french, french_template  # noqa: F401 (fixtures)

# Modules that only some runs need. A check of a valid standard with no link, image or raw
# HTML, in English only, with no two statements sharing a rare word, needs none of them:
# jsonschema explains an invalid registry; markdown-it (with MyST's set-up, which brings
# docutils) reads a source that holds a link or a directive that reads a file (and only once:
# its judgement is then cached, stkit/usercache.py); polib reads a catalogue (once, likewise);
# RapidFuzz scores two statements that may be near-duplicates; the rest serve other commands.
HEAVY = ("jsonschema", "sphinx", "weasyprint", "matplotlib", "docx", "openpyxl", "markdown_it",
         "myst_parser", "docutils", "polib", "babel", "rapidfuzz", "pypdf", "jinja2", "fontTools")
# What `stkit check --help` and `stkit explain` need even less: no YAML loader but for the rule
# table, no loader of the standard, no checks.
CHECKING = ("yaml", "stkit.project", "stkit.checks", "stkit.registry", "stkit.sources")
# What a check needs only to read YAML, ask git or write a cache file: a second check of an
# unchanged standard (no build folder) reads the registry, the catalogues, the rule table and
# the word lists as JSON from the user's cache (stkit/modelcache.py, stkit/usercache.py) and
# writes nothing, so it imports none of them (nor shutil, which argparse would bring, nor
# hashlib, which loads OpenSSL: the cache's keys are hashed with _blake2 directly).
LOADING = ("yaml", "stkit.yamlsrc", "stkit.schemacheck", "stkit.schemafast", "datetime", "subprocess",
           "tempfile", "shutil", "hashlib")
PROBE = ("import contextlib, io, json, sys\nfrom stkit.cli import main\n"
         "with contextlib.redirect_stdout(io.StringIO()):\n"
         "    try:\n        code = main(sys.argv[1:])\n"
         "    except SystemExit as exc:\n        code = exc.code\n"
         "print(json.dumps([code, sorted(m for m in %r if m in sys.modules)]))" % (set(HEAVY + CHECKING + LOADING),))


def imported(*args: str) -> tuple[int, list[str]]:
    """Exit code of `stkit ARGS` and which of HEAVY and CHECKING it imported."""
    done = subprocess.run([sys.executable, "-c", PROBE, *args], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    code, names = json.loads(done.stdout.splitlines()[-1])
    return code, names


def loading(root: Path) -> tuple[int, list[str]]:
    """Exit code of `stkit check` on `root` and which of LOADING and HEAVY it imported."""
    code, names = imported("check", "--root", str(root))
    return code, [n for n in names if n in LOADING + HEAVY]


def check(root: Path) -> tuple[int, list[str]]:
    code, names = imported("check", "--root", str(root))
    return code, [n for n in names if n in HEAVY]


def test_checking_a_valid_standard_imports_nothing_heavy(mini):
    assert check(mini) == (0, [])


def test_a_check_of_an_unchanged_standard_reads_no_yaml(mini, tmp_path, monkeypatch):
    monkeypatch.setenv("STKIT_CACHE_DIR", str(tmp_path / "cache"))
    code, first = loading(mini)
    assert code == 0 and {"yaml", "stkit.yamlsrc", "stkit.schemacheck"} <= set(first)
    assert loading(mini) == (0, [])
    replace_in(mini / "requirements_registry.yaml", "format of ST.96.", "format of ST.96 or ST.36.")
    code, edited = loading(mini)
    assert code == 0 and {"yaml", "stkit.yamlsrc"} <= set(edited)  # read again, not from the cache
    assert loading(mini) == (0, [])


def test_an_invalid_registry_is_still_explained_by_jsonschema(mini):
    replace_in(mini / "requirements_registry.yaml", "obligation: shall", "obligation: must")
    code, imported = check(mini)
    assert code == 1 and imported == ["jsonschema"]


def test_check_help_imports_neither_the_checks_nor_anything_heavy():
    assert imported("check", "--help") == (0, [])


def test_explain_reads_the_rule_table_only(tmp_path, monkeypatch):
    """The rule table is parsed with PyYAML once, then read from the user's cache as JSON."""
    def explain(*args: str) -> tuple[int, list[str]]:
        code, names = imported("explain", *args)
        return code, [n for n in names if n in HEAVY + CHECKING]

    monkeypatch.setenv("STKIT_CACHE_DIR", str(tmp_path / "cache"))
    assert explain("REQ006") == (0, ["yaml"])
    assert explain("REQ006") == (0, [])
    assert explain("--list") == (0, [])
    monkeypatch.setenv("STKIT_CACHE_DIR", "off")
    assert explain("--list") == (0, ["yaml"])


def test_a_check_loads_the_checks(mini):
    """The probe sees what a check imports (the lists above are not trivially empty)."""
    code, names = imported("check", "--root", str(mini))
    assert code == 0 and set(CHECKING) <= set(names)


def test_a_link_brings_markdown_it_once_then_the_judgement_is_cached(mini):
    page = mini / "standard" / "01-general.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nSee [the glossary](02-requirements.md).\n",
                    encoding="utf-8")
    assert check(mini) == (0, ["docutils", "markdown_it", "myst_parser"])
    assert check(mini) == (0, [])  # the same text: judged from the cache


def test_near_duplicates_bring_rapidfuzz_once_then_the_scores_are_cached(mini):
    replace_in(mini / "requirements_registry.yaml",
               "statement: A data provider should give notice before it discontinues a data set.",
               "statement: A data provider should always deliver XML data sets in the format of ST.96.")
    assert check(mini) == (0, ["rapidfuzz"])
    assert check(mini) == (0, [])  # the same statements: their scores are read from the cache


def test_catalogues_bring_polib_once_then_they_are_cached(french):
    first = check(french)
    assert first[0] == 0 and "polib" in first[1]
    assert "polib" not in check(french)[1]
