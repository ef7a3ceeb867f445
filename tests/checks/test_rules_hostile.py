"""Hostile sources: whatever would read a file outside the repository, load something from the
network, or put markup past the checker is refused by `stkit check` at its file, line and
column, before anything is read; and the contents of a refused file never appear in a
message. (The build's side is tests/sphinx/test_hostile_files.py.)"""

from __future__ import annotations

import os

import pytest
from conftest import findings, line_of, problems, run_cli
from rulehelp import GENERAL, INDEX, REQUIREMENTS, append, col_of, of, one, where

SECRET = "TOPSECRET-OUTSIDE"


@pytest.fixture
def outside(mini):
    """A folder beside the repository holding files an attacker wants published."""
    folder = mini.parent / "outside"
    folder.mkdir()
    for name in ("secret.md", "secret.csv", "secret.gif", "secret.txt"):
        (folder / name).write_text(f"{SECRET}\n", encoding="utf-8")
    return folder


def no_secret_in_output(root, capsys):
    code, out, err = run_cli(["check", "--root", str(root)], capsys)
    assert code == 1
    assert "Traceback" not in out + err
    assert SECRET not in out + err
    return out


# --- SRC005: a directive, role, image or link that reads a file ------------------------------

@pytest.mark.parametrize("text,needle,message", [
    ("```{csv-table} T\n:file: ../../outside/secret.csv\n```", ":file:",
     "the :file: option of {csv-table} of '../../outside/secret.csv' reaches outside the repository"),
    ("```{csv-table} T\n---\nfile: ../../outside/secret.csv\n---\n```", "file:",
     "the :file: option of {csv-table} of '../../outside/secret.csv' reaches outside the repository"),
    ("```{image} ../../outside/secret.gif\n```", "```{image}",
     "{image} of '../../outside/secret.gif' reaches outside the repository"),
    ("```{figure} /../../outside/secret.gif\nA caption.\n```", "```{figure}",
     "{figure} of '/../../outside/secret.gif' reaches outside the repository"),
    ("See ![a picture](../../outside/secret.gif) here.", "../../outside",
     "an image of '../../outside/secret.gif' reaches outside the repository"),
    ("Get {download}`the file <../../outside/secret.txt>` here.", "{download}",
     "{download} of '../../outside/secret.txt' reaches outside the repository"),
    ("See [the file](../../outside/secret.txt) here.", "../../outside",
     "a link of '../../outside/secret.txt' reaches outside the repository"),
    ("```{include} <isonum.txt>\n```", "```{include}",
     "{include} of '<isonum.txt>' reaches outside the repository (a file of docutils)"),
    ("```{note}\n```{literalinclude} ../../outside/secret.txt\n```\n```", "```{literalinclude}",
     "{literalinclude} of '../../outside/secret.txt' reaches outside the repository"),
], ids=["csv-file", "csv-file-yaml", "image", "figure-rooted", "md-image", "download", "link",
        "docutils-include", "nested-literalinclude"])
def test_a_file_outside_the_repository_is_refused_where_it_is_named(mini, outside, capsys, text,
                                                                    needle, message):
    path = mini / REQUIREMENTS
    append(path, f"\n{text}\n")
    line = line_of(path, needle)
    d = one(mini, "SRC005")
    assert where(d) == ("SRC005", REQUIREMENTS, line, col_of(path, line, needle))
    assert d.message == message
    no_secret_in_output(mini, capsys)


