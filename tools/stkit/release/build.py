"""The builds of a release: Sphinx's html and singlehtml, then the PDF and the DOCX, each in its own
subprocess of this Python with a clean, reproducible environment (`reproducible.build_environment`)."""

from __future__ import annotations

import errno
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from ..project import STANDARD_DIR
from .reproducible import build_environment

# Sphinx's own bookkeeping, not part of the site: `.buildinfo` holds hashes of the build's
# configuration, and is only read by Sphinx's next incremental build.
NOT_PUBLISHED = (".buildinfo", ".buildinfo.bak")


class BuildError(Exception):
    """A build step failed; the message says which, with the tool's own report."""


@dataclass
class Translation:
    html: Path  # the language's HTML site
    pdf: Path
    docx: Path


@dataclass
class Outputs:
    html: Path  # the HTML site
    singlehtml: Path
    pdf: Path
    docx: Path | None = None  # the Word document (stkit.docx)
    translations: dict = None  # lang -> Translation of each translated language


def build_all(root: Path, work: Path, epoch: int, *, release: bool,
              languages: list[str] | None = None) -> Outputs:
    """English, then each of `languages` (HTML, PDF and DOCX)."""
    env = build_environment(epoch, release=release)
    # Temporary files of the steps (Sphinx's crash log sphinx-err-*.log among them) go into
    # the release's temporary folder, and are removed with it.
    tmp = work / "tmp"
    tmp.mkdir(parents=True, exist_ok=True)
    env["TMPDIR"] = str(tmp)
    html = sphinx(root, work, "html", env)
    singlehtml = sphinx(root, work, "singlehtml", env)
    pdf = build_pdf(root, singlehtml, work / "pdf", env, release=release)
    docx = word(root, work, env)
    translations = {}
    for lang in languages or []:  # docs/translation.md
        lang_html = sphinx(root, work, "html", env, lang=lang)
        lang_single = sphinx(root, work, "singlehtml", env, lang=lang)
        translations[lang] = Translation(
            lang_html, build_pdf(root, lang_single, work / f"pdf-{lang}", env, release=release, lang=lang),
            word(root, work, env, lang))
    for name in NOT_PUBLISHED:
        for site in [html] + [t.html for t in translations.values()]:
            (site / name).unlink(missing_ok=True)
    return Outputs(html, singlehtml, pdf, docx, translations)


def word(root: Path, work: Path, env: dict[str, str], lang: str = "en") -> Path:
    """The DOCX of `lang` (`<stem>.docx`, `<stem>-<lang>.docx`), the one file its build made."""
    docx = sorted(sphinx(root, work, "docx", env, lang=lang).glob("*.docx"))
    if len(docx) != 1:
        raise BuildError(f"the DOCX build{'' if lang == 'en' else f' ({lang})'} left {len(docx)} "
                         f"Word files in its output folder, not one")
    return docx[0]


def sphinx(root: Path, work: Path, builder: str, env: dict[str, str], lang: str = "en") -> Path:
    name = builder if lang == "en" else f"{builder}-{lang}"
    out = work / name
    language = [] if lang == "en" else ["-D", f"language={lang}"]
    command = [sys.executable, "-m", "sphinx", "-b", builder, "-c", str(root), "-W", "--keep-going",
               "-q", "-E", "--no-color", *language, "-d", str(work / f"doctrees-{name}"), str(root / STANDARD_DIR),
               str(out)]
    run_step(f"sphinx-build -b {builder}" + (f" ({lang})" if language else ""), command, root, env)
    return out


def build_pdf(root: Path, singlehtml: Path, out: Path, env: dict[str, str], *, release: bool,
              lang: str = "en") -> Path:
    out.mkdir(parents=True, exist_ok=True)
    command = [sys.executable, "-m", "stkit.pdf", "--root", str(root), "--lang", lang, str(singlehtml),
               str(out)]
    if release:
        command.append("--release")
    run_step("the PDF step", command, root, env)
    pdfs = sorted(out.glob("*.pdf"))
    if len(pdfs) != 1:
        raise BuildError(f"the PDF step left {len(pdfs)} PDF files in its output folder, not one")
    return pdfs[0]


def run_step(what: str, command: list[str], root: Path, env: dict[str, str]) -> None:
    """Run one build step; its report is shown only when it fails. The child is stopped
    when this process is interrupted, so nothing writes after the clean-up."""
    proc = subprocess.Popen(command, cwd=root, env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True, errors="replace")
    try:
        output, _ = proc.communicate()
    except BaseException:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        raise
    if proc.returncode != 0:
        cause = crash_cause(output)
        if cause:  # a crash report: its cause in one line, not forty lines of context
            raise BuildError(f"{what} failed: {_relative(cause, root)}")
        lines = [_relative(line, root) for line in output.strip().splitlines() if line.strip()]
        detail = "\n".join(lines[-40:]) or f"exit status {proc.returncode}"
        raise BuildError(f"{what} failed:\n{detail}")


_EXCEPTION_LINE = re.compile(r"^(?:[\w.]+\.)?(?P<type>[A-Z]\w*(?:Error|Exception|Exit))(?:: (?P<text>.*))?$")
_ERRNO = re.compile(r"\[Errno (?P<errno>\d+)\] (?P<text>[^:'\n]+)(?::\s*'(?P<path>[^']*)')?")


def crash_cause(output: str) -> str | None:
    """The cause of a crash (a Python exception in the step) as one line, or None when the
    step failed the ordinary way (warnings under -W, a located error). A full disk is named
    as such."""
    m = _ERRNO.search(output)
    if m and int(m.group("errno")) in (errno.ENOSPC, errno.EDQUOT):
        where = f" (writing {m.group('path')})" if m.group("path") else ""
        return f"the disk is full: {m.group('text')}{where}"
    if "Exception occurred" not in output and "Traceback (most recent call last)" not in output:
        return None
    found = None
    for line in output.splitlines():
        hit = _EXCEPTION_LINE.match(line.strip())
        if hit:
            found = hit
    if found is None:
        return None
    return f"{found.group('type')}: {found.group('text')}" if found.group("text") else found.group("type")


def _relative(line: str, root: Path) -> str:
    """Sphinx names files by absolute path; the user reads them relative to the project."""
    return line.replace(f"{root.resolve()}/", "").replace(f"{root}/", "")
