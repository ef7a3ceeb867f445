"""Assemble the release bundle atomically: dist/<stem>/ and dist/<stem>.zip appear complete
or not at all.

Everything is made in a temporary folder `dist/.tmp-<stem>-XXXX` (the builds, the bundle,
its zip); only when all of it is done and verified are the folder and the zip renamed into
place. A failure, Ctrl-C or SIGTERM removes the temporary folder and leaves dist/ as it was.
"""

from __future__ import annotations

import os
import shutil
import signal
import tempfile
import threading
from contextlib import contextmanager
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Callable, Iterator

from ..project import FsTree, load_project
from ..registry import REGISTRY_FILE, SCHEMA
from ..translation.languages import translated_languages
from ..translation.status import statuses
from . import changes, exports, gates, git, stamps
from .build import build_all
from .reproducible import normalise_mtimes, write_sha256sums, write_zip

CHECKSUMS = "SHA256SUMS"
STATEMENT_SCHEMA = "conformance-statement.schema.json"  # what an office's claim is written in


class Refused(Exception):
    """The release is refused; `problems` holds one line per problem."""

    def __init__(self, problems: list[str]):
        super().__init__("\n".join(problems))
        self.problems = problems


@dataclass
class Release:
    stem: str
    folder: Path  # dist/<stem>
    archive: Path  # dist/<stem>.zip
    files: list[str]
    previous: str | None  # the tag the change report compares with


def make_release(root: Path, dist: Path, *, draft: bool, force: bool,
                 say: Callable[[str], None] = lambda line: None) -> Release:
    """Gate, build, verify, assemble, then move into place. Raises Refused (nothing written),
    BuildError or stamps.StampError (nothing left behind)."""
    root = root.resolve()
    dist = dist if dist.is_absolute() else root / dist
    if dist.is_dir():  # what a killed release left, before anything else
        for stale in remove_stale(dist):
            say(f"stkit release: removed {stale}, left by a release that was killed")
    project = load_project(FsTree(root))
    problems = gates.refusals(root, project, project.registry_doc, draft=draft, dist=dist, force=force)
    if problems:
        raise Refused(problems)
    registry = project.registry
    md = registry.metadata
    stem = gates.bundle_stem(md, draft)
    epoch = git.commit_epoch(root)
    previous = git.previous_release(root, md.version)
    say(f"stkit release: {stem} from commit {git.head_commit(root)[:12]} "
        f"(SOURCE_DATE_EPOCH={epoch})")

    with _interrupts_raise():
        created_dist = not dist.exists()
        dist.mkdir(parents=True, exist_ok=True)
        work = Path(tempfile.mkdtemp(prefix=f"{TMP_PREFIX}{stem}-{os.getpid()}-", dir=dist))
        try:
            files = _assemble(root, work, stem, project.registry_doc.data, registry, previous, epoch,
                              draft=draft, say=say)
            _move_into_place(work, work / stem, dist / stem, work / f"{stem}.zip",
                             dist / f"{stem}.zip")
        finally:
            with _signals_held():
                shutil.rmtree(work, ignore_errors=True)
                if created_dist and dist.is_dir() and not any(dist.iterdir()):
                    dist.rmdir()
    return Release(stem, dist / stem, dist / f"{stem}.zip", files, previous)


TMP_PREFIX = ".tmp-"


def remove_stale(dist: Path) -> list[str]:
    """Remove the temporary folders of releases that were killed (SIGKILL, a power cut) and
    could not clean up: `dist/.tmp-<stem>-<pid>-XXXX` whose process is gone. A folder of a
    release still running (its process alive) is left alone. Returns what was removed, as
    `dist/<name>`."""
    removed = []
    for entry in sorted(dist.glob(TMP_PREFIX + "*")):
        pid = _owner(entry.name)
        if pid is not None and pid != os.getpid() and _alive(pid):
            continue
        try:
            if entry.is_symlink() or not entry.is_dir():
                entry.unlink()
            else:
                shutil.rmtree(entry)
        except OSError:
            continue
        removed.append(f"{dist.name}/{entry.name}")
    return removed


