"""What several commands share: finding the project root and loading the project."""

from __future__ import annotations

import argparse
from pathlib import Path

from typing import TYPE_CHECKING

from ..errors import UsageError

if TYPE_CHECKING:
    from ..project import Project


def add_root_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--root", type=Path, default=None,
                        help="the project folder (default: the nearest folder holding "
                             "requirements_registry.yaml, from the current one upwards)")


def project_root(args: argparse.Namespace) -> Path:
    if args.root is not None:
        root = args.root
        if not root.is_dir():
            raise UsageError(f"--root {root}: no such folder")
        return root.resolve()
    from ..project import find_root

    root = find_root(Path.cwd())
    if root is None:
        raise UsageError("no requirements_registry.yaml here or in any parent folder; "
                         "run stkit inside the standard's repository or give --root")
    return root


def load(args: argparse.Namespace) -> tuple[Path, Project]:
    from ..project import FsTree, load_project

    root = project_root(args)
    return root, load_project(FsTree(root))
