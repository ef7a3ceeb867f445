"""`stkit diff BASE [HEAD]`: the change report between two revisions of the standard."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..atomicfile import write_atomic
from ..project import find_root
from . import render_html, render_json, render_markdown
from .load import report

RENDERERS = {"markdown": render_markdown.render, "json": render_json.render, "html": render_html.render}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("base", metavar="BASE", help="the revision to compare with (a branch, tag or commit)")
    parser.add_argument("head", metavar="HEAD", nargs="?", default=None,
                        help="the revision to report on (default: the working tree, as it is now)")
    parser.add_argument("--format", choices=sorted([*RENDERERS, "docx"]), default="markdown",
                        help="markdown (default: a pull-request comment), json (for tools), html "
                             "(a standalone page with the redline) or docx (the text of HEAD with "
                             "every change as Word tracked changes; needs -o)")
    parser.add_argument("--lang", metavar="LANG", default=None,
                        help="the report in a language of the registry (e.g. fr): each revision's "
                             "text as its readers see it, from that revision's catalogues, a text "
                             "without a current translation in English after the pending mark")
    parser.add_argument("-o", "--output", type=Path, metavar="FILE",
                        help="write the report to FILE (atomically) instead of standard output")
    parser.add_argument("--root", type=Path, default=None,
                        help="the project folder (default: the nearest folder holding "
                             "requirements_registry.yaml, from the current one upwards)")


def run(args: argparse.Namespace) -> int:
    root = args.root or find_root(Path.cwd()) or Path.cwd()
    if args.format == "docx":
        return run_docx(root, args)
    result = report(root, args.base, args.head, args.lang)
    text = RENDERERS[args.format](result)
    if args.output:
        try:
            write_atomic(args.output, text if text.endswith("\n") else text + "\n")
        except OSError as exc:
            print(f"stkit diff: cannot write {args.output}: {exc.strerror or exc}", file=sys.stderr)
            return 1
    else:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
    for error in result["errors"]:
        print(f"stkit diff: error: {error['message']}", file=sys.stderr)
    return 1 if result["errors"] else 0


def run_docx(root: Path, args: argparse.Namespace) -> int:
    """--format docx: the tracked-changes Word document (render_docx.py)."""
    from . import render_docx

    if not args.output:
        print("stkit diff: --format docx writes a Word file: give it with -o FILE.docx", file=sys.stderr)
        return 2
    # the same checks (deleted IDs; with --lang, the language at both sides) as every format
    result = report(root, args.base, args.head, args.lang)
    lang = args.lang if args.lang and args.lang != "en" else None
    try:
        counts = render_docx.write(root, args.base, args.head, args.output, lang=lang)
    except render_docx.DocxDiffError as exc:
        print(f"stkit diff: {exc}", file=sys.stderr)
        return 1
    ins, dels = counts["inserted"], counts["deleted"]
    print(f"{args.output}: {ins} insertion{'' if ins == 1 else 's'}, "
          f"{dels} deletion{'' if dels == 1 else 's'} tracked")
    for error in result["errors"]:
        print(f"stkit diff: error: {error['message']}", file=sys.stderr)
    return 1 if result["errors"] else 0


