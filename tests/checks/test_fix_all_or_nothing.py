"""`stkit check --fix` is all or nothing, and never works on a partial picture: with a source
that cannot be read it refuses and writes nothing; when any file cannot be written, every
file is left as it was; one unreadable chapter is one finding."""

from __future__ import annotations

import os

from conftest import problems, replace_in, run_cli
from rulehelp import GENERAL, REQUIREMENTS, of

STANDARD_FILES = ["01-general.md", "02-requirements.md", "annex-i-tables.md", "index.md"]


def break_three_files(root) -> None:
    """Numbering mistakes whose fix rewrites all three chapters (as in test_rules_numbering)."""
    general, reqs, annex = (root / "standard" / name for name in STANDARD_FILES[:3])
    replace_in(general, "1. This small standard exists for the tests. It uses each convention once.\n\n", "")
    replace_in(reqs, "5. Delivery follows, as {para}`para-terms` explains.",
               "5. Delivery follows, as {para}`para-terms` explains, after {para}`4`.")
    replace_in(annex, "2. The IP5", "5. The IP5")


def snapshot(root):
    return {p.name: p.read_bytes() for p in sorted((root / "standard").iterdir())}


def add_chapter(root, name: str, text: str) -> None:
    (root / "standard" / name).write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
    replace_in(root / "standard" / "index.md", "02-requirements\n", f"02-requirements\n{name[:-3]}\n")


def test_fix_refuses_while_a_chapter_is_not_utf8(mini, capsys):
    # A third chapter that cannot be read, and a numbering mistake after it.
    add_chapter(mini, "03-extra.md", b"# Extra\n\n6. Caf\xe9.\n")
    replace_in(mini / REQUIREMENTS, "5. Delivery", "9. Delivery")
    before = snapshot(mini)
    code, out, err = run_cli(["check", "--root", str(mini), "--fix"], capsys)
    assert code == 1
    assert "Traceback" not in out + err
    assert err.splitlines()[0].startswith("stkit: --fix refused, no file was changed: a source "
                                          "cannot be read whole (standard/03-extra.md:3:7: REG005 ")
    assert snapshot(mini) == before


def test_fix_refuses_while_a_chapter_is_a_link_out_of_the_repository(mini, capsys):
    outside = mini.parent / "outside.md"
    outside.write_text("# Elsewhere\n\n6. Not ours.\n", encoding="utf-8")
    os.symlink(outside, mini / "standard" / "03-extra.md")
    replace_in(mini / "standard" / "index.md", "02-requirements\n", "02-requirements\n03-extra\n")
    replace_in(mini / REQUIREMENTS, "5. Delivery", "9. Delivery")
    before = snapshot(mini)
    code, _, err = run_cli(["check", "--root", str(mini), "--fix"], capsys)
    assert code == 1 and "SRC008" in err.splitlines()[0]
    assert snapshot(mini) == before
    assert outside.read_text(encoding="utf-8") == "# Elsewhere\n\n6. Not ours.\n"


def test_fix_refuses_while_a_fence_is_left_open(mini, capsys):
    replace_in(mini / GENERAL, "```{glossary}", "````{glossary}")  # never closed: hides the rest
    replace_in(mini / REQUIREMENTS, "5. Delivery", "9. Delivery")
    before = snapshot(mini)
    code, _, err = run_cli(["check", "--root", str(mini), "--fix"], capsys)
    assert code == 1 and "SRC007" in err.splitlines()[0]
    assert snapshot(mini) == before


def test_one_unreadable_chapter_is_one_finding(mini):
    # Chapter 3 holds paragraphs 6-7 but cannot be read; chapter 4 goes on at 8, as written.
    add_chapter(mini, "03-extra.md", b"# Extra\n\n6. Caf\xe9.\n\n7. More.\n")
    (mini / "standard" / "04-more.md").write_text("# More\n\n8. After the gap.\n", encoding="utf-8")
    replace_in(mini / "standard" / "index.md", "03-extra\n", "03-extra\n04-more\n")
    assert problems(mini) == [("REG005", "standard/03-extra.md", 3, len("6. Caf") + 1)]
    assert of(mini, "NUM001") == []


def test_a_read_only_file_leaves_every_file_as_it_was(mini, capsys):
    # Renumbering changes three files; the last of them may not be written.
    break_three_files(mini)
    annex = mini / "standard" / "annex-i-tables.md"
    annex.chmod(0o444)
    before = snapshot(mini)
    code, out, err = run_cli(["check", "--root", str(mini), "--fix"], capsys)
    assert code == 1
    assert "Traceback" not in out + err
    assert err.strip() == ("stkit: error: --fix cannot write standard/annex-i-tables.md: the file "
                           "is read-only; no file was changed")
    assert snapshot(mini) == before
    assert sorted(p.name for p in (mini / "standard").iterdir()) == STANDARD_FILES  # no temporary


def test_a_rename_that_fails_half_way_puts_back_the_files_already_renamed(mini, capsys, monkeypatch):
    import stkit.fix

    break_three_files(mini)
    before = snapshot(mini)
    real_replace, calls = os.replace, []

    def fail_on_the_second(src, dst):
        calls.append(dst)
        if len(calls) == 2:
            raise OSError(28, "No space left on device", str(src))
        return real_replace(src, dst)

    monkeypatch.setattr(stkit.fix.os, "replace", fail_on_the_second)
    code, out, err = run_cli(["check", "--root", str(mini), "--fix"], capsys)
    assert code == 1 and "Traceback" not in out + err
    assert "no file was changed" in err
    assert snapshot(mini) == before
    assert sorted(p.name for p in (mini / "standard").iterdir()) == STANDARD_FILES