@pytest.mark.parametrize("kind", ["link-out", "dev-zero", "fifo", "folder"])
def test_a_file_inside_that_is_not_a_regular_file_of_the_repository_is_refused(mini, outside, capsys, kind):
    target = mini / "standard" / "data.csv"
    if kind == "link-out":
        os.symlink(outside / "secret.csv", target)
        reason = "is a symbolic link to a file outside the repository"
    elif kind == "dev-zero":
        os.symlink("/dev/zero", target)
        reason = "is a symbolic link to a file outside the repository"
    elif kind == "fifo":
        os.mkfifo(target)
        reason = "is not a regular file (a FIFO)"
    else:
        target.mkdir()
        reason = "is a folder, not a file"
    path = mini / REQUIREMENTS
    append(path, "\n```{csv-table} T\n:file: data.csv\n```\n")
    line = line_of(path, ":file: data.csv")
    d = one(mini, "SRC005")
    assert where(d) == ("SRC005", REQUIREMENTS, line, 1)
    assert d.message == f"the :file: option of {{csv-table}} of 'data.csv' {reason}"
    no_secret_in_output(mini, capsys)


def test_a_link_inside_the_repository_to_a_file_inside_is_allowed(mini):
    (mini / "standard" / "data.csv").write_text("a,b\n", encoding="utf-8")
    os.symlink("data.csv", mini / "standard" / "alias.csv")
    append(mini / REQUIREMENTS, "\n```{csv-table} T\n:file: alias.csv\n```\n\nSee [the index](index.md) "
           "and [the folder](../standard/).\n")
    assert of(mini, "SRC005") == []


# --- SRC008: a source that is a link out of the repository, or not a regular file -------------

@pytest.mark.parametrize("kind,reason", [
    ("link-out", "is a symbolic link to a file outside the repository"),
    ("dev-zero", "is a symbolic link to a file outside the repository"),
    ("fifo", "is not a regular file (a FIFO)"),
    ("loop", "cannot be resolved (Too many levels of symbolic links)"),
    ("dangling", "is a symbolic link to a file that does not exist"),
])
def test_a_listed_source_that_may_not_be_read_is_refused_at_its_toctree_entry(mini, outside, capsys,
                                                                              kind, reason):
    source = mini / "standard" / "03-extra.md"
    if kind == "link-out":
        os.symlink(outside / "secret.md", source)
    elif kind == "dev-zero":
        os.symlink("/dev/zero", source)  # reading it would never end
    elif kind == "loop":
        os.symlink("03-extra.md", source)
    elif kind == "dangling":
        os.symlink("nowhere.md", source)
    else:
        os.mkfifo(source)  # opening it would block
    index = mini / INDEX
    index.write_text(index.read_text(encoding="utf-8").replace("02-requirements\n",
                                                                "02-requirements\n03-extra\n"),
                     encoding="utf-8")
    d = one(mini, "SRC008")
    assert where(d) == ("SRC008", INDEX, line_of(index, "03-extra"), 1)
    assert d.message.startswith(f"'standard/03-extra.md' {reason}")
    no_secret_in_output(mini, capsys)


def test_an_orphan_link_out_of_the_repository_is_refused_at_the_file(mini, outside, capsys):
    os.symlink(outside / "secret.md", mini / "standard" / "99-linked.md")
    d = one(mini, "SRC008")
    assert where(d) == ("SRC008", "standard/99-linked.md", 1, 1)
    assert of(mini, "SRC002") == []  # one problem, one finding
    no_secret_in_output(mini, capsys)


def test_the_registry_as_a_link_to_dev_zero_is_refused(mini, capsys):
    (mini / "requirements_registry.yaml").unlink()
    os.symlink("/dev/zero", mini / "requirements_registry.yaml")
    d = one(mini, "REG005")
    assert where(d) == ("REG005", "requirements_registry.yaml", 1, 1)
    assert d.message.startswith("is a symbolic link to a file outside the repository")
    code, out, err = run_cli(["check", "--root", str(mini)], capsys)
    assert code == 1 and "Traceback" not in out + err


def test_a_toctree_entry_that_climbs_out_is_refused(mini, outside):
    index = mini / INDEX
    index.write_text(index.read_text(encoding="utf-8").replace(
        "02-requirements\n", "02-requirements\n../../outside/secret\n"), encoding="utf-8")
    d = one(mini, "SRC008")
    assert where(d) == ("SRC008", INDEX, line_of(index, "../../outside/secret"), 1)
    assert "reaches outside the repository" in d.message


