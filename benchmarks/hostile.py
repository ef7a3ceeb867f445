"""Adversarial sizes for `make bench`: inputs built to make a scan quadratic (or worse), and the
cost of reading the sources through markdown-it's tokens (guard/markdown.py).

Each case is a copy of the mini standard (tests/fixtures/mini) with one hostile line or
registry, checked by the real `stkit check` in a subprocess (measured like every other figure
of run.py). A linear scan keeps the time of the larger size near its size ratio times the
smaller one; the ratio is written down so that a regression shows. See docs/benchmarks.md.

    python benchmarks/hostile.py [--quick]     # this part alone
"""

from __future__ import annotations

import os
import shutil
import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
MINI = REPO / "tests" / "fixtures" / "mini"
sys.path.insert(0, str(REPO / "tools"))

# (name, what the line holds, sizes): one Markdown line of `size` repetitions.
LINES = [
    ("link_pairs", "a line of `](` pairs", "](", (20_000, 100_000)),
    ("backticks", "a line of backticks without a closing run", "`", (2_000, 20_000)),
    ("tick_runs", "backtick runs of growing length, none closed", None, (150, 600)),
    ("brackets", "a line of `[a` openers", "[a", (10_000, 50_000)),
    ("images", "a line of `![](` openers", "![](", (5_000, 25_000)),
    ("dotted", "a line of `a.` (scheme-like words)", "a.", (20_000, 100_000)),
    # not one line: paragraphs numbered 100 with their items 4 spaces in, each an SRC013
    ("short_indent", "paragraphs `100.` with items 4 spaces in (code blocks)",
     "\n\n100. Text:\n\n    (a) item", (2_000, 10_000)),
]
DUPLICATES = (1_000, 5_000)  # requirements that all carry the same ID


def _copy(work: Path, name: str) -> Path:
    root = work / name
    shutil.rmtree(root, ignore_errors=True)
    shutil.copytree(MINI, root)
    return root


def _hostile_line(piece: str | None, size: int) -> str:
    if piece is None:  # runs of 1, 2, 3 ... backticks, each followed by a letter
        return "".join("`" * k + "x" for k in range(1, size + 1))
    return piece * size


def _duplicate_registry(root: Path, copies: int) -> None:
    """`copies` requirements, every one with the ID of the first (NUM003 for all but one)."""
    path = root / "requirements_registry.yaml"
    text = path.read_text(encoding="utf-8")
    start = text.index("  - id: IPDX-FMT-001")
    end = text.index("  - id:", start + 1)
    one = text[start:end]
    path.write_text(text[:end] + one * copies + text[end:], encoding="utf-8")


def _check(measure, root: Path, runs: int) -> dict:
    # Without the checker's cache (usercache.py): every run judges the hostile text again, as the
    # first check of a pull request does; with it, runs after the first would time a cache hit.
    env = {**os.environ, "STKIT_CACHE_DIR": "off"}
    results = [measure([str(Path(sys.executable).parent / "stkit"), "check", "--root", str(root)], env=env)
               for _ in range(runs)]
    return {"median_s": round(statistics.median(r.wall for r in results), 3),
            "exit_codes": sorted({r.rc for r in results}),
            "traceback": any("Traceback" in r.err for r in results)}


def token_pass_cost(runs: int) -> dict:
    """In-process: scanning the standard's sources line by line, and judging them from
    markdown-it's tokens on top (what the guard adds to every `stkit check` and build)."""
    from stkit.guard.markdown import judge_text, parser
    from stkit.sources import scan

    parser()  # built once per process, as in a run
    files = sorted((REPO / "standard").glob("*.md"))
    texts = [(f"standard/{f.name}", f.read_text(encoding="utf-8")) for f in files]

    def timed(step) -> float:
        times = []
        for _ in range(runs):
            start = time.perf_counter()
            for path, text in texts:
                step(path, text)
            times.append(time.perf_counter() - start)
        return round(statistics.median(times), 4)

    scan_s = timed(scan)
    judge_s = timed(lambda path, text: judge_text(path, text, scan(path, text)))
    return {"files": len(texts), "bytes": sum(len(t.encode()) for _, t in texts),
            "scan_s": scan_s, "scan_and_tokens_s": judge_s,
            "tokens_s": round(judge_s - scan_s, 4)}


