"""`stkit check --fix`: renumber paragraphs and rewrite numeric paragraph references.

Each file is rewritten whole through a temporary file and an atomic rename, so an interrupted
fix leaves every file either as it was or fully fixed.
"""

from __future__ import annotations

import os
import re
import stat
import tempfile
from collections import Counter
from pathlib import Path

from .checks.numbering import sequences
from .project import Project

_NUMERIC_PARA_REF = re.compile(r"\{para\}`(?P<num>\d+)`")


def renumber(project: Project, root: Path) -> list[str]:
    """Renumber every sequence; returns the paths of the files changed."""
    edits: dict[str, dict[int, int]] = {}  # path -> {line: new number}
    body_map: dict[int, int] = {}
    for seq_index, seq in enumerate(sequences(project)):
        counts = Counter(p.number for p in seq)
        for new, para in enumerate(seq, start=1):
            if para.number != new:
                edits.setdefault(para.loc.path, {})[para.loc.line] = new
            if seq_index == 0 and counts[para.number] == 1:
                body_map[para.number] = new
    changed = []
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
        if touched:
            write_atomic(root / sf.path, "\n".join(lines))
            changed.append(sf.path)
    return changed


def write_atomic(path: Path, text: str) -> None:
    """Replace `path` by `text` whole or not at all. An OSError names `path` itself, never the
    temporary file."""
    try:
        _write_atomic(path, text)
    except OSError as exc:
        raise type(exc)(exc.errno, exc.strerror or str(exc), str(path)) from None


def _write_atomic(path: Path, text: str) -> None:
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
        try:  # mkstemp creates the file 0600: keep the permissions the source had
            os.chmod(tmp, stat.S_IMODE(os.stat(path).st_mode))
        except FileNotFoundError:
            pass
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
