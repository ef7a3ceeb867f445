"""`stkit comments`: comment rounds (docs/comments.md).

    stkit comments template [--format docx|xlsx|csv] [-o FILE] [--revision REV]
    stkit comments import FORM... --round NAME [--office CODE] [--revision REV] [--dry-run]
    stkit comments report --round NAME [--format html|docx|csv] [-o FILE]
    stkit comments dispose ID... --round NAME --decision D --response TEXT [--change REF]
    stkit comments list --round NAME [--open]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..commands.common import add_root_argument, project_root
from ..errors import UsageError
from .errors import CommentsError

FORMATS = ("docx", "xlsx", "csv")
REPORT_FORMATS = ("html", "docx", "csv")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    sub = parser.add_subparsers(dest="action", metavar="ACTION", parser_class=type(parser))

    p = sub.add_parser("template", help="write the blank comment form of a revision",
                       description="The comment form: one row per numbered paragraph and per "
                                   "requirement of the revision (default HEAD), which it names inside.")
    add_root_argument(p)
    p.add_argument("--format", choices=FORMATS, default="docx")
    p.add_argument("-o", "--output", type=Path, metavar="FILE",
                   help="where to write it (default: <number>-<version>-comments.<format> here)")
    p.add_argument("--revision", default="HEAD", metavar="REV",
                   help="the git revision whose text the form shows (default HEAD)")

    p = sub.add_parser("import", help="read filled forms into comments/<round>.yaml",
                       description="Read filled forms (.docx, .xlsx, .csv) into the round's records. "
                                   "Every problem is listed with its form, table or sheet, row and "
                                   "column; nothing is written while there is one.")
    add_root_argument(p)
    p.add_argument("forms", nargs="+", type=Path, metavar="FORM")
    p.add_argument("--round", required=True, metavar="NAME")
    p.add_argument("--office", metavar="CODE",
                   help="the office of rows whose office cell is empty (a form from one office)")
    p.add_argument("--revision", metavar="REV",
                   help="the revision a form was made on, when the form no longer says (a CSV "
                        "exported from the spreadsheet)")
    p.add_argument("--dry-run", action="store_true", help="check the forms; write nothing")

    p = sub.add_parser("report", help="the compilation of comments of a round",
                       description="Every comment of the round in the standard's order, where its "
                                   "text is now, with the disposition; counts at the top.")
    add_root_argument(p)
    p.add_argument("--round", required=True, metavar="NAME")
    p.add_argument("--format", choices=REPORT_FORMATS, default="html")
    p.add_argument("-o", "--output", type=Path, metavar="FILE",
                   help="where to write it (default: standard output; required for docx)")

    p = sub.add_parser("dispose", help="record the Task Force's decision on comments",
                       description="Record a decision and the response on one or more comments.")
    add_root_argument(p)
    p.add_argument("ids", nargs="+", metavar="ID")
    p.add_argument("--round", required=True, metavar="NAME")
    p.add_argument("--decision", required=True,
                   choices=("open", "accepted", "accepted-in-part", "not-accepted", "noted"))
    p.add_argument("--response", default=None, metavar="TEXT",
                   help="the answer to the office (required unless the decision is open)")
    p.add_argument("--change", default=None, metavar="REF",
                   help="the commit or pull request that carried the change")

    p = sub.add_parser("list", help="list a round's comments, where each is now",
                       description="One line per comment: id, office, where its text is now, decision.")
    add_root_argument(p)
    p.add_argument("--round", required=True, metavar="NAME")
    p.add_argument("--open", action="store_true", help="only the comments still open")


def run(args: argparse.Namespace) -> int:
    if not getattr(args, "action", None):
        raise UsageError("stkit comments needs an action: template, import, report, dispose or list")
    root = project_root(args)
    try:
        return ACTIONS[args.action](root, args)
    except CommentsError as exc:
        print(f"stkit comments: {exc}", file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"stkit comments: cannot write {exc.filename or ''}: {exc.strerror or exc}", file=sys.stderr)
        return 1


def _template(root: Path, args: argparse.Namespace) -> int:
    from ..atomicfile import write_atomic
    from .template import default_name, make_template

    info, data, rows = make_template(root, args.format, args.revision)
    out = args.output or Path(default_name(info, args.format))
    write_atomic(out, data)
    print(f"{out}: comment form for {info.standard} {info.version} (revision {info.short}), "
          f"{rows} rows", file=sys.stderr)
    return 0


def _import(root: Path, args: argparse.Namespace) -> int:
    from .importer import import_forms

    result = import_forms(root, args.forms, args.round, office=args.office,
                          revision=args.revision, dry_run=args.dry_run)
    for problem in result.problems:
        print(problem, file=sys.stderr)
    if result.problems:
        n = len(result.problems)
        print(f"stkit comments import: {n} problem{'s' if n != 1 else ''}; nothing was imported",
              file=sys.stderr)
        return 1
    for form in result.forms:
        line = f"{form.form}: {len(form.added)} new comment{'s' if len(form.added) != 1 else ''}"
        if form.added:
            line += f" ({form.added[0]}" + (f" ... {form.added[-1]})" if len(form.added) > 1 else ")")
        if form.already:
            line += f", {form.already} already recorded"
        print(line)
    shown = f"comments/{args.round}.yaml"
    if args.dry_run:
        print(f"dry run: {shown} not written")
    elif result.written:
        print(f"{shown}: {len(result.round.comments)} comments")
    else:
        print(f"{shown}: unchanged")
    return 0


def _report(root: Path, args: argparse.Namespace) -> int:
    from . import report_csv, report_docx, report_html
    from .compilation import compile_round, resolver_for
    from .importer import current_project
    from ..atomicfile import write_atomic
    from .store import load_round

    if args.format == "docx" and args.output is None:
        raise UsageError("a Word report needs -o FILE")
    rnd, _ = load_round(root, args.round)
    comp = compile_round(rnd, resolver_for(root, current_project(root)))
    data = {"html": report_html.render, "docx": report_docx.render, "csv": report_csv.render}[args.format](comp)
    if args.output is None:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    else:
        write_atomic(args.output, data)
        print(f"{args.output}: {len(comp.entries)} comments, {comp.open} open", file=sys.stderr)
    return 0


def _dispose(root: Path, args: argparse.Namespace) -> int:
    from .store import load_round, save_round

    response = (args.response or "").strip()
    if args.decision != "open" and not response:
        raise UsageError(f"--decision {args.decision} needs --response TEXT: the answer to the office")
    rnd, _ = load_round(root, args.round)
    by_id = rnd.by_id()
    unknown = [i for i in args.ids if i.upper() not in by_id]
    if unknown:
        raise CommentsError(f"comments/{args.round}.yaml has no comment {', '.join(unknown)}")
    for cid in args.ids:
        d = by_id[cid.upper()].disposition
        d.decision = args.decision
        if args.response is not None:
            d.response = response
        if args.change is not None:
            d.change = args.change.strip()
    save_round(root, rnd)
    print(f"comments/{args.round}.yaml: {', '.join(i.upper() for i in args.ids)} {args.decision}")
    return 0


def _list(root: Path, args: argparse.Namespace) -> int:
    from .compilation import compile_round, resolver_for
    from .importer import current_project
    from .records import DECISION_NAMES
    from .store import load_round

    rnd, _ = load_round(root, args.round)
    comp = compile_round(rnd, resolver_for(root, current_project(root)))
    for e in comp.entries:
        c, p = e.comment, e.placed
        if args.open and not c.disposition.is_open:
            continue
        note = f" [{p.note}]" if p.note else ""
        print(f"{c.id}\t{c.type}\t{p.current}{note}\t{DECISION_NAMES[c.disposition.decision]}")
    print(f"{len(comp.entries)} comments, {comp.open} open", file=sys.stderr)
    return 0


ACTIONS = {"template": _template, "import": _import, "report": _report, "dispose": _dispose,
           "list": _list}
