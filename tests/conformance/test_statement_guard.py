"""Statements are read through the path guard: for the dashboard, a statement that is a link
out of the repository (to /etc/passwd), a device or a FIFO is listed as not valid with one
located REG005 and nothing of it is read; `stkit conformance check` of a file an office
names opens only a regular file (a FIFO would block)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from cnf import STATEMENT, TODAY, check

from conftest import REPO, run_cli

PASSWD = Path("/etc/passwd")


def test_the_dashboard_lists_a_statement_linked_out_of_the_repository_as_not_valid(tmp_path, capsys):
    root = tmp_path / "mini"
    shutil.copytree(REPO / "tests" / "fixtures" / "mini", root)
    folder = root / "conformance"
    folder.mkdir()
    shutil.copyfile(STATEMENT, folder / "xa.yaml")
    os.symlink(PASSWD, folder / "evil.yaml")
    os.symlink("/dev/zero", folder / "zero.json")
    out = tmp_path / "dash"
    code, _, err = run_cli(["conformance", "dashboard", "--root", str(root), str(folder), "-o", str(out),
                            "--today", TODAY], capsys)
    assert code == 0, err
    assert "3 statements, 2 not valid" in err
    secret = PASSWD.read_text(encoding="utf-8").split("\n", 1)[0]
    for path in out.iterdir():
        text = path.read_text(encoding="utf-8")
        assert secret not in text, path.name
    page = (out / "index.html").read_text(encoding="utf-8")
    assert "REG005 not read: it is a symbolic link to a file outside the repository" in page
    assert "XA-PAT-BIB" in page


def test_check_opens_only_a_regular_file(mini, capsys):
    fifo = mini / "statement.yaml"
    os.mkfifo(fifo)
    code, found = check(mini, capsys, fifo)
    assert code == 1
    assert [(d["code"], d["line"], d["message"]) for d in found] == [
        ("REG005", 1, "not read: it is not a regular file (a FIFO)")]
    zero = mini / "zero.yaml"
    os.symlink("/dev/zero", zero)
    _, found = check(mini, capsys, zero)
    assert [d["message"] for d in found] == ["not read: it is not a regular file (a device)"]


def test_a_folder_checked_refuses_a_link_out_of_it_without_reading_it(mini, capsys):
    folder = mini / "statements"
    folder.mkdir()
    shutil.copyfile(STATEMENT, folder / "xa.yaml")
    os.symlink(PASSWD, folder / "evil.yaml")
    code, out, err = run_cli(["conformance", "check", "--root", str(mini), "--today", TODAY, str(folder)], capsys)
    assert code == 1
    assert out.splitlines()[0] == (f"{folder.as_posix()}/evil.yaml:1:1: REG005 [error] not read: it is a symbolic "
                                   "link to a file outside the repository (fix: give the path of a conformance "
                                   "statement (.yaml or .json), a regular file inside the repository)")
    assert PASSWD.read_text(encoding="utf-8").split("\n", 1)[0] not in out + err
    assert "1 of 2 statements valid" in err
