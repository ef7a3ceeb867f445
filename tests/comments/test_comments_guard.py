"""comments/<round>.yaml is read through the path guard: a round linked to /dev/zero or to a
file outside the repository, or a FIFO, is one located REG005 (nothing of it read, no hang);
a link that stays inside the repository is read as the file it names."""

from __future__ import annotations

import os
from pathlib import Path

from comment_repo import FIXTURES, make_repo

from stkit.cli import main
from stkit.comments.store import load_rounds


def test_rounds_that_may_not_be_read_are_refused_at_their_file(tmp_path: Path, capsys):
    root = make_repo(tmp_path / "std")
    assert main(["comments", "import", "--root", str(root), str(FIXTURES / "forms" / "EP.docx"),
                 "--round", "r1"]) == 0
    capsys.readouterr()
    (tmp_path / "outside.yaml").write_text("SECRET-OUTSIDE\n", encoding="utf-8")
    os.symlink("/dev/zero", root / "comments" / "zero.yaml")
    os.symlink(tmp_path / "outside.yaml", root / "comments" / "out.yaml")
    os.mkfifo(root / "comments" / "fifo.yaml")
    loaded = load_rounds(root)
    assert [r.name for r in loaded.rounds] == ["r1"]
    found = {d.path: (d.code, d.line, d.message) for d in loaded.diagnostics}
    assert found == {
        "comments/fifo.yaml": ("REG005", 1, "not a regular file inside the repository: it is not a regular "
                                            "file (a FIFO)"),
        "comments/out.yaml": ("REG005", 1, "not a regular file inside the repository: it is a symbolic link "
                                           "to a file outside the repository"),
        "comments/zero.yaml": ("REG005", 1, "not a regular file inside the repository: it is a symbolic link "
                                            "to a file outside the repository"),
    }
    code = main(["check", "--root", str(root)])
    out, err = capsys.readouterr()
    assert code == 1 and "Traceback" not in out + err and "SECRET-OUTSIDE" not in out + err
    assert "comments/zero.yaml:1:1: REG005" in out


def test_a_link_inside_the_repository_is_read(tmp_path: Path, capsys):
    root = make_repo(tmp_path / "std")
    assert main(["comments", "import", "--root", str(root), str(FIXTURES / "forms" / "EP.docx"),
                 "--round", "r1"]) == 0
    capsys.readouterr()
    (root / "archive").mkdir()
    os.replace(root / "comments" / "r1.yaml", root / "archive" / "r1.yaml")
    os.symlink("../archive/r1.yaml", root / "comments" / "r1.yaml")
    loaded = load_rounds(root)
    assert [r.name for r in loaded.rounds] == ["r1"] and loaded.diagnostics == []
