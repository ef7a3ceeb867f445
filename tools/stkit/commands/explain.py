"""`stkit explain CODE`: what a rule checks and how to fix its findings."""

from __future__ import annotations

import argparse

from ..errors import UsageError
from ..rules import explain, list_rules


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("code", nargs="?", help="a rule code such as REQ006, or a family such as REQ")
    parser.add_argument("--list", action="store_true", help="list every rule by family")


def run(args: argparse.Namespace) -> int:
    if args.list:
        print(list_rules())
        return 0
    if not args.code:
        raise UsageError("give a rule code (e.g. `stkit explain REQ006`) or --list")
    print(explain(args.code))
    return 0
