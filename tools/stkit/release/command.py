"""`stkit release`: gate, build, verify and assemble the release bundle in dist/."""

from __future__ import annotations

import argparse
import errno
import sys
from pathlib import Path

from ..commands.common import add_root_argument, project_root
from .build import BuildError
from .bundle import Interrupted, Refused, make_release
from .git import GitError
from .stamps import StampError


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_root_argument(parser)
    parser.add_argument("--draft", action="store_true",
                        help="release a working or final draft for comment: marked DRAFT on every "
                             "page; editor's notes and unverified catalogue facts are allowed")
    parser.add_argument("--force", action="store_true",
                        help="replace an existing release of the same version (atomically)")
    parser.add_argument("--dist", type=Path, default=Path("dist"), metavar="DIR",
                        help="where the bundle goes (default: dist/ in the project folder)")


def run(args: argparse.Namespace) -> int:
    root = project_root(args)
    if args.draft:
        _list_open_comments(root)
    try:
        release = make_release(root, args.dist, draft=args.draft, force=args.force,
                               say=lambda line: print(line, file=sys.stderr))
    except Refused as exc:
        for line in exc.problems:
            print(line, file=sys.stderr)
        print(f"stkit release: refused ({len(exc.problems)} problem"
              f"{'s' if len(exc.problems) != 1 else ''}); nothing was written", file=sys.stderr)
        return 1
    except OSError as exc:  # writing the bundle: one line, the file relative to the project
        where = _shown(root, Path(exc.filename)) if exc.filename else ""
        cause = "the disk is full" if exc.errno in (errno.ENOSPC, errno.EDQUOT) else (exc.strerror or str(exc))
        print(f"stkit release: {cause}{f' (writing {where})' if where else ''}", file=sys.stderr)
        print("stkit release: failed; nothing was written", file=sys.stderr)
        return 1
    except (BuildError, StampError, GitError) as exc:
        print(f"stkit release: {exc}", file=sys.stderr)
        print("stkit release: failed; nothing was written", file=sys.stderr)
        return 1
    except Interrupted:
        print("stkit release: terminated; nothing was written", file=sys.stderr)
        return 143
    except KeyboardInterrupt:
        print("stkit release: interrupted; nothing was written", file=sys.stderr)
        return 130
    shown = _shown(root, release.folder)
    print(f"{shown}/")
    for name in release.files:
        print(f"  {name}")
    print(_shown(root, release.archive))
    if release.previous:
        print(f"changes since {release.previous}: {shown}/{release.stem}-changes.html")
    return 0


def _list_open_comments(root: Path) -> None:
    """A draft goes out with open comments: say which (the adopted release refuses them)."""
    from ..comments.checks import open_comment_lines
    from ..project import FsTree, load_project

    project = load_project(FsTree(root))
    if project.registry is None:
        return
    lines = open_comment_lines(project)
    if lines:
        print(f"stkit release: {len(lines)} comment{'s' if len(lines) != 1 else ''} still open "
              f"(listed; an adopted release refuses them):", file=sys.stderr)
        for line in lines:
            print(f"  {line}", file=sys.stderr)


def _shown(root: Path, path: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return str(path)