# --- SRC009: control characters -------------------------------------------------------------

@pytest.mark.parametrize("char,name", [("\0", "NUL"), ("\x1b", "U+001B"), ("\u202e", "U+202E")],
                         ids=["nul", "escape", "bidi-override"])
def test_a_control_character_is_reported_at_its_place(mini, char, name):
    path = mini / GENERAL
    text = path.read_text(encoding="utf-8").replace("It uses each convention", f"It uses{char} each convention")
    path.write_text(text, encoding="utf-8")
    line = line_of(path, "It uses")
    d = one(mini, "SRC009")
    assert where(d) == ("SRC009", GENERAL, line, col_of(path, line, char))
    assert d.message == f"control character {name} in the text; remove it"


# --- SRC010: directives that bypass the checker ----------------------------------------------

@pytest.mark.parametrize("text,name", [
    ("```{raw} html\n<script>alert(1)</script>\n```", "raw"),
    ("```{raw} html\n:file: ../../outside/secret.txt\n```", "raw"),
    ("```{eval-rst}\n.. include:: ../../outside/secret.md\n```", "eval-rst"),
    ("```{meta}\n:http-equiv=refresh: 0; url=https://example.org/\n```", "meta"),
    ("```{role} raw-html(raw)\n:format: html\n```", "role"),
    ("```{note}\n```{raw} html\n<b>x</b>\n```\n```", "raw"),
], ids=["raw", "raw-file", "eval-rst", "meta-refresh", "role", "nested-raw"])
def test_a_directive_that_bypasses_the_checker_is_refused(mini, outside, capsys, text, name):
    path = mini / REQUIREMENTS
    append(path, f"\n{text}\n")
    line = line_of(path, f"{{{name}}}")
    d = one(mini, "SRC010")
    assert where(d) == ("SRC010", REQUIREMENTS, line, col_of(path, line, "```"))
    assert d.message.startswith(f"{{{name}}} is not allowed: it ")
    no_secret_in_output(mini, capsys)


def test_directives_nested_too_deep_are_refused(mini):
    depth = 25
    opening = "".join("`" * (3 + depth - i) + "{note}\n" for i in range(depth))
    closing = "".join("`" * (3 + i + 1) + "\n" for i in range(depth))
    append(mini / REQUIREMENTS, f"\n{opening}Deep.\n{closing}")
    d = one(mini, "SRC010")
    assert d.message.startswith("directives are nested more than 20 deep")


# --- SRC011: math ---------------------------------------------------------------------------

def test_math_role_and_directive_are_refused(mini):
    path = mini / REQUIREMENTS
    append(path, "\nThe area is {math}`\\pi r^2` here.\n\n```{math}\nE = mc^2\n```\n")
    found = sorted(where(d) for d in of(mini, "SRC011"))
    line = line_of(path, "{math}`")
    assert found == [("SRC011", REQUIREMENTS, line, col_of(path, line, "{math}")),
                     ("SRC011", REQUIREMENTS, line_of(path, "```{math}"), 1)]


# --- SRC012: the network --------------------------------------------------------------------

@pytest.mark.parametrize("text,needle", [
    ("```{csv-table} T\n:url: https://example.org/data.csv\n```", ":url:"),
    ("```{csv-table} T\n:url: file:///etc/passwd\n```", ":url:"),
    ("![tracker](https://tracker.example/pixel.gif)", "https://tracker"),
    ("```{image} https://tracker.example/pixel.gif\n```", "```{image}"),
], ids=["url", "url-file", "md-image", "image"])
def test_content_from_the_network_is_refused(mini, text, needle):
    path = mini / REQUIREMENTS
    append(path, f"\n{text}\n")
    line = line_of(path, needle)
    d = one(mini, "SRC012")
    col = 1 if needle.startswith((":", "`")) else col_of(path, line, needle)
    assert where(d) == ("SRC012", REQUIREMENTS, line, col)
    assert "passwd" not in d.message or "file:///etc/passwd" in d.message