def _owner(name: str) -> int | None:
    parts = name[len(TMP_PREFIX):].rsplit("-", 2)
    if len(parts) == 3 and parts[1].isdigit():
        return int(parts[1])
    return None


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _assemble(root: Path, work: Path, stem: str, data, registry, previous: str | None, epoch: int,
              *, draft: bool, say: Callable[[str], None]) -> list[str]:
    """Build everything into `work`: the bundle folder `work/<stem>` and its zip."""
    md = registry.metadata
    say("building the HTML, the single page, the PDF and the DOCX ...")
    languages = translated_languages(md.languages)
    outputs = build_all(root, work / "build", epoch, release=not draft, languages=languages)
    folder = work / stem
    folder.mkdir()
    write_zip(outputs.html, folder / f"{stem}-html.zip", f"{stem}-html", epoch)
    if languages:  # each translation's HTML, PDF and DOCX, and how far each is (docs/translation.md)
        for lang, built in outputs.translations.items():
            # unpacked beside the English site, as <stem>-html/<lang>/: the language switch of
            # every page (fr/<page>.html, ../<page>.html) lands on the same page
            write_zip(built.html, folder / f"{stem}-{lang}-html.zip", f"{stem}-html/{lang}", epoch)
            shutil.copyfile(built.pdf, folder / f"{stem}-{lang}.pdf")
            shutil.copyfile(built.docx, folder / f"{stem}-{lang}.docx")
        lines = [s.line() for s in statuses(load_project(FsTree(root)))]
        (folder / f"{stem}-translations.txt").write_text(
            "\n".join([f"{md.number} version {md.version}: translations"] + lines) + "\n",
            encoding="utf-8", newline="\n")
        for line in lines:
            say(f"translation {line}")
    shutil.copyfile(outputs.pdf, folder / f"{stem}.pdf")
    shutil.copyfile(outputs.docx, folder / f"{stem}.docx")
    shutil.copyfile(root / REGISTRY_FILE, folder / f"{stem}-registry.yaml")
    data_json = exports.registry_json(data)
    (folder / f"{stem}-registry.json").write_bytes(data_json)
    (folder / f"{stem}-requirements.csv").write_bytes(exports.requirements_csv(registry))
    schema = resources.files("stkit").joinpath("schema", SCHEMA).read_bytes()
    (folder / f"{stem}-registry.schema.json").write_bytes(schema)
    statement_schema = resources.files("stkit").joinpath("schema", STATEMENT_SCHEMA).read_bytes()
    (folder / f"{stem}-conformance-statement.schema.json").write_bytes(statement_schema)
    if previous:
        say(f"comparing with the previous release {previous} ...")
        for suffix, text in changes.reports(root, previous, git.head_short(root)).items():
            (folder / f"{stem}-changes.{suffix}").write_text(text, encoding="utf-8", newline="\n")
        changes.tracked_docx(root, previous, git.head_short(root), folder / f"{stem}-changes.docx", epoch)
    say("checking that every output carries the registry's version and status ...")
    stamps.verify(md, html_dir=outputs.html, pdf=folder / f"{stem}.pdf",
                  registry_json=data_json, draft=draft, docx=folder / f"{stem}.docx",
                  translations={lang: (t.html, folder / f"{stem}-{lang}.pdf", folder / f"{stem}-{lang}.docx")
                                for lang, t in outputs.translations.items()})
    write_sha256sums(folder, CHECKSUMS)
    normalise_mtimes(folder, epoch)
    write_zip(folder, work / f"{stem}.zip", stem, epoch)
    return sorted(p.name for p in folder.iterdir())


def _move_into_place(work: Path, folder: Path, target: Path, archive: Path, target_zip: Path) -> None:
    """Rename the finished folder and zip over any previous ones (only reached with --force:
    the gates refuse an existing release otherwise). The old folder is moved aside into the
    temporary folder first, and removed with it."""
    with _signals_held():
        if target.exists():
            os.replace(target, work / "replaced")
        os.replace(folder, target)
        os.replace(archive, target_zip)


@contextmanager
def _signals_held() -> Iterator[None]:
    """Hold Ctrl-C and SIGTERM for the few renames, so the folder never lands without its
    zip; a signal that came meanwhile is delivered right after."""
    held = {signal.SIGINT, signal.SIGTERM}
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    signal.pthread_sigmask(signal.SIG_BLOCK, held)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_UNBLOCK, held)


class Interrupted(KeyboardInterrupt):
    """SIGTERM, turned into an exception so that the clean-up runs."""


@contextmanager
def _interrupts_raise() -> Iterator[None]:
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def on_term(signum, frame):
        raise Interrupted()

    previous = signal.signal(signal.SIGTERM, on_term)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)
