"""The benchmark's staleness check, on a real Sphinx build of a small synthetic standard: it
passes on a fresh build, and it catches a table that no longer says what the registry says."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "benchmarks"))

import generate  # noqa: E402
import run  # noqa: E402
import verify  # noqa: E402


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("gen")
    generate.generate(root, 40, files=3)
    out = root / "_html"
    proc = subprocess.run(run.html_cmd(root / "standard", out), capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    return root, out


def test_fresh_build_has_every_table_right(built):
    root, out = built
    assert verify.check_tables(root, out) == []
    req = verify.load_registry(root)["requirements"][0]
    assert verify.check_placement(out, run._placement_page(root, req["id"]), req) == []


def test_registry_edit_without_rebuild_is_reported_as_stale(built, tmp_path):
    root, out = built
    copy = tmp_path / "copy"
    (copy / "standard").mkdir(parents=True)
    for path in (root / "standard").glob("*.md"):
        (copy / "standard" / path.name).write_bytes(path.read_bytes())
    (copy / "requirements_registry.yaml").write_bytes((root / "requirements_registry.yaml").read_bytes())
    edited = run.edit_requirement(copy, "IPDX-FMT-001", 5)
    problems = verify.check_tables(copy, out)
    assert any("requirements-table: IPDX-FMT-001 shows title" in p for p in problems)
    assert any(p.startswith("ip5-mapping: row ip5-") and "missing ['IPDX-FMT-001']" in p for p in problems)
    assert any(p.startswith("survey-coverage: row challenge-") and "IPDX-FMT-001" in p for p in problems)
    assert any("a link to IPDX-FMT-001 shows the title" in p for p in problems)
    page = run._placement_page(copy, "IPDX-FMT-001")
    assert verify.check_placement(out, page, edited) == [
        f"{page}: IPDX-FMT-001 does not show its current statement",
        f"{page}: IPDX-FMT-001 does not show its current title"]


def test_a_missing_row_is_reported(built, tmp_path):
    root, out = built
    page = (out / "annex-i-traceability.html").read_text(encoding="utf-8")
    broken = tmp_path / "html"
    broken.mkdir()
    start = page.index('id="ip5-ip5-availability"')
    (broken / "annex-i-traceability.html").write_text(page[:start] + 'id="ip5-gone"' + page[start + 26:],
                                                      encoding="utf-8")
    problems = verify.check_tables(root, broken)
    assert "ip5-mapping: no row ip5-ip5-availability" in problems
