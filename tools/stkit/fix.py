"""`stkit check --fix`: renumber paragraphs, rewrite numeric paragraph references, and indent
a block that falls short of its numbered paragraph's text (SRC013) by the number's width.

All or nothing: every changed file is first written to a temporary file beside it; only when
all of them are written are they renamed over the originals, and if a rename fails the ones
already renamed are put back. A fix never runs on a partial picture: while a source cannot be
read (or a fence is left open, hiding the paragraphs after it), `refusal` says why and nothing
is written.
"""

from __future__ import annotations

import os
import re
import shutil
import stat
import tempfile
from collections import Counter
from pathlib import Path

from .checks.numbering import sequences
from .guard.markdown import judge_text
from .project import Project

_NUMERIC_PARA_REF = re.compile(r"\{para\}`(?P<num>\d+)`")


def renumber(project: Project, root: Path) -> list[str]:
    """Renumber every sequence, and re-indent the blocks SRC013 finds (after renumbering, which
    can widen a number: 99 -> 100); returns the paths of the files changed."""
    edits: dict[str, dict[int, int]] = {}  # path -> {line: new number}
    body_map: dict[int, int] = {}
    for seq_index, seq in enumerate(sequences(project)):
        counts = Counter(p.number for p in seq)
        for new, para in enumerate(seq, start=1):
            if para.number != new:
                edits.setdefault(para.loc.path, {})[para.loc.line] = new
            if seq_index == 0 and counts[para.number] == 1:
                body_map[para.number] = new
    changed: dict[str, str] = {}
    for sf in project.sources:
        lines = sf.text.split("\n")
        touched = False
        for line_no, new in edits.get(sf.path, {}).items():
            old = lines[line_no - 1]
            fixed = re.sub(r"^\d+\.", f"{new}.", old, count=1)
            if fixed != old:
                lines[line_no - 1] = fixed
                touched = True
        for i, line in enumerate(lines):
            if "{para}`" in line:
                new_line = _NUMERIC_PARA_REF.sub(
                    lambda m: f"{{para}}`{body_map.get(int(m.group('num')), int(m.group('num')))}`", line)
                if new_line != line:
                    lines[i] = new_line
                    touched = True
        text = "\n".join(lines)
        if touched or any(code == "SRC013" for code, _, _ in sf.problems):
            text = reindent(sf.path, text)
        if text != sf.text:
            changed[sf.path] = text
    write_all(root, changed)
    return list(changed)


def reindent(path: str, text: str) -> str:
    """`text` with each indented block that markdown-it reads as code under a numbered
    paragraph (SRC013) moved right to the paragraph's text; the lines of a block keep their
    indentation relative to each other."""
    blocks = judge_text(path, text).misindented
    if not blocks:
        return text
    lines = text.split("\n")
    for start, end, indent, width in blocks:
        for index in range(start, min(end, len(lines))):
            line = lines[index]
            body = line.lstrip(" \t")
            if body:
                lead = line[:len(line) - len(body)]
                lines[index] = " " * (len(lead.expandtabs(4)) + width - indent) + body
    return "\n".join(lines)


# Findings that mean the picture is partial: a source not read, a toctree entry missing, a
# fence never closed (the scanner sees none of the paragraphs after it).
PARTIAL = ("SRC001", "SRC007", "SRC008")


def refusal(project: Project) -> str | None:
    """Why --fix may not run on this project (the first such finding), or None."""
    for d in project.load_diagnostics:
        if d.path in project.unreadable or d.code in PARTIAL:
            return f"{d.path}:{d.line}:{d.col}: {d.code} {d.message}"
    for sf in project.sources:
        for code, loc, message in sf.problems:
            if code in PARTIAL:
                return f"{loc}: {code} {message}"
    return None


def write_all(root: Path, texts: dict[str, str]) -> None:
    """Replace every file of `texts` (root-relative path -> new text), all or none. An OSError
    names the file at fault, never a temporary file; every file is then as it was."""
    staged: list[tuple[Path, str]] = []  # (target, temporary beside it)
    try:
        for rel, text in texts.items():
            target = root / rel
            _check_writable(target)
            staged.append((target, _stage(target, text)))
    except BaseException:
        for _, tmp in staged:
            _unlink(tmp)
        raise
    replaced: list[tuple[Path, str]] = []  # (target, backup of what it held)
    try:
        for target, tmp in staged:
            backup = _backup(target)
            try:
                os.replace(tmp, target)
            except BaseException:
                _unlink(backup)
                raise
            replaced.append((target, backup))
    except BaseException as exc:
        for target, backup in reversed(replaced):  # put back what was already renamed
            try:
                os.replace(backup, target)
            except OSError:
                pass
        for _, tmp in staged:
            _unlink(tmp)
        if isinstance(exc, OSError):
            failed = staged[len(replaced)][0] if len(replaced) < len(staged) else root
            raise type(exc)(exc.errno, exc.strerror or str(exc), str(failed)) from None
        raise
    for _, backup in replaced:
        _unlink(backup)


def _check_writable(target: Path) -> None:
    """A file without its owner's write permission is left alone (even by root): it was made
    read-only on purpose."""
    mode = os.stat(target).st_mode
    if not mode & stat.S_IWUSR or not os.access(target, os.W_OK):
        raise PermissionError(13, "the file is read-only", str(target))


def _stage(target: Path, text: str) -> str:
    try:
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    except OSError as exc:
        raise type(exc)(exc.errno, exc.strerror or str(exc), str(target)) from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, stat.S_IMODE(os.stat(target).st_mode))  # mkstemp makes it 0600
    except BaseException as exc:
        _unlink(tmp)
        if isinstance(exc, OSError):
            raise type(exc)(exc.errno, exc.strerror or str(exc), str(target)) from None
        raise
    return tmp


def _backup(target: Path) -> str:
    """A second name for `target`'s present contents (a hard link: no copy), to put it back."""
    backup = f"{target.parent}/.{target.name}.{os.getpid()}.orig"
    _unlink(backup)
    try:
        os.link(target, backup)
    except OSError:
        shutil.copy2(target, backup)
    return backup


def _unlink(path: str) -> None:
    try:
        os.unlink(path)
    except FileNotFoundError:
        pass
