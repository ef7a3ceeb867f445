"""`make bench` (translations): does the English `make html` stay as fast with translations?

Builds the repository's standard in English (`sphinx-build -b html -c . -j 1`, clean each
time) at a base revision (default: the one before translations were added; `--base REV`) and in the working
tree, alternating, and compares the medians of wall and CPU time; `stkit check` the same way
(the TRN rules read every PO file). Writes benchmarks/RESULTS-translation.md and
benchmarks/results-translation.json; exits 1 when the English build is more than 20 % slower.

    python benchmarks/translation_bench.py [--base REV] [--runs N]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
LIMIT = 1.20


def timed(command: list[str], cwd: Path, env: dict) -> tuple[float, float]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode not in (0, 1) or (done.returncode and "sphinx" in command[2]):
        sys.exit(f"translation_bench: {' '.join(command[:4])} failed in {cwd.name}:\n{done.stderr[-2000:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def tree(rev: str | None, folder: Path) -> Path:
    """The repository at `rev` (None: the working tree as it is), copied into `folder`."""
    folder.mkdir(parents=True)
    if rev is None:
        for name in ("conf.py", "requirements_registry.yaml", "standard", "tools", "locale"):
            src = REPO / name
            if src.is_dir():
                shutil.copytree(src, folder / name, ignore=shutil.ignore_patterns("__pycache__", "*.mo"))
            elif src.exists():
                shutil.copy2(src, folder / name)
        return folder
    archive = subprocess.run(["git", "-C", str(REPO), "archive", rev], capture_output=True, check=True)
    subprocess.run(["tar", "-x", "-C", str(folder)], input=archive.stdout, check=True)
    return folder


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--base", default=None, help="default: the revision before translations "
                        "(the parent of the commit that added tools/stkit/translation/)")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    if args.base is None:
        added = subprocess.run(["git", "-C", str(REPO), "log", "--diff-filter=A", "--format=%H", "-1",
                                "--", "tools/stkit/translation/__init__.py"],
                               capture_output=True, text=True, check=True).stdout.strip()
        args.base = f"{added}~1" if added else "HEAD"
    py = sys.executable
    results: dict = {"base": args.base, "runs": args.runs, "machine": platform.machine(),
                     "cpus": os.cpu_count(), "load": os.getloadavg()[0]}
    with tempfile.TemporaryDirectory(prefix="stkit-trn-bench-") as tmp:
        sides = {"base": tree(args.base, Path(tmp) / "base"), "head": tree(None, Path(tmp) / "head")}
        samples = {f"{side}-{what}": [] for side in sides for what in ("html", "check")}
        for _ in range(args.runs):
            for side, root in sides.items():
                env = {**os.environ, "STKIT_ROOT": str(root), "PYTHONPATH": str(root / "tools")}
                out = root / "build"
                shutil.rmtree(out, ignore_errors=True)
                samples[f"{side}-html"].append(timed(
                    [py, "-m", "sphinx", "-b", "html", "-c", str(root), "-q", "-j", "1",
                     str(root / "standard"), str(out / "html")], root, env))
                samples[f"{side}-check"].append(timed(
                    [py, "-m", "stkit", "check", "--root", str(root)], root, env))
    for key, values in samples.items():
        results[key] = {"wall": statistics.median(v[0] for v in values),
                        "cpu": statistics.median(v[1] for v in values)}
    ratio = {what: {kind: results[f"head-{what}"][kind] / results[f"base-{what}"][kind]
                    for kind in ("wall", "cpu")} for what in ("html", "check")}
    results["ratio"] = ratio
    (HERE / "results-translation.json").write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    lines = ["# Translations: the English build's time", "",
             f"Base `{args.base}` (before translations) against the working tree (English build with "
             f"`languages: [en, fr, es]`, the language switch and the TRN rules); median of "
             f"{args.runs} clean runs each, alternating, `-j 1`; {results['cpus']} CPUs, load "
             f"{results['load']:.1f} at the start.", "",
             "| what | base wall (s) | head wall (s) | wall ratio | base CPU (s) | head CPU (s) | CPU ratio |",
             "|---|---|---|---|---|---|---|"]
    for what, name in (("html", "English `sphinx-build -b html`"), ("check", "`stkit check`")):
        b, h = results[f"base-{what}"], results[f"head-{what}"]
        lines.append(f"| {name} | {b['wall']:.2f} | {h['wall']:.2f} | {ratio[what]['wall']:.2f} | "
                     f"{b['cpu']:.2f} | {h['cpu']:.2f} | {ratio[what]['cpu']:.2f} |")
    lines += ["", f"Limit: the English build at most {LIMIT:.2f} times the base (CPU time, which the "
              "load of other processes disturbs less than wall time)."]
    (HERE / "RESULTS-translation.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))
    return 0 if ratio["html"]["cpu"] <= LIMIT else 1


if __name__ == "__main__":
    sys.exit(main())
