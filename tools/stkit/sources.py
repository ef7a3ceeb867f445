"""Scan the MyST sources of the standard into the model, line by line.

This is deliberately not a Markdown parser: the checker and the change reports need to know
where things are *written* (file, line, column), fast, and they need only the conventions of
docs/authoring.md: numbered paragraphs, labels, the {requirement} directive, roles, the
glossary, the toctree, fences. The Sphinx build parses the same files with MyST proper.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import PurePosixPath

from .model import Citation, Loc, Paragraph, Placement, ProseLine, SourceFile, Term

ROMAN = re.compile(r"^(?=[IVXLC])(C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})$")
_FENCE = re.compile(r"^(?P<indent> {0,3})(?P<fence>`{3,}|~{3,})\s*(?P<info>.*)$")
_DIRECTIVE = re.compile(r"^\{(?P<name>[A-Za-z][\w:-]*)\}\s*(?P<arg>.*)$")
_PARA = re.compile(r"^(?P<num>\d{1,5})\.(?P<space>[ \t]+)(?P<text>\S.*)$")
_LABEL = re.compile(r"^\((?P<label>[A-Za-z0-9_][A-Za-z0-9_.:-]*)\)=\s*$")
_HEADING = re.compile(r"^(?P<hashes>#{1,6})\s+(?P<title>.+?)\s*#*\s*$")
ROLE = re.compile(r"\{(?P<role>[a-z][\w:-]*)\}`(?P<target>[^`]*)`")
_TICKS = re.compile(r"`+")
_ROLE_BEFORE = re.compile(r"\{(?P<role>[a-z][\w:-]*)\}\Z")
# Inline code spans and roles are found by `code_spans`, in one pass: a backtick run opens a
# span closed by the next run of the same length (CommonMark), a role when `{name}` stands
# right before it. (Regular expressions for this backtracked: a line of 2,000 backticks took
# minutes.)
# A tag, a comment, or a tag whose attributes run on to the next line (`<div` at the end).
_HTML = re.compile(r"<(?:!--|/?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>|[A-Za-z][A-Za-z0-9-]*(?=\s*$))")
# Links, images, directives' files and options, front matter: judged from markdown-it's tokens
# (guard/markdown.py, which holds the one list of unsafe link schemes), as the build sees them.
KEYWORD = re.compile(r"\b(shall|should|may|must)\b", re.IGNORECASE)

# Directives whose content is prose that the accidental-keyword rule reads.
PROSE_DIRECTIVES = {"note", "admonition", "important", "tip", "hint", "attention", "caution",
                    "warning", "seealso", "topic", "sidebar", "rubric", "list-table", "table"}
# Directives whose content holds fences of its own (nested MyST).
NESTING_DIRECTIVES = PROSE_DIRECTIVES | {"template", "editor-note", "glossary", "example"}
# Directives whose text is not the standard's own informative prose: the accidental-keyword
# rule reads neither them nor any directive nested in them.
QUIET_DIRECTIVES = {"template", "editor-note", "glossary"}


@dataclass
class _Open:
    """A fence or directive opened and not yet closed, while a source is scanned."""

    char: str
    count: int
    name: str | None  # directive name, None for a code fence
    line: int
    col: int
    options_done: bool = False
    quiet: bool = False  # inside a {template}, {editor-note} or {glossary}


def scan(path: str, text: str) -> SourceFile:
    """Scan one MyST file. `path` is relative to the project root (standard/foo.md)."""
    docname = PurePosixPath(path).relative_to("standard").with_suffix("").as_posix() \
        if path.startswith("standard/") else PurePosixPath(path).stem
    sf = SourceFile(path=path, docname=docname, text=text)
    lines = text.split("\n")
    start = _front_matter(sf, lines)
    stack: list[_Open] = []
    prev_blank = True
    pending_label: str | None = None
    para: Paragraph | None = None
    para_lines: list[str] = []

    def close_para() -> None:
        nonlocal para, para_lines
        if para is not None:
            para.text = "\n".join(para_lines).strip()
            sf.paragraphs.append(para)
        para, para_lines = None, []

    for index in range(start, len(lines)):
        raw = lines[index]
        lineno = index + 1
        line = raw.rstrip("\r")
        stripped = line.strip()
        top = stack[-1] if stack else None

        # Inside a literal code fence: only its closing fence matters.
        if top is not None and top.name is None:
            if _closes(line, top):
                stack.pop()
            continue

        fence = _FENCE.match(line)
        if fence and top is not None and _closes(line, top):
            stack.pop()
            prev_blank = True
            continue
        if fence and (top is None or top.name in NESTING_DIRECTIVES):
            close_para()
            info = fence.group("info")
            directive = _DIRECTIVE.match(info)
            name = directive.group("name") if directive else None
            col = len(fence.group("indent")) + 1
            quiet = top is not None and (top.quiet or top.name in QUIET_DIRECTIVES)
            opened = _Open(fence.group("fence")[0], len(fence.group("fence")), name, lineno, col,
                           quiet=quiet)
            stack.append(opened)
            if directive:
                _directive_opened(sf, name, directive.group("arg").strip(), Loc(path, lineno, col))
            pending_label = None
            prev_blank = True
            continue

        if top is not None:
            _directive_line(sf, top, line, lineno)
            continue

        # --- top level ---------------------------------------------------------------------
        if not stripped:
            prev_blank = True
            if para is not None:
                para_lines.append("")
            continue
        if stripped.startswith("%"):  # a MyST comment
            continue
        if para is not None:
            if prev_blank and not line.startswith(("   ", "\t")):
                close_para()
            else:
                para_lines.append(line.strip())
                _prose(sf, line, lineno)
                prev_blank = False
                continue
        label = _LABEL.match(line)
        if label:
            pending_label = label.group("label")
            prev_blank = True  # a target line does not interrupt what follows
            continue
        match = _PARA.match(line)
        if match and prev_blank:
            para = Paragraph(number=int(match.group("num")), text="", annex=sf.annex,
                             loc=Loc(path, lineno, 1), label=pending_label)
            para_lines = [match.group("text")]
            pending_label = None
            _prose(sf, line, lineno)
            prev_blank = False
            continue
        pending_label = None
        heading = _HEADING.match(line)
        if heading and sf.title is None and len(heading.group("hashes")) == 1:
            sf.title = heading.group("title")
        _prose(sf, line, lineno)
        prev_blank = False

    close_para()
    for opened in stack:
        what = f"directive {{{opened.name}}}" if opened.name else "code fence"
        fence = opened.char * opened.count if opened.count <= 12 else \
            f"{opened.char * 3}... ({opened.count} characters)"
        sf.problems.append(("SRC007", Loc(path, opened.line, opened.col),
                            f"{what} opened with {fence} is never closed"))
    return sf


def _closes(line: str, opened: _Open) -> bool:
    s = line.strip()
    return (len(line) - len(line.lstrip(" ")) <= 3 and s and set(s) == {opened.char}
            and len(s) >= opened.count)


def _front_matter(sf: SourceFile, lines: list[str]) -> int:
    """Read `annex:` from YAML front matter; return the index of the first body line."""
    if not lines or lines[0].strip() != "---":
        return 0
    for end in range(1, len(lines)):
        if lines[end].strip() == "---":
            break
    else:
        sf.problems.append(("SRC006", Loc(sf.path, 1, 1), "front matter opened with --- is never closed"))
        return 0
    for i in range(1, end):
        key, _, value = lines[i].partition(":")
        if key.strip() == "annex":
            value = value.strip().strip("'\"")
            if not ROMAN.match(value):
                sf.problems.append(("SRC006", Loc(sf.path, i + 1, len(key) + 3),
                                    f"annex: '{value}' is not a Roman numeral such as I, II, IV"))
            else:
                sf.annex = value
    return end + 1


def _directive_opened(sf: SourceFile, name: str, arg: str, loc: Loc) -> None:
    sf.directives.append(Citation("directive", name, loc))
    if name == "requirement":
        sf.placements.append(Placement(arg, loc))


def _directive_line(sf: SourceFile, top: _Open, line: str, lineno: int) -> None:
    name = top.name
    stripped = line.strip()
    if not top.options_done:
        if stripped.startswith(":") and stripped.count(":") >= 2:
            return
        top.options_done = True
    if name == "requirement":
        if stripped:
            sf.problems.append(("REQ007", Loc(sf.path, lineno, 1),
                                "the {requirement} directive takes no content; the statement comes "
                                "from the registry"))
        return
    if name == "toctree":
        if stripped and not stripped.startswith(":"):
            entry = stripped
            m = re.match(r"^.*<(?P<doc>[^>]+)>$", entry)
            sf.toctree.append(m.group("doc") if m else entry)
        return
    if name == "glossary":
        if stripped and not line.startswith((" ", "\t")):
            sf.terms.append(Term(stripped, Loc(sf.path, lineno, 1)))
        elif stripped:
            _roles_only(sf, line, lineno)
        _safety(sf, line, lineno)  # definitions are published like any text
        return
    if name in ("template", "editor-note") or (top.quiet and name in PROSE_DIRECTIVES):
        _roles_only(sf, line, lineno)
        _safety(sf, line, lineno)
        return
    if name in PROSE_DIRECTIVES:
        _prose(sf, line, lineno)
        return
    # Other directives (generated tables, figures ...): their content is not prose.
    _safety(sf, line, lineno)


def _prose(sf: SourceFile, line: str, lineno: int) -> None:
    _roles_only(sf, line, lineno)
    _safety(sf, line, lineno)
    sf.prose.append(ProseLine(line, Loc(sf.path, lineno, 1)))


@functools.lru_cache(maxsize=16384)
def code_spans(line: str) -> tuple[tuple[int, int, int, str | None], ...]:
    """(start, end, length of the backtick run, role name or None) of each inline code span or
    role of `line`, left to right; `start` is the role's `{` for a role. Linear in the line.
    Kept for the last lines asked: the scan of a source and the rules after it ask for the
    same lines."""
    if "`" not in line:
        return ()
    runs = [(m.start(), m.end()) for m in _TICKS.finditer(line)]
    by_length: dict[int, list[int]] = {}
    for index, (start, end) in enumerate(runs):
        by_length.setdefault(end - start, []).append(index)
    cursor = {length: 0 for length in by_length}  # next candidate closer of each length
    spans = []
    index = 0
    while index < len(runs):
        start, end = runs[index]
        length = end - start
        candidates, at = by_length[length], cursor[length]
        while at < len(candidates) and candidates[at] <= index:
            at += 1
        cursor[length] = at
        if at == len(candidates):
            index += 1  # no closer: the run is literal backticks
            continue
        closer = candidates[at]
        role = _ROLE_BEFORE.search(line, max(0, start - 64), start)
        spans.append((role.start() if role else start, runs[closer][1], length,
                      role.group("role") if role else None))
        index = closer + 1
    return tuple(spans)


def blank_code(line: str) -> str:
    """`line` with its inline code spans blanked (same length, so columns stay right)."""
    spans = code_spans(line)
    if not spans:
        return line
    out, last = [], 0
    for start, end, length, role in spans:
        begin = start if role is None else line.index("`", start)
        out += [line[last:begin], " " * (end - begin)]
        last = end
    out.append(line[last:])
    return "".join(out)


def _roles_only(sf: SourceFile, line: str, lineno: int) -> None:
    if "{" not in line:
        return
    for start, end, length, role in code_spans(line):  # a role inside inline code is a mention
        if role:
            body = line[line.index("`", start) + length: end - length]
            sf.citations.append(Citation(role, body.strip(), Loc(sf.path, lineno, start + 1)))


def _safety(sf: SourceFile, line: str, lineno: int) -> None:
    if "<" not in line:
        return
    bare = blank_code(line)
    for m in _HTML.finditer(bare):
        sf.problems.append(("SRC003", Loc(sf.path, lineno, m.start() + 1),
                            f"raw HTML {m.group(0)[:30]!r} is not allowed; use MyST syntax "
                            "(a comment is a line starting with %)"))
        break


# Addresses (a link's destination, an autolink, a bare URL) and the month "May" next to a
# number ("1 May 2026", "May 2026") hold a keyword's letters without being prose.
# Each alternative stops at the next opener, or starts only where a run begins: linear.
_NOT_WORDS = re.compile(r"\]\((?:[^()\]]|\([^()\]]*\))*\)|<[A-Za-z][A-Za-z0-9+.-]*:[^<>\s]*>"
                        r"|(?<![A-Za-z0-9+.-])[A-Za-z][A-Za-z0-9+.-]*://\S+"
                        r"|^\s*\[[^\]]+\]:\s*\S+|(?<=\d )May\b|\bMay(?= \d)")


# What each blanking needs in a line to match at all: a line without it is left as it is
# without running the expression (most lines of prose hold none of them).
_NOT_WORDS_NEEDS = ("](", "<", "://", "]:", "May")
_QUOTED_MENTION = re.compile(r"([\"“'‘])(shall|should|may|must)([\"”'’])", re.IGNORECASE)


def _blanked(m: re.Match) -> str:
    return " " * len(m.group(0))


def strip_for_keywords(line: str) -> str:
    """Prose with inline code, roles, addresses and dates blanked out (same length, so
    columns stay right)."""
    line = blank_code(line)
    if "`" in line:
        line = ROLE.sub(_blanked, line)
    if any(needed in line for needed in _NOT_WORDS_NEEDS):
        line = _NOT_WORDS.sub(_blanked, line)
    if "\"" in line or "'" in line or "“" in line or "‘" in line:  # quoted mentions: "shall" or 'may'
        line = _QUOTED_MENTION.sub(_blanked, line)
    return line
