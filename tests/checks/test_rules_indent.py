"""SRC013: a block indented short of its numbered paragraph's text ("    (a)" under "124. ")
is read by markdown-it as an indented code block, not as part of the paragraph; the checker
reports it where the block starts, and `stkit check --fix` moves it under the paragraph."""

from __future__ import annotations

from conftest import problems, run_cli
from rulehelp import REQUIREMENTS, append, of, one, where

from stkit.guard.markdown import needs_tokens

LETTERED = "\n100. The statement gives:\n\n    (a) the role of the office;\n\n    (b) the level it claims.\n"


def message(indent: int, number: int, width: int) -> str:
    return (f"indented {indent} spaces, but paragraph {number}'s text starts at column {width + 1}: "
            f"this becomes a code block; indent it by {width} spaces")


def test_lettered_items_four_spaces_under_a_three_digit_paragraph(mini):
    path = mini / REQUIREMENTS
    first = len(path.read_text(encoding="utf-8").split("\n")) + 3  # the line of "    (a)"
    append(path, LETTERED)
    d = one(mini, "SRC013")  # (a) and (b), with the blank line between, are one code block
    assert where(d) == ("SRC013", REQUIREMENTS, first, 5)
    assert d.severity == "error"
    assert d.message == message(4, 100, 5)


def test_a_tab_counts_as_four_columns(mini):
    path = mini / REQUIREMENTS
    first = len(path.read_text(encoding="utf-8").split("\n")) + 3
    append(path, "\n100. The statement gives:\n\n\t(a) the role of the office.\n")
    d = one(mini, "SRC013")
    assert where(d) == ("SRC013", REQUIREMENTS, first, 2)
    assert d.message == message(4, 100, 5)


def test_two_spaces_after_the_number_widen_the_paragraph(mini):
    path = mini / REQUIREMENTS
    first = len(path.read_text(encoding="utf-8").split("\n")) + 3
    append(path, "\n6.   The statement gives:\n\n    (a) the role of the office.\n")
    assert where(one(mini, "SRC013")) == ("SRC013", REQUIREMENTS, first, 5)
    assert one(mini, "SRC013").message == message(4, 6, 5)


def test_inside_a_directive_the_line_is_the_file_line(mini):
    path = mini / REQUIREMENTS
    first = len(path.read_text(encoding="utf-8").split("\n")) + 4
    append(path, "\n```{note}\n100. The statement gives:\n\n    (a) the role of the office.\n```\n")
    assert where(one(mini, "SRC013")) == ("SRC013", REQUIREMENTS, first, 5)


def test_what_is_not_reported(mini):
    append(mini / REQUIREMENTS,
           # 4 spaces under a one-digit paragraph: its text starts at column 4, a continuation
           "\n6. The statement gives:\n\n    (a) the role of the office.\n"
           # 5 spaces under a three-digit paragraph
           "\n100. The statement gives:\n\n     (a) the role of the office.\n"
           # code meant as code inside the paragraph (indented past its text by 4 more)
           "\n101. An example:\n\n         record: 1\n"
           # fenced code, and indented code that follows no numbered paragraph
           "\n102. An example:\n\n```\n    (a) as written\n```\n\nText.\n\n    literal\n")
    assert of(mini, "SRC013") == []


def test_only_texts_that_can_hold_such_a_block_are_parsed():
    # The token pass is skipped for a text with nothing to judge: indented continuations that
    # reach their paragraph's text do not make it parse (they are common in the standard).
    assert not needs_tokens("12. Text:\n\n    (a) item;\n\n124. Text:\n\n     (a) item.\n")
    assert needs_tokens("124. Text:\n\n    (a) item.\n")
    assert needs_tokens("99. Text:\n\n    (a) item.\n\n100. Text:\n\n    (a) item.\n")
    assert needs_tokens("124. Text:\n\n\t(a) item.\n")


def test_fix_moves_the_block_under_its_paragraph(mini, capsys):
    # Three spaces after "6." put the paragraph's text at column 6; the numbering is right.
    path = mini / REQUIREMENTS
    append(path, "\n6.   The statement gives:\n\n    (a) the role of the office;\n\n"
           "    (b) the level it claims:\n\n        level: 2\n")
    assert len(of(mini, "SRC013")) == 1
    code, out, err = run_cli(["check", "--root", str(mini), "--fix"], capsys)
    assert code == 0, out
    assert err.splitlines() == [f"fixed: {REQUIREMENTS}"]
    assert path.read_text(encoding="utf-8").endswith(
        "\n6.   The statement gives:\n\n     (a) the role of the office;\n\n"
        "     (b) the level it claims:\n\n         level: 2\n")  # relative indentation kept
    assert problems(mini) == []


def test_fix_renumbering_100_to_6_needs_no_reindent(mini, capsys):
    path = mini / REQUIREMENTS
    append(path, LETTERED)
    code, out, err = run_cli(["check", "--root", str(mini), "--fix"], capsys)
    assert code == 0, out
    assert path.read_text(encoding="utf-8").endswith(
        "\n6. The statement gives:\n\n    (a) the role of the office;\n\n    (b) the level it claims.\n")
    assert problems(mini) == []


def test_fix_reindents_what_renumbering_past_99_would_break(mini, capsys):
    # Paragraphs 6 to 99, the last with items 4 spaces in (right under "99. "); a new
    # paragraph 6 is inserted, so the last becomes 100 and its items would become code.
    path = mini / REQUIREMENTS
    body = "".join(f"\n{n}. Paragraph {n}.\n" for n in range(6, 99))
    append(path, "\n6. A new paragraph.\n" + body + "\n99. The statement gives:\n\n    (a) the role;\n\n"
           "    (b) the level.\n")
    assert of(mini, "SRC013") == []
    code, out, err = run_cli(["check", "--root", str(mini), "--fix"], capsys)
    assert code == 0, out
    assert err.splitlines() == [f"fixed: {REQUIREMENTS}"]
    assert path.read_text(encoding="utf-8").endswith(
        "\n100. The statement gives:\n\n     (a) the role;\n\n     (b) the level.\n")
    assert problems(mini) == []
