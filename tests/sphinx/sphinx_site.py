"""Helpers of the Sphinx tests: build a copy of a fixture standard with the real Sphinx and the
repository's conf.py (`-c <repo>`), the way `make html` does, and read what it wrote."""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass
from pathlib import Path

from sphinx.cmd.build import build_main

REPO = Path(__file__).resolve().parents[2]
FIXTURES = REPO / "tests" / "fixtures"
WARNING = re.compile(r"^(?P<loc>\S+?): (?P<level>WARNING|ERROR): (?P<code>[A-Z]{3}\d{3}) (?P<msg>.*)$")


def copy_mini(folder: Path) -> Path:
    root = folder / "mini"
    shutil.copytree(FIXTURES / "mini", root)
    return root


@dataclass
class Site:
    root: Path
    out: Path
    code: int
    warnings: list[str]

    def page(self, docname: str) -> str:
        return (self.out / f"{docname}.html").read_text(encoding="utf-8")

    def messages(self, code: str) -> list[tuple[str, str, str]]:
        """(location, level, message) of every stkit message with this rule code."""
        found = []
        for line in self.warnings:
            m = WARNING.match(line)
            if m and m.group("code") == code:
                found.append((m.group("loc"), m.group("level"), m.group("msg")))
        return found

    def locations(self, code: str) -> list[str]:
        return [loc for loc, _, _ in self.messages(code)]


def build(root: Path, *extra: str, builder: str = "html", out: Path | None = None) -> Site:
    """`sphinx-build -b <builder> -c <repo> -W --keep-going -q <root>/standard <out>`; an out
    folder that already holds a build is built incrementally."""
    out = out or root.parent / f"{root.name}-{builder}"
    warnfile = out.parent / f"{out.name}-warnings.txt"
    warnfile.unlink(missing_ok=True)
    try:
        code = build_main(["-b", builder, "-c", str(REPO), "-W", "--keep-going", "-q",
                           "-w", str(warnfile), *extra, str(root / "standard"), str(out)])
    except SystemExit as stop:  # how the extension stops a build it cannot start
        code = stop.code
    text = warnfile.read_text(encoding="utf-8") if warnfile.exists() else ""
    warnings = [line for line in text.splitlines() if line.strip()]
    return Site(root, out, code, warnings)


def element(html: str, ident: str) -> str:
    """The HTML of the element with this id, up to its closing tag (elements of one kind are
    not nested in what these tests look at)."""
    m = re.search(rf'<(?P<tag>[a-z]+)\b[^>]*\bid="{re.escape(ident)}"', html)
    assert m, f"no element with id {ident!r}"
    end = html.index(f"</{m.group('tag')}>", m.end())
    return html[m.start(): end]
