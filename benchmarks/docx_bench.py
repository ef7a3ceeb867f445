"""The DOCX builds in `make bench`: `sphinx-build -b docx` of the standard and of the
synthetic standard the HTML figures use (2,000 requirements), clean, with wall time and
peak memory. run.py calls `bench()` and adds `markdown()` to RESULTS.md."""

from __future__ import annotations

import shutil
from pathlib import Path


def bench(work: Path, runs: int, n: int, *, measure, summarise, log, html_cmd, generate, repo: Path) -> dict:
    """{'standard': summary, 'synthetic': summary (with 'requirements')}."""
    result: dict = {}
    synthetic = work / f"gen-{n}"
    if not (synthetic / "standard").is_dir():
        generate.generate(synthetic, n)
    for key, src, what in (("standard", repo / "standard", "the standard"),
                           ("synthetic", synthetic / "standard", f"N={n:,}")):
        out = work / f"docx-{key}"
        log(f"DOCX of {what}, clean x{runs}")
        runs_done = []
        for _ in range(runs):
            shutil.rmtree(out, ignore_errors=True)
            runs_done.append(measure(html_cmd(src, out, "docx")))
        summary = summarise(runs_done)
        if runs_done[-1].rc != 0:
            summary["error"] = runs_done[-1].err.strip().splitlines()[-3:]
        else:
            built = sorted(out.glob("*.docx"))
            summary["size_kb"] = round(built[0].stat().st_size / 1024, 1) if built else None
        if key == "synthetic":
            summary["requirements"] = n
        result[key] = summary
    return result


def markdown(res: dict) -> list[str]:
    docx = res.get("docx")
    if not docx:
        return []
    lines = ["", "## Word (DOCX)", "",
             "`sphinx-build -b docx` (stkit.docx), clean: read, assemble, write with python-docx, "
             "check the OOXML parts.", "",
             "| source | runs | median (s) | peak RSS (MB) | file (KB) |", "|---|---|---|---|---|"]
    for key, label in (("standard", "the standard"), ("synthetic", "synthetic")):
        row = docx.get(key)
        if not row:
            continue
        if key == "synthetic":
            label = f"{row['requirements']:,} requirements"
        lines.append(f"| {label} | {len(row['runs_s'])} | {row['median_s']} | {row['peak_rss_mb']} "
                     f"| {row.get('size_kb', '')} |")
        if row.get("error"):
            lines.append(f"\nThe DOCX build of {label} failed: `{' | '.join(row['error'])}`")
    return lines