# --- SRC006: front matter only as the project defines it ---------------------------------------

@pytest.mark.parametrize("front,key,line", [
    ("html_meta:\n  http-equiv=refresh: 0; url=https://example.org/\n", "html_meta", 2),
    ("annex: I\nmyst:\n  enable_extensions: [dollarmath]\n", "myst", 3),
    ("substitutions:\n  x: y\n", "substitutions", 2),
    ("orphan: true\n", "orphan", 2),
], ids=["html-meta", "myst", "substitutions", "orphan"])
def test_front_matter_keys_the_project_does_not_define_are_refused(mini, front, key, line):
    path = mini / REQUIREMENTS
    path.write_text(f"---\n{front}---\n" + path.read_text(encoding="utf-8"), encoding="utf-8")
    found = [d for d in of(mini, "SRC006")]
    assert [where(d) for d in found] == [("SRC006", REQUIREMENTS, line, 1)]
    assert found[0].message.startswith(f"front matter key '{key}' is not one the project defines")


def test_front_matter_that_is_not_yaml_is_located(mini):
    path = mini / REQUIREMENTS
    path.write_text('---\nnotes: "never closed\n---\n' + path.read_text(encoding="utf-8"), encoding="utf-8")
    d = one(mini, "SRC006")
    assert (d.code, d.path, d.line) == ("SRC006", REQUIREMENTS, 2)
    assert d.message.startswith("front matter: YAML syntax error")


# --- SRC004: the scheme as markdown-it sees it --------------------------------------------------

@pytest.mark.parametrize("text,needle", [
    ("See [x](&#106;avascript:alert(1)).", "&#106;avascript"),
    ("See [x](javascript\\:alert(1)).", "javascript\\:"),
    ("See [x](&#74;ava&#83;cript:alert(1)).", "&#74;ava"),
    ("See [x](&#x4A;AVASCRIPT&colon;alert(1)).", "&#x4A;"),
    ("See [x][ref].\n\n[ref]: &#118;bscript:msgbox", "&#118;bscript"),
    ("```{note}\nSee [x](&#106;avascript:alert(1)).\n```", "&#106;avascript"),
    ("```{image} x.gif\n:target: javascript:alert(1)\n```", ":target:"),
], ids=["decimal-entity", "backslash", "mixed-case-entities", "hex-and-named", "reference", "in-a-note",
        "image-target"])
def test_an_obfuscated_scheme_is_judged_after_unescaping(mini, text, needle):
    # What markdown-it would make inert by percent-encoding (`java&#x09;script:` becomes
    # `java%09script:`, a relative address) is not a scheme, here as in the parser.
    (mini / "standard" / "x.gif").write_bytes(b"GIF89a")
    path = mini / REQUIREMENTS
    append(path, f"\n{text}\n")
    line = line_of(path, needle)
    d = one(mini, "SRC004")
    col = 1 if needle == ":target:" else col_of(path, line, needle)
    assert where(d) == ("SRC004", REQUIREMENTS, line, col)


def test_two_bad_links_on_one_line_are_two_findings(mini):
    path = mini / REQUIREMENTS
    append(path, "\nSee [a](javascript:a()) and [b](&#106;avascript:b()).\n")
    line = line_of(path, "See [a]")
    assert sorted(where(d) for d in of(mini, "SRC004")) == [
        ("SRC004", REQUIREMENTS, line, col_of(path, line, "javascript:a")),
        ("SRC004", REQUIREMENTS, line, col_of(path, line, "&#106;"))]


def test_the_real_fixture_has_none_of_these(mini):
    assert [p for p in problems(mini) if p[0] in ("SRC004", "SRC005", "SRC006", "SRC008", "SRC009",
                                                  "SRC010", "SRC011", "SRC012")] == []
    assert findings(mini) is not None


