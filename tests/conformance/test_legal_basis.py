"""An exception to a mandatory requirement: the one ground the standard allows is a provision of
the law applicable to the office, cited in `legal_basis` (IPDX-CNF-008). Without it the claim is
not valid (CNF006, at the requirement's ID, with the level supported); with it the claim is
valid, says so in its summary, and the dashboard counts the exception as one under law."""

from __future__ import annotations

import csv
import json
import shutil

from cnf import STATEMENT, TODAY, check, statement, where

from conftest import REPO, replace_in, run_cli

BASIS = "Public Records Act 2011, section 4(2) (fictitious)"


def _under_law(path) -> None:
    """The statement's exception made one to IPDX-FMT-001 (level 1, "shall"), with its provision."""
    replace_in(path, "requirement: IPDX-DLV-001", "requirement: IPDX-FMT-001")
    replace_in(path, "        target_date:", f'        legal_basis: "{BASIS}"\n        target_date:')


def test_without_a_legal_basis_the_claim_is_not_valid(mini, capsys):
    path = statement(mini)
    replace_in(path, "requirement: IPDX-DLV-001", "requirement: IPDX-FMT-001")
    code, found = check(mini, capsys, path)
    assert code == 1
    assert where(found) == [("CNF006", str(path), 19, 22)]
    assert found[0]["message"].endswith("supports no level (level 0, with a plan)")
    assert "legal_basis" in found[0]["fix"]


def test_with_a_legal_basis_the_claim_is_valid_and_says_so(mini, capsys):
    path = statement(mini)
    _under_law(path)
    assert check(mini, capsys, path) == (0, [])
    code, out, err = run_cli(["conformance", "check", "--root", str(mini), "--today", TODAY, str(path)], capsys)
    assert code == 0, err
    assert out == (f"{path}: valid: XA Industrial Property Office of Examplia (fictitious), ST.XX 0.1 "
                   "(provider): XA-PAT-BIB: level 1 (0 mandatory requirements met, 1 excepted under the law "
                   f"applicable to the office: IPDX-FMT-001 ({BASIS}); 1 of 1 recommendations followed)\n")


def test_an_empty_legal_basis_is_a_schema_error(mini, capsys):
    path = statement(mini)
    replace_in(path, "requirement: IPDX-DLV-001", "requirement: IPDX-FMT-001")
    replace_in(path, "        target_date:", '        legal_basis: " "\n        target_date:')
    code, found = check(mini, capsys, path)
    assert code == 1
    assert [(d["code"], d["line"]) for d in found] == [("CNF001", 21)]


def test_a_legal_basis_does_not_make_a_permission_an_exception(mini, capsys):
    path = statement(mini)
    replace_in(path, "requirement: IPDX-DLV-001", "requirement: IPDX-DLV-002")
    replace_in(path, "        target_date:", f'        legal_basis: "{BASIS}"\n        target_date:')
    _, found = check(mini, capsys, path)
    assert where(found) == [("CNF009", str(path), 19, 22)]
    assert "permission" in found[0]["message"]


def test_the_dashboard_counts_an_exception_under_law(tmp_path, capsys):
    folder = tmp_path / "statements"
    folder.mkdir()
    shutil.copyfile(STATEMENT, folder / "xa.yaml")
    _under_law(folder / "xa.yaml")
    shutil.copyfile(STATEMENT, folder / "xb.yaml")  # XB excepts a recommendation, on no legal ground
    replace_in(folder / "xb.yaml", "code: XA", "code: XB")
    root = tmp_path / "mini"
    shutil.copytree(REPO / "tests" / "fixtures" / "mini", root)
    out = tmp_path / "dash"
    code, _, err = run_cli(["conformance", "dashboard", "--root", str(root), str(folder), "-o", str(out),
                            "--today", TODAY], capsys)
    assert code == 0, err
    data = json.loads((out / "conformance-dashboard.json").read_text(encoding="utf-8"))
    uses = {u["id"]: (u["covered"], u["followed"], u["excepted"], u["excepted_under_law"])
            for u in data["requirements"]}
    assert uses["IPDX-FMT-001"] == (2, 1, 1, 1)
    assert uses["IPDX-DLV-001"] == (2, 1, 1, 0)
    assert "IPDX-DLV-002" not in uses  # a permission: not counted
    rows = list(csv.DictReader((out / "conformance-dashboard.csv").open(encoding="utf-8")))
    assert [(r["office"], r["exceptions"], r["exceptions_under_law"]) for r in rows] == [
        ("XA", "IPDX-FMT-001", "IPDX-FMT-001"), ("XB", "IPDX-DLV-001", "")]
    page = (out / "index.html").read_text(encoding="utf-8")
    assert f"(under the law: {BASIS})" in page
