"""The `stkit` command. Each subcommand lives in its own module with `add_arguments(parser)`
and `run(args) -> int`; this module only dispatches and turns a user's mistake into one
line on stderr (exit 1 for bad input, 2 for a usage error), never a traceback."""

from __future__ import annotations

import argparse
import importlib
import os
import sys

from . import __version__
from .errors import LoadError, UsageError

COMMANDS = {
    "check": ("stkit.commands.check", "check the registry and the sources together"),
    "explain": ("stkit.commands.explain", "explain a rule code (or a family), or list them all"),
    "diff": ("stkit.diff.command", "report what changed in the standard between two git revisions"),
    "release": ("stkit.release.command", "build the versioned, reproducible release bundle"),
    "metadata": ("stkit.commands.metadata", "print the standard's metadata (one field, or all as JSON)"),
    "conformance": ("stkit.conformance.command", "check conformance statements; template, levels, dashboard"),
    "comments": ("stkit.comments.command", "comment rounds: forms for offices, import, dispositions, report"),
}


def _columns() -> int:
    """The terminal's width as argparse finds it (shutil.get_terminal_size: $COLUMNS, else the
    terminal of stdout, else 80), without importing shutil, and with it bz2 and lzma, on every
    run: argparse makes a formatter for each option it adds."""
    try:
        columns = int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns
        except (AttributeError, ValueError, OSError):
            columns = 0
    return columns or 80


class _Formatter(argparse.HelpFormatter):
    def __init__(self, prog: str, indent_increment: int = 2, max_help_position: int = 24,
                 width: int | None = None) -> None:
        super().__init__(prog, indent_increment, max_help_position,
                         _columns() - 2 if width is None else width)


class _Parser(argparse.ArgumentParser):
    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("formatter_class", _Formatter)
        super().__init__(*args, **kwargs)

    def error(self, message: str) -> None:  # argparse's own usage errors: exit 2, one line
        raise UsageError(message)


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The parser; only the module of `command` is imported (to add its options), so one
    command's imports never slow down or break another."""
    parser = _Parser(prog="stkit", description="Toolchain of the WIPO standard on IP data exchange.")
    parser.add_argument("--version", action="version", version=f"stkit {__version__}")
    # `prog` given, argparse need not format a usage line to find it (which imports shutil,
    # and with it bz2 and lzma, on every run).
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser, prog=parser.prog)
    for name, (module, help_text) in COMMANDS.items():
        sp = sub.add_parser(name, help=help_text, description=help_text)
        sp.set_defaults(_module=module)
        if name == command:
            importlib.import_module(module).add_arguments(sp)
    return parser


def main(argv: list[str] | None = None) -> int:
    try:
        argv = sys.argv[1:] if argv is None else argv
        command = next((a for a in argv if not a.startswith("-")), None)
        parser = build_parser(command if command in COMMANDS else None)
        args = parser.parse_args(argv)
        if not getattr(args, "_module", None):
            parser.print_help(sys.stderr)
            return 2
        return importlib.import_module(args._module).run(args)
    except UsageError as exc:
        print(f"stkit: error: {exc}", file=sys.stderr)
        return 2
    except LoadError as exc:
        print(str(exc), file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("stkit: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 1
