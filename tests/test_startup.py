"""`stkit check` starts fast: what only some runs need is imported only when needed
(jsonschema to explain an invalid registry, Sphinx, WeasyPrint). The time itself is measured
by `make bench` (benchmarks/RESULTS.md), not asserted here."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from conftest import replace_in

# markdown-it (with MyST's set-up, which brings docutils) is how the checker reads links,
# directives and front matter (docs/hardening.md): it is imported when a source holds one, so it
# is not in this list, nor RapidFuzz, which the near-duplicate rule (QLT009) uses; the modules below are needed only by other commands or on errors.
HEAVY = ("jsonschema", "sphinx", "weasyprint", "matplotlib", "docx", "openpyxl")
PROBE = ("import json, sys\nfrom stkit.cli import main\ncode = main(sys.argv[1:])\n"
         "print(json.dumps([code, sorted(m for m in %r if m in sys.modules)]))" % (HEAVY,))


def check(root: Path) -> tuple[int, list[str]]:
    done = subprocess.run([sys.executable, "-c", PROBE, "check", "--root", str(root)],
                          capture_output=True, text=True)
    return tuple(json.loads(done.stdout.splitlines()[-1]))


def test_checking_a_valid_standard_imports_nothing_heavy(mini):
    assert check(mini) == (0, [])


def test_an_invalid_registry_is_still_explained_by_jsonschema(mini):
    replace_in(mini / "requirements_registry.yaml", "obligation: shall", "obligation: must")
    code, imported = check(mini)
    assert code == 1 and imported == ["jsonschema"]
