"""`stkit metadata`: the standard's metadata, for the Makefile and scripts."""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict

from ..errors import UsageError
from ..registry import REGISTRY_FILE, load_registry
from ..diagnostics import format_text
from .common import add_root_argument, project_root

DERIVED = ("file_stem", "status_line", "number_digits")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_root_argument(parser)
    parser.add_argument("--field", help="print one field (e.g. version, status, file_stem)")


def run(args: argparse.Namespace) -> int:
    root = project_root(args)
    loaded = load_registry((root / REGISTRY_FILE).read_bytes() if (root / REGISTRY_FILE).is_file() else None)
    if loaded.registry is None:
        print(format_text(loaded.diagnostics), file=sys.stderr)
        return 1
    md = loaded.registry.metadata
    data = {k: v for k, v in asdict(md).items() if k != "loc"}
    data.update({name: getattr(md, name) for name in DERIVED})
    if args.field:
        if args.field not in data:
            raise UsageError(f"unknown field '{args.field}'; fields: {', '.join(sorted(data))}")
        print(data[args.field] if data[args.field] is not None else "")
    else:
        print(json.dumps(data, indent=2, ensure_ascii=False))
    return 0
