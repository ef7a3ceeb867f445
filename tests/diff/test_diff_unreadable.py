"""`stkit diff` against a revision that does not load whole is an error naming the revision and
the file, never a report of paragraphs "removed"."""

from __future__ import annotations

import os

from conftest import run_cli
from diff_repo import commit, repo  # noqa: F401 (repo is a fixture)


def test_a_revision_with_a_chapter_that_is_not_utf8_is_an_error(repo, capsys):
    reqs = repo / "standard" / "02-requirements.md"
    reqs.write_bytes(reqs.read_bytes().replace(b"Formats come", b"Formats \xe9come"))
    commit(repo, "broken chapter")
    code, out, err = run_cli(["diff", "--root", str(repo), "HEAD", "HEAD~1"], capsys)
    assert code == 1
    assert out == ""
    assert "Traceback" not in err
    assert err.startswith("stkit diff: revision 'HEAD': standard/02-requirements.md cannot be read, "
                          "so the revision cannot be compared: standard/02-requirements.md:3:12: REG005 ")
    assert len(err.strip().splitlines()) == 1


def test_the_working_tree_with_a_chapter_that_is_not_utf8_is_an_error(repo, capsys):
    reqs = repo / "standard" / "02-requirements.md"
    reqs.write_bytes(reqs.read_bytes().replace(b"Formats come", b"Formats \xe9come"))
    code, out, err = run_cli(["diff", "--root", str(repo), "HEAD"], capsys)
    assert code == 1 and out == ""
    assert err.startswith("stkit diff: the working tree: standard/02-requirements.md cannot be read")


def test_a_revision_whose_chapter_is_a_symbolic_link_is_an_error(repo, capsys):
    reqs = repo / "standard" / "02-requirements.md"
    reqs.unlink()
    os.symlink("/etc/hostname", reqs)
    commit(repo, "chapter as a link")
    code, out, err = run_cli(["diff", "--root", str(repo), "HEAD~1", "HEAD"], capsys)
    assert code == 1 and out == ""
    assert err.startswith("stkit diff: revision 'HEAD': standard/02-requirements.md cannot be read")
    assert "is a symbolic link" in err