def run(work: Path, measure, quick: bool = False, log=print) -> dict:
    """Every adversarial case at two sizes; `measure(cmd)` is run.py's (wall time, memory)."""
    runs = 1 if quick else 3
    out: dict = {"lines": {}, "duplicate_ids": {}}
    for name, what, piece, sizes in LINES:
        case = {"what": what}
        for size in sizes:
            root = _copy(work, f"hostile-{name}")
            with open(root / "standard" / "02-requirements.md", "a", encoding="utf-8") as handle:
                handle.write("\n6. " + _hostile_line(piece, size) + "\n")
            log(f"stkit check on {what}, {size:,}")
            case[str(size)] = _check(measure, root, runs)
            shutil.rmtree(root)
        small, large = (case[str(s)]["median_s"] for s in sizes)
        case["size_ratio"] = round(sizes[1] / sizes[0], 1)
        case["time_ratio"] = round(large / small, 1) if small else None
        out["lines"][name] = case
    for copies in DUPLICATES:
        root = _copy(work, "hostile-duplicates")
        _duplicate_registry(root, copies)
        log(f"stkit check on {copies:,} requirements with one ID")
        out["duplicate_ids"][str(copies)] = _check(measure, root, runs)
        shutil.rmtree(root)
    out["token_pass"] = token_pass_cost(3 if quick else 10)
    return out


def markdown(res: dict | None) -> list[str]:
    """The section of RESULTS.md."""
    if not res:
        return []
    lines = ["", "## Adversarial input (benchmarks/hostile.py)", "",
             "`stkit check` on the mini standard with one hostile line or registry (exit 1 is "
             "expected where the input is an error; no run may end in a traceback). A linear scan "
             "keeps the time ratio near the size ratio (most of each time is starting Python).", "",
             "| input | sizes | times (s) | time ratio | size ratio | traceback |", "|---|---|---|---|---|---|"]
    for case in res["lines"].values():
        sizes = [k for k in case if k.isdigit()]
        lines.append(f"| {case['what']} | {' / '.join(f'{int(s):,}' for s in sizes)} | "
                     f"{' / '.join(str(case[s]['median_s']) for s in sizes)} | {case['time_ratio']} | "
                     f"{case['size_ratio']} | {'yes' if any(case[s]['traceback'] for s in sizes) else 'no'} |")
    dup = res["duplicate_ids"]
    sizes = sorted(dup, key=int)
    lines.append(f"| requirements sharing one ID | {' / '.join(f'{int(s):,}' for s in sizes)} | "
                 f"{' / '.join(str(dup[s]['median_s']) for s in sizes)} | "
                 f"{round(dup[sizes[1]]['median_s'] / dup[sizes[0]]['median_s'], 1)} | "
                 f"{round(int(sizes[1]) / int(sizes[0]), 1)} | "
                 f"{'yes' if any(dup[s]['traceback'] for s in sizes) else 'no'} |")
    tp = res["token_pass"]
    lines += ["", f"Reading the standard through markdown-it's tokens (links, directives, options, "
              f"front matter; guard/markdown.py) on top of the line scan: {tp['tokens_s']} s for "
              f"{tp['files']} files ({tp['bytes']:,} bytes); the line scan alone: {tp['scan_s']} s "
              "(in-process medians)."]
    return lines


if __name__ == "__main__":
    import tempfile

    sys.path.insert(0, str(HERE))
    from run import measure  # noqa: E402

    quick = "--quick" in sys.argv
    with tempfile.TemporaryDirectory(prefix="stkit-hostile-") as folder:
        result = run(Path(folder), measure, quick)
    print("\n".join(markdown(result)))
