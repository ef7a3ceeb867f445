"""`make bench`, comment rounds: how long importing offices' forms and writing the
compilation take on a large standard (docs/comments.md).

On a synthetic standard of 2,000 requirements (benchmarks/generate.py, committed to a
throw-away git repository), forms are made with `stkit comments template`, filled with
COMMENTS comments each (a spreadsheet and a Word form, as offices send them), the text is
moved on (a paragraph inserted at the top and every paragraph after it renumbered, so that
every comment has to be matched to its paragraph's new number), and then each command is
timed as a whole process (median of RUNS): import of each form, the report in each format,
and `stkit check` with and without the round. Writes benchmarks/RESULTS-comments.md and
benchmarks/results-comments.json.

    python benchmarks/comments_bench.py [--quick]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import generate  # noqa: E402

STKIT = str(Path(sys.executable).parent / "stkit")
OFFICES = ("EP", "JP", "KR", "US", "CN", "CA", "AU", "BR")
TYPES = ("general", "technical", "editorial")
GIT_ENV = {"GIT_AUTHOR_NAME": "bench", "GIT_AUTHOR_EMAIL": "bench@example.invalid",
           "GIT_COMMITTER_NAME": "bench", "GIT_COMMITTER_EMAIL": "bench@example.invalid",
           "GIT_CONFIG_NOSYSTEM": "1"}


def sh(cmd: list[str], cwd: Path) -> float:
    start = time.perf_counter()
    done = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True,
                          env={**os.environ, **GIT_ENV})
    wall = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"failed: {' '.join(cmd)}\n{done.stderr[-2000:]}")
    return wall


def median(cmd: list[str], cwd: Path, runs: int, before=None) -> float:
    times = []
    for _ in range(runs):
        if before:
            before()
        times.append(sh(cmd, cwd))
    return round(statistics.median(times), 3)


def fill_xlsx(template: Path, out: Path, n: int) -> None:
    from openpyxl import load_workbook

    wb = load_workbook(template)
    ws = wb["Comments"]
    rows = list(range(5, ws.max_row + 1))  # after the header and the row 'General'
    step = max(1, len(rows) // n)
    for k, r in enumerate(rows[::step][:n]):
        ws.cell(r, 3, OFFICES[k % len(OFFICES)])
        ws.cell(r, 4, TYPES[k % 3])
        ws.cell(r, 5, f"Comment {k}: the wording could be clearer.")
        ws.cell(r, 6, f"Proposed change {k}.")
    wb.save(out)


def fill_docx(template: Path, out: Path, n: int) -> None:
    import docx

    doc = docx.Document(str(template))
    rows = doc.tables[0].rows[2:]
    step = max(1, len(rows) // n)
    for k, row in enumerate(rows[::step][:n]):
        cells = row.cells
        cells[2].text, cells[3].text = OFFICES[k % len(OFFICES)], TYPES[k % 3]
        cells[4].text = f"Word comment {k}."
    doc.save(str(out))


def move_text_on(root: Path) -> None:
    """A paragraph inserted above all others of the first section; renumbered by --fix."""
    first = sorted((root / "standard").glob("*.md"))[1]
    text = first.read_text(encoding="utf-8")
    lines = text.split("\n")
    i = next(k for k, line in enumerate(lines) if line[:1].isdigit() and ". " in line)
    lines.insert(i, "1. A paragraph inserted after the forms went out.\n")
    first.write_text("\n".join(lines), encoding="utf-8")
    subprocess.run([STKIT, "check", "--fix", "--root", str(root)], capture_output=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="500 requirements, 100 comments, 1 run")
    args = parser.parse_args(argv)
    n_req, n_comments, runs = (500, 100, 1) if args.quick else (2000, 500, 3)
    res: dict = {"requirements": n_req, "comments_per_form": n_comments, "runs": runs}
    with tempfile.TemporaryDirectory(prefix="stkit-comments-bench-") as tmp:
        root = Path(tmp) / "std"
        generate.generate(root, n_req)
        for cmd in (["git", "init", "-q"], ["git", "add", "-A"], ["git", "commit", "-q", "-m", "base"]):
            sh(cmd, root)
        forms = Path(tmp)
        res["template_xlsx_s"] = median([STKIT, "comments", "template", "--format", "xlsx", "-o",
                                         str(forms / "form.xlsx")], root, runs)
        res["template_docx_s"] = median([STKIT, "comments", "template", "--format", "docx", "-o",
                                         str(forms / "form.docx")], root, runs)
        fill_xlsx(forms / "form.xlsx", forms / "filled.xlsx", n_comments)
        fill_docx(forms / "form.docx", forms / "filled.docx", n_comments)
        move_text_on(root)
        sh(["git", "commit", "-q", "-am", "moved on"], root)
        res["paragraphs"] = sum(1 for _ in generate_paragraphs(root))
        rnd = root / "comments" / "bench.yaml"

        def fresh() -> None:
            rnd.unlink(missing_ok=True)

        res["import_xlsx_s"] = median([STKIT, "comments", "import", str(forms / "filled.xlsx"),
                                       "--round", "bench"], root, runs, fresh)
        res["import_docx_s"] = median([STKIT, "comments", "import", str(forms / "filled.docx"),
                                       "--round", "bench"], root, runs, fresh)
        sh([STKIT, "comments", "import", str(forms / "filled.xlsx"), "--round", "bench"], root)
        res["import_again_s"] = median([STKIT, "comments", "import", str(forms / "filled.xlsx"),
                                        "--round", "bench"], root, runs)
        for fmt in ("html", "docx", "csv"):
            res[f"report_{fmt}_s"] = median([STKIT, "comments", "report", "--round", "bench",
                                             "--format", fmt, "-o", str(forms / f"report.{fmt}")], root, runs)
        res["check_with_round_s"] = median([STKIT, "check"], root, runs)
        shutil.move(str(root / "comments"), str(forms / "comments-aside"))
        res["check_without_round_s"] = median([STKIT, "check"], root, runs)
    (HERE / "results-comments.json").write_text(json.dumps(res, indent=2) + "\n", encoding="utf-8")
    (HERE / "RESULTS-comments.md").write_text(markdown(res), encoding="utf-8")
    print(markdown(res))
    return 0


def generate_paragraphs(root: Path):
    for path in (root / "standard").glob("*.md"):
        for line in path.read_text(encoding="utf-8").split("\n"):
            if line[:1].isdigit() and ". " in line[:7]:
                yield line


def markdown(res: dict) -> str:
    rows = [("form of every paragraph and requirement, spreadsheet (template)", "template_xlsx_s"),
            ("the same, Word", "template_docx_s"),
            (f"import a spreadsheet of {res['comments_per_form']} comments, text renumbered since", "import_xlsx_s"),
            (f"import a Word form of {res['comments_per_form']} comments, text renumbered since", "import_docx_s"),
            ("import the same spreadsheet again (adds nothing)", "import_again_s"),
            ("report, HTML", "report_html_s"), ("report, Word", "report_docx_s"),
            ("report, CSV", "report_csv_s"),
            ("stkit check with the round (CMT rules)", "check_with_round_s"),
            ("stkit check without it", "check_without_round_s")]
    out = ["# Benchmarks: comment rounds", "",
           f"Synthetic standard of {res['requirements']:,} requirements and {res['paragraphs']:,} "
           f"numbered paragraphs; whole-process wall time, median of {res['runs']} "
           f"(benchmarks/comments_bench.py).", "", "| what | seconds |", "|---|---|"]
    out += [f"| {label} | {res[key]} |" for label, key in rows]
    return "\n".join(out) + "\n"


if __name__ == "__main__":
    sys.exit(main())