def test_a_second_file_read_by_an_option_is_refused(mini, outside):
    (mini / "standard" / "a.txt").write_text("a\n", encoding="utf-8")
    path = mini / REQUIREMENTS
    append(path, "\n```{literalinclude} a.txt\n:diff: ../../outside/secret.txt\n```\n")
    d = one(mini, "SRC005")
    assert where(d) == ("SRC005", REQUIREMENTS, line_of(path, ":diff:"), 1)
    assert d.message == ("the :diff: option of {literalinclude} of '../../outside/secret.txt' reaches "
                         "outside the repository")


def test_an_include_read_by_another_parser_is_refused(mini):
    (mini / "standard" / "part.rst").write_text("Text.\n", encoding="utf-8")
    path = mini / REQUIREMENTS
    append(path, "\n```{include} part.rst\n:parser: rst\n```\n")
    d = one(mini, "SRC010")
    assert where(d) == ("SRC010", REQUIREMENTS, line_of(path, ":parser:"), 1)


def test_an_unsafe_link_in_a_glossary_definition_is_found(mini):
    path = mini / GENERAL
    text = path.read_text(encoding="utf-8").replace(
        "An office that makes data available.", "An office that makes [data](&#106;avascript:x()) available.")
    path.write_text(text, encoding="utf-8")
    line = line_of(path, "&#106;avascript")
    assert where(one(mini, "SRC004")) == ("SRC004", GENERAL, line, col_of(path, line, "&#106;"))


def test_a_hostile_name_cannot_drive_the_terminal(mini, outside, capsys):
    path = mini / REQUIREMENTS
    append(path, "\n```{image} ../../outside/\x1b[2J\x1b[31mred.gif\n```\n")
    code, out, err = run_cli(["check", "--root", str(mini)], capsys)
    assert code == 1
    assert "\x1b" not in out + err
    assert "{image} of '../../outside/\\x1b[2J\\x1b[31mred.gif' reaches outside the repository" in out


def test_an_image_pattern_that_matches_a_link_out_is_refused(mini, outside):
    os.symlink(outside / "secret.gif", mini / "standard" / "pic.gif")
    (mini / "standard" / "pic.png").write_bytes(b"\x89PNG")
    path = mini / REQUIREMENTS
    append(path, "\n```{image} pic.*\n```\n")
    d = one(mini, "SRC005")
    assert where(d) == ("SRC005", REQUIREMENTS, line_of(path, "{image} pic.*"), 1)
    assert d.message == ("{image} of 'pic.*' matches 'pic.gif', which is a symbolic link to a file "
                         "outside the repository")


@pytest.mark.parametrize("entry", ["Evil <javascript://%0Aalert(1)>", "javascript://%0Aalert(1)"])
def test_a_toctree_entry_with_a_javascript_address_is_refused(mini, entry):
    index = mini / INDEX
    index.write_text(index.read_text(encoding="utf-8").replace(
        "02-requirements\n", f"02-requirements\n{entry}\n"), encoding="utf-8")
    line = line_of(index, entry)
    d = one(mini, "SRC004")
    assert where(d) == ("SRC004", INDEX, line, col_of(index, line, "javascript:"))
    assert of(mini, "SRC001") == []


def test_an_alias_bomb_in_directive_options_is_refused(mini):
    bomb = "\n".join(["a: &a [x, x, x, x, x, x, x, x, x]"]
                     + [f"{chr(98 + i)}: &{chr(98 + i)} [" + ", ".join([f"*{chr(97 + i)}"] * 9) + "]"
                        for i in range(8)])
    path = mini / REQUIREMENTS
    append(path, f"\n```{{note}}\n---\n{bomb}\n---\nText.\n```\n")
    d = one(mini, "SRC010")
    assert (d.code, d.path) == ("SRC010", REQUIREMENTS)
    assert line_of(path, "```{note}") < d.line <= line_of(path, "Text.")
    assert d.message.startswith("the options of {note} are refused: ")
