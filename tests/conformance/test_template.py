"""A template, filled in by a script, passes `stkit conformance check`; left as it is, each
TODO is a located finding."""

from __future__ import annotations

import json

import pytest
import yaml

from conftest import REPO, run_cli


def _template(capsys, *args) -> str:
    code, out, err = run_cli(["conformance", "template", "--root", str(REPO), "--today", "2026-12-03", *args],
                             capsys)
    assert code == 0, err
    return out


def _check(capsys, path) -> tuple[int, list[dict]]:
    code, out, _ = run_cli(["conformance", "check", "--root", str(REPO), "--format", "json",
                            "--today", "2026-12-03", str(path)], capsys)
    return code, json.loads(out)


@pytest.mark.parametrize("role", ["provider", "recipient", "both"])
@pytest.mark.parametrize("level", [0, 1, 2, 3])
def test_a_template_filled_in_by_a_script_passes(tmp_path, capsys, role, level):
    data = yaml.safe_load(_template(capsys, "--role", role, "--level", str(level)))
    data["office"] = {"code": "XB", "name": "Patent and Trademark Office of Fictionland (fictitious)"}
    data["claims"][0]["data_set"] = {"id": "XB-PAT-BIB", "title": "Patent bibliographic data",
                                     "description": "https://data.example.org/xb/pat-bib/description.yaml"}
    for item in data["claims"][0].get("plan", []):
        item["target_date"] = "2027-12-31"
    path = tmp_path / "xb.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    assert _check(capsys, path) == (0, [])


def test_the_template_lists_every_applicable_requirement(capsys):
    text = _template(capsys, "--role", "provider", "--level", "2")
    from stkit.conformance.claims import in_claim
    from stkit.registry import load_registry

    registry = load_registry((REPO / "requirements_registry.yaml").read_bytes()).registry
    for req in in_claim(registry, ["provider"], 2):
        assert req.id in text
    assert "IPDX-LEG-007" not in text  # a recipient's requirement


def test_an_unfilled_template_is_one_finding_per_todo(tmp_path, capsys):
    path = tmp_path / "t.yaml"
    path.write_text(_template(capsys, "--role", "recipient", "--level", "1", "--office", "XA"), encoding="utf-8")
    code, found = _check(capsys, path)
    assert code == 1
    assert [(d["code"], d["line"]) for d in found] == [("CNF015", 8), ("CNF015", 18), ("CNF015", 19), ("CNF015", 20)]
