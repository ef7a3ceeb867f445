"""The benchmark's synthetic standards: deterministic, valid under the schema, clean under
`stkit check`, and convertible into the sphinx-needs project of the side-by-side build."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pytest

from stkit.checks import run_checks
from stkit.project import FsTree, load_project
from stkit.registry import load_registry
from stkit.schemacheck import load_schema

BENCH = Path(__file__).resolve().parents[2] / "benchmarks"
sys.path.insert(0, str(BENCH))

import generate  # noqa: E402
import needs_project  # noqa: E402


def snapshot(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def errors_and_warnings(root: Path) -> list[str]:
    return [str(d) for d in run_checks(load_project(FsTree(root))) if d.severity != "note"]


def test_same_seed_same_bytes_other_seed_other_text(tmp_path):
    a = generate.generate(tmp_path / "a", 120, seed=7)
    generate.generate(tmp_path / "b", 120, seed=7)
    generate.generate(tmp_path / "c", 120, seed=8)
    assert snapshot(tmp_path / "a") == snapshot(tmp_path / "b")
    assert snapshot(tmp_path / "a") != snapshot(tmp_path / "c")
    assert len(a.requirements) == 120


@pytest.mark.parametrize("n, files", [(1, None), (10, 3), (250, None)])
def test_generated_standard_is_valid_and_clean(tmp_path, n, files):
    gen = generate.generate(tmp_path, n, files=files)
    loaded = load_registry((tmp_path / "requirements_registry.yaml").read_bytes())
    assert loaded.diagnostics == []
    assert len(loaded.registry.requirements) == n
    assert errors_and_warnings(tmp_path) == []
    # Every active requirement is placed once; withdrawn ones are not placed.
    text = "".join((tmp_path / f).read_text(encoding="utf-8") for f in gen.files)
    for req in gen.requirements:
        assert text.count(f"{{requirement}} {req.id}\n") == (1 if req.active else 0)


def test_generated_text_uses_every_convention(tmp_path):
    gen = generate.generate(tmp_path, 300)
    text = "".join((tmp_path / f).read_text(encoding="utf-8") for f in gen.files)
    for needle in ("{req}`", "{para}`", "{st}`", "{term}`", "```{glossary}", "```{toctree}",
                   "```{requirements-table}", "```{ip5-mapping}", "```{survey-coverage}",
                   "```{references-table}", "annex: I"):
        assert needle in text, needle
    assert any(not r.active for r in gen.requirements)  # withdrawn ones are in the tables
    reg = (tmp_path / "requirements_registry.yaml").read_text(encoding="utf-8")
    assert "ip5_deviations:" in reg and "out_of_scope:" in reg and "rule: " in reg


def test_small_standard_records_deviations_for_what_it_does_not_cover(tmp_path):
    gen = generate.generate(tmp_path, 3)
    implemented = {p for r in gen.active for p in r.ip5}
    assert set(gen.deviations) == set(generate.PRINCIPLES + generate.DEVIATED) - implemented
    assert errors_and_warnings(tmp_path) == []


def test_ids_pass_999_in_a_group_with_the_schemas_fourth_digit():
    import random
    reqs = generate.make_requirements(10_010, random.Random(1))
    ids = [r.id for r in reqs]
    assert len(set(ids)) == len(ids)
    assert "IPDX-DAT-1000" in ids and "IPDX-DAT-1001" in ids and "IPDX-CNF-1000" in ids
    pattern = re.compile(load_schema("registry.schema.json")["$defs"]["requirement_id"]["pattern"])
    assert all(pattern.match(i) for i in ids)


def test_body_paragraphs_stay_within_the_scanners_four_digits(tmp_path, monkeypatch):
    monkeypatch.setattr(generate, "MAX_BODY_PARAS", 40)
    gen = generate.generate(tmp_path, 60, files=4)
    project = load_project(FsTree(tmp_path))
    body = [p for sf in project.sources if not sf.annex for p in sf.paragraphs]
    assert len(body) == gen.body_paragraphs <= 40
    assert errors_and_warnings(tmp_path) == []


def test_cli_refuses_a_folder_that_is_not_empty(tmp_path, capsys):
    (tmp_path / "x.txt").write_text("keep me", encoding="utf-8")
    assert generate.main([str(tmp_path), "-n", "5"]) == 2
    assert "not empty" in capsys.readouterr().err
    assert [p.name for p in tmp_path.iterdir()] == ["x.txt"]


def test_needs_project_has_one_need_per_placed_requirement(tmp_path):
    gen = generate.generate(tmp_path / "gen", 80)
    src = needs_project.write(tmp_path / "gen", tmp_path / "needs")
    text = "".join(p.read_text(encoding="utf-8") for p in sorted(src.glob("*.md")))
    ids = re.findall(r"^:id: (\S+)$", text, re.M)
    assert sorted(ids) == sorted(r.id for r in gen.active)
    assert "{requirement}" not in text and "{req}`" not in text and "{st}`" not in text
    assert text.count("```{needtable}") == 1
    assert ":links: IPDX-" in text and ":tags: " in text and ":status: active" in text
    assert "sphinx_needs" in (src / "conf.py").read_text(encoding="utf-8")
    # The statement comes from the registry, as in the stkit build.
    first = gen.active[0]
    assert f"\n\n{first.statement}\n```" in text
