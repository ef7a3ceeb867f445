"""`stkit check`: every rule over the registry and the sources; `--fix` renumbers and re-indents."""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from pathlib import Path

from ..diagnostics import FORMATTERS, Diagnostic, summary
from .common import add_root_argument

# The checks, the loader and the rule table are imported when a check runs, not to build the
# parser: `stkit check --help` and a usage error stay quick (tests/test_lazy_imports.py).


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_root_argument(parser)
    parser.add_argument("--format", choices=sorted(FORMATTERS), default="text",
                        help="text (default), json (a list of findings) or github (annotations)")
    parser.add_argument("--select", action="append", metavar="CODES",
                        help="report only these codes or prefixes (comma separated, repeatable)")
    parser.add_argument("--ignore", action="append", metavar="CODES",
                        help="do not report these codes or prefixes")
    parser.add_argument("--fix", action="store_true",
                        help="renumber paragraphs, update numeric paragraph references and indent blocks under "
                             "their paragraph (SRC013), then check")
    parser.add_argument("-W", "--warnings-as-errors", action="store_true",
                        help="exit 1 on warnings too (the release gate)")
    parser.add_argument("--notes", action="store_true",
                        help="list every note in text output (by default notes are summed up per code)")


class FixFailed(Exception):
    """--fix could not write a file (exit 1, one line)."""


def findings(args: argparse.Namespace) -> list[Diagnostic]:
    from ..checks import run_checks
    from ..project import FsTree, load_project
    from ..rules import parse_selection, selected
    from .common import load

    # A usage error is raised before --fix writes anything.
    select, ignore = parse_selection(args.select), parse_selection(args.ignore)
    root, project = load(args)
    fixing = getattr(args, "fix", False) and project.loaded
    if fixing:
        from ..fix import refusal, renumber
    refused = refusal(project) if fixing else None
    if refused:  # never renumber on a partial picture; the findings below say the rest
        print(f"stkit: --fix refused, no file was changed: a source cannot be read whole ({refused})",
              file=sys.stderr)
    elif fixing:
        try:
            changed = renumber(project, root)
        except OSError as exc:  # each file is replaced whole or not at all; say which one failed
            where = exc.filename or root
            try:
                where = Path(where).resolve().relative_to(Path(root).resolve()).as_posix()
            except (ValueError, OSError):
                pass
            raise FixFailed(f"stkit: error: --fix cannot write {where}: {exc.strerror or exc}; "
                            "no file was changed") from None
        for path in changed:
            print(f"fixed: {path}", file=sys.stderr)
        if changed:
            project = load_project(FsTree(root))
    return [d for d in run_checks(project) if selected(d.code, select, ignore)]


def run(args: argparse.Namespace) -> int:
    try:
        diags = findings(args)
    except FixFailed as exc:
        print(exc, file=sys.stderr)
        return 1
    if args.format == "text":
        shown = diags if args.notes else [d for d in diags if d.severity != "note"]
        text = FORMATTERS["text"](shown)
        if text:
            print(text)
        if not args.notes:
            for line in _note_summary(diags):
                print(line)
        print(summary(diags))
    else:
        print(FORMATTERS[args.format](diags))
    errors = any(d.severity == "error" for d in diags)
    warnings = any(d.severity == "warning" for d in diags)
    return 1 if errors or (args.warnings_as_errors and warnings) else 0


def _note_summary(diags: list[Diagnostic]) -> list[str]:
    from ..rules import RULES

    by_code: dict[str, list[Diagnostic]] = defaultdict(list)
    for d in diags:
        if d.severity == "note":
            by_code[d.code].append(d)
    return [f"note: {code} {RULES[code].summary} ({len(items)} place{'s' if len(items) != 1 else ''}; "
            f"`stkit check --notes` lists them)" for code, items in sorted(by_code.items())]
