"""`make bench`: speed and scale of stkit, side by side with sphinx-needs, on this machine.

Every figure is a whole-process wall time of a subprocess (median of several runs) or the
peak resident memory of one (from wait4). Writes benchmarks/results.json and
benchmarks/RESULTS.md; exits 1 when a build fails or a generated table is stale after an
incremental rebuild. See docs/benchmarks.md for what each figure means.

    python benchmarks/run.py [--quick] [--out DIR] [--no-50k]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))

import docx_bench  # noqa: E402
import generate  # noqa: E402
import needs_project  # noqa: E402
import verify  # noqa: E402

BIN = Path(sys.executable).parent
PY = sys.executable
STKIT = [str(BIN / "stkit")]
SPHINX = [str(BIN / "sphinx-build")]

TARGETS = {
    "check_standard": ("stkit check on the standard, whole process", "< 0.5 s"),
    "check_10k": ("stkit check at 10,000 requirements", "< 3 s"),
    "check_ratio": ("time(10k) / time(1k)", "<= 12"),
    "html_vs_needs": ("HTML of 2,000 requirements vs sphinx-needs", ">= 3x faster"),
    "incremental_para": ("incremental rebuild after a one-paragraph edit, no stale table", "< 3 s"),
    "pdf_memory": ("PDF build peak memory", "< 500 MB"),
}


@dataclass
class Run:
    wall: float
    rss_mb: float
    rc: int
    err: str


# Each command is started by this small wrapper, which reports the wall time and the peak
# RSS of its child. Linux starts a child's peak-RSS count at the RSS of the process that
# forked it, and this script grows to hundreds of MB (it generates 50,000 requirements), so
# a command forked from here would be reported at least that big.
_WRAPPER = """
import os, resource, sys, time
start = time.perf_counter()
pid = os.fork()
if pid == 0:
    try:
        os.execv(sys.argv[2], sys.argv[2:])
    finally:
        os._exit(127)
_, status = os.waitpid(pid, 0)
wall = time.perf_counter() - start
with open(sys.argv[1], "w") as out:
    out.write(f"{wall} {resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss}")
code = os.waitstatus_to_exitcode(status)
sys.exit(code if code >= 0 else 128 - code)
"""


def measure(cmd: list[str], cwd: Path | None = None, env: dict | None = None) -> Run:
    """Run `cmd` once: its wall time and peak resident set size (with the children it waits for)."""
    with tempfile.TemporaryFile() as err, tempfile.NamedTemporaryFile("r", suffix=".txt") as report:
        program = shutil.which(cmd[0]) or cmd[0]
        proc = subprocess.run([PY, "-I", "-S", "-c", _WRAPPER, report.name, program, *cmd[1:]],
                              cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=err)
        err.seek(0)
        text = err.read().decode("utf-8", "replace")
        wall, rss_kb = report.read().split()
    return Run(float(wall), int(rss_kb) / 1024, proc.returncode, text)


def summarise(runs: list[Run]) -> dict:
    return {"median_s": round(statistics.median(r.wall for r in runs), 3),
            "runs_s": [round(r.wall, 3) for r in runs],
            "peak_rss_mb": round(max(r.rss_mb for r in runs), 1),
            "exit_codes": sorted({r.rc for r in runs})}


def log(message: str) -> None:
    print(f"bench: {message}", flush=True)


def warnings_in(err: str) -> int:
    return sum(1 for line in err.splitlines() if "WARNING" in line or "ERROR" in line)


# --- environment --------------------------------------------------------------------------

def environment() -> dict:
    def version(module: str) -> str | None:
        try:
            from importlib.metadata import version as v
            return v(module)
        except Exception:  # noqa: BLE001 - not installed
            return None
    return {"cores": os.cpu_count(), "python": platform.python_version(),
            "platform": platform.platform(terse=True), "machine": platform.machine(),
            "sphinx": version("sphinx"), "myst-parser": version("myst-parser"),
            "docutils": version("docutils"), "sphinx-needs": version("sphinx-needs"),
            "weasyprint": version("weasyprint"), "pyyaml": version("pyyaml"),
            "jsonschema": version("jsonschema"),
            "date": time.strftime("%Y-%m-%d"),
            "load_average_at_start": [round(x, 2) for x in os.getloadavg()]}


# --- the checker --------------------------------------------------------------------------

def bench_check_standard(runs: int) -> dict:
    log(f"stkit check on the standard x{runs}")
    results = [measure(STKIT + ["check", "--root", str(REPO)]) for _ in range(runs)]
    out = summarise(results)
    out["clean"] = results[-1].rc == 0
    return out


def bench_check_scale(work: Path, sizes: list[tuple[int, int]], limit_50k: bool) -> dict:
    out: dict = {}
    for n, runs in sizes:
        if n >= 50_000 and limit_50k:
            t10 = out.get("10000", {}).get("median_s")
            if t10 is None or t10 * 5 * 1.3 > 60:
                out[str(n)] = {"skipped": f"predicted over a minute (10k took {t10} s)"}
                continue
        root = work / f"check-{n}"
        generate.generate(root, n)
        log(f"stkit check at N={n:,} x{runs}")
        results = [measure(STKIT + ["check", "--root", str(root)]) for _ in range(runs)]
        out[str(n)] = summarise(results)
        out[str(n)]["clean"] = all(r.rc == 0 for r in results)
        if not out[str(n)]["clean"]:
            out[str(n)]["error"] = results[-1].err.strip().splitlines()[-1:]  # the summary line
        shutil.rmtree(root)
    return out


# --- HTML ---------------------------------------------------------------------------------

def html_cmd(src: Path, out: Path, builder: str = "html", conf: Path = REPO) -> list[str]:
    return SPHINX + ["-b", builder, "-c", str(conf), "-q", str(src), str(out)]


def clean_builds(make_cmd, out: Path, runs: int, what: str) -> tuple[dict, Run]:
    log(f"{what} x{runs}")
    results = []
    for _ in range(runs):
        shutil.rmtree(out, ignore_errors=True)
        results.append(measure(make_cmd()))
    summary = summarise(results)
    summary["warnings"] = warnings_in(results[-1].err)
    if results[-1].rc != 0:
        summary["error"] = results[-1].err.strip().splitlines()[-3:]
    return summary, results[-1]


def bench_html_standard(work: Path, runs: int) -> dict:
    out = work / "html-standard"
    summary, _ = clean_builds(lambda: html_cmd(REPO / "standard", out), out, runs,
                              "HTML of the standard, clean")
    return summary


def bench_html_2000(work: Path, n: int, runs: int) -> dict:
    root = work / f"gen-{n}"
    generate.generate(root, n)
    ours_out = work / f"html-{n}"
    result: dict = {"requirements": n}
    result["stkit"], last = clean_builds(lambda: html_cmd(root / "standard", ours_out), ours_out, runs,
                                         f"HTML of N={n:,} with stkit.sphinx, clean")
    if last.rc == 0:
        problems = verify.check_tables(root, ours_out)
        result["stkit"]["tables_right"] = not problems
        result["stkit"]["table_problems"] = problems[:10]
    needs_src = needs_project.write(root, work / f"needs-{n}")
    needs_out = work / f"needs-html-{n}"
    result["sphinx_needs"], _ = clean_builds(
        lambda: SPHINX + ["-b", "html", "-q", str(needs_src), str(needs_out)], needs_out, runs,
        f"HTML of N={n:,} with sphinx-needs, clean")
    plain_src = needs_project.write(root, work / f"plain-{n}", plain=True)
    plain_out = work / f"plain-html-{n}"
    result["plain_sphinx"], _ = clean_builds(
        lambda: SPHINX + ["-b", "html", "-q", str(plain_src), str(plain_out)], plain_out, runs,
        f"HTML of N={n:,} with Sphinx and MyST alone, clean")
    ours, theirs = result["stkit"]["median_s"], result["sphinx_needs"]["median_s"]
    floor = result["plain_sphinx"]["median_s"]
    result["needs_over_stkit"] = round(theirs / ours, 2)
    result["needs_over_plain"] = round(theirs / floor, 2)
    result["overhead_s"] = {"stkit": round(ours - floor, 3), "sphinx_needs": round(theirs - floor, 3)}
    return result


# --- incremental rebuilds -----------------------------------------------------------------

_PARA_LINE = re.compile(r"^(\d+)\. (.*)$", re.M)


def edit_paragraph(path: Path, k: int) -> None:
    """Change the wording of one numbered paragraph (not its number)."""
    text = path.read_text(encoding="utf-8")
    m = list(_PARA_LINE.finditer(text))[1]
    new = f"{m.group(1)}. Edit {k}: {m.group(2)}"
    path.write_text(text[:m.start()] + new + text[m.end():], encoding="utf-8")


def edit_requirement(root: Path, req_id: str, k: int) -> dict:
    """Change one requirement's title and statement, and add an IP5 principle and a challenge
    it answers; returns the requirement as the registry now has it."""
    path = root / "requirements_registry.yaml"
    text = path.read_text(encoding="utf-8")
    start = text.index(f"  - id: {req_id}\n")
    end = text.find("\n  - id: ", start + 1)
    end = len(text) if end < 0 else end
    block = text[start:end]
    data = verify.load_registry(root)
    req = next(r for r in data["requirements"] if r["id"] == req_id)
    title = f"Edited title {k} of {req_id}"
    keyword = req["obligation"]
    statement = f"A data provider {keyword} keep the edited wording number {k} for every data set."
    new_p = next(p for p in generate.PRINCIPLES if p not in req["ip5"])
    new_c = next(c for c in generate.CHALLENGES if c not in req["challenges"])
    block = re.sub(r"(?m)^    title: .*$", f"    title: {json.dumps(title)}", block, count=1)
    block = re.sub(r"(?m)^    statement: .*$", f"    statement: {json.dumps(statement)}", block, count=1)
    block = re.sub(r"(?m)^    ip5: \[(.*)\]$", lambda m: f"    ip5: [{m.group(1)}, {new_p}]", block, count=1)
    block = re.sub(r"(?m)^    challenges: \[(.*)\]$", lambda m: f"    challenges: [{m.group(1)}, {new_c}]",
                   block, count=1)
    path.write_text(text[:start] + block + text[end:], encoding="utf-8")
    return next(r for r in verify.load_registry(root)["requirements"] if r["id"] == req_id)


def bench_incremental(work: Path, n: int, runs: int) -> dict:
    root = work / f"gen-{n}"
    out = work / f"html-{n}"  # the last clean build of bench_html_2000
    gen_files = sorted((root / "standard").glob("section-*.md"))
    result: dict = {"requirements": n}
    log("warm build for the incremental runs")
    first = measure(html_cmd(root / "standard", out))
    result["noop_rebuild_s"] = round(first.wall, 3)

    para_runs, para_problems = [], []
    for k in range(runs):
        path = gen_files[(k * 7) % len(gen_files)]
        edit_paragraph(path, k)
        log(f"incremental: one paragraph edited in {path.name}")
        r = measure(html_cmd(root / "standard", out))
        para_runs.append(r)
        para_problems += _rebuild_problems(r, root, out)
    result["paragraph_edit"] = summarise(para_runs)
    result["paragraph_edit"]["stale_or_wrong"] = para_problems[:10]

    req_runs, req_problems = [], []
    active = [r for r in verify.load_registry(root)["requirements"] if r["status"] == "active"]
    for k in range(runs):
        req = active[(k * 397 + 11) % len(active)]
        edited = edit_requirement(root, req["id"], k)
        log(f"incremental: requirement {req['id']} edited in the registry")
        r = measure(html_cmd(root / "standard", out))
        req_runs.append(r)
        req_problems += _rebuild_problems(r, root, out)
        page = _placement_page(root, req["id"])
        if page:
            req_problems += verify.check_placement(out, page, edited)
    result["requirement_edit"] = summarise(req_runs)
    result["requirement_edit"]["stale_or_wrong"] = req_problems[:10]
    result["tables_right"] = not para_problems and not req_problems
    return result


def _rebuild_problems(run: Run, root: Path, out: Path) -> list[str]:
    if run.rc != 0:
        return [f"rebuild failed: {' | '.join(run.err.strip().splitlines()[-3:])}"]
    return verify.check_tables(root, out)


def _placement_page(root: Path, req_id: str) -> str | None:
    needle = f"{{requirement}} {req_id}\n"
    for path in sorted((root / "standard").glob("*.md")):
        if needle in path.read_text(encoding="utf-8"):
            return path.with_suffix(".html").name
    return None


# --- PDF ----------------------------------------------------------------------------------

def bench_pdf(work: Path, runs: int) -> dict:
    single = work / "singlehtml"
    shutil.rmtree(single, ignore_errors=True)
    log("singlehtml of the standard")
    sh = measure(html_cmd(REPO / "standard", single, "singlehtml"))
    result: dict = {"singlehtml_s": round(sh.wall, 3), "singlehtml_rss_mb": round(sh.rss_mb, 1)}
    if sh.rc != 0:
        result["error"] = sh.err.strip().splitlines()[-3:]
        return result
    log(f"PDF of the standard x{runs}")
    pdf_runs = []
    for _ in range(runs):
        out = work / "pdf"
        shutil.rmtree(out, ignore_errors=True)
        pdf_runs.append(measure([PY, "-m", "stkit.pdf", str(single), str(out), "--root", str(REPO)]))
    result.update(summarise(pdf_runs))
    if pdf_runs[-1].rc != 0:
        result["error"] = pdf_runs[-1].err.strip().splitlines()[-3:]
    return result


# --- report -------------------------------------------------------------------------------

def verdicts(res: dict) -> dict:
    def get(*path):
        node = res
        for p in path:
            if not isinstance(node, dict) or p not in node:
                return None
            node = node[p]
        return node

    v: dict = {}
    cs = get("check_standard", "median_s")
    v["check_standard"] = (cs, cs is not None and cs < 0.5)
    t10 = get("check_scale", "10000", "median_s")
    v["check_10k"] = (t10, t10 is not None and t10 < 3)
    t1 = get("check_scale", "1000", "median_s")
    ratio = round(t10 / t1, 2) if t10 and t1 else None
    v["check_ratio"] = (ratio, ratio is not None and ratio <= 12)
    r = get("html_2000", "needs_over_stkit")
    v["html_vs_needs"] = (r, r is not None and r >= 3)
    inc = get("incremental", "paragraph_edit", "median_s")
    v["incremental_para"] = (inc, inc is not None and inc < 3 and bool(get("incremental", "tables_right")))
    mem = get("pdf", "peak_rss_mb")
    v["pdf_memory"] = (mem, mem is not None and mem < 500 and not get("pdf", "error"))
    return {k: {"value": val, "met": ok, "target": TARGETS[k][1], "what": TARGETS[k][0]}
            for k, (val, ok) in v.items()}


def markdown(res: dict) -> str:
    env = res["environment"]
    lines = ["# Benchmark results", "",
             f"Written by `make bench` (benchmarks/run.py) on {env['date']}: {env['cores']} cores, "
             f"Python {env['python']}, Sphinx {env['sphinx']}, MyST-Parser {env['myst-parser']}, "
             f"docutils {env['docutils']}, sphinx-needs {env['sphinx-needs']}, "
             f"WeasyPrint {env['weasyprint']}, {env['platform']}.",
             "Times are whole-process wall times in seconds, medians of the runs shown; memory is "
             "the peak resident set size. docs/benchmarks.md explains each figure. Load average "
             f"(1, 5, 15 min) at the start {env['load_average_at_start']}, at the end "
             f"{env.get('load_average_at_end')}: other work on the machine slows every figure.", "",
             "## Targets", "", "| target | goal | measured | met |", "|---|---|---|---|"]
    units = {"check_standard": " s", "check_10k": " s", "check_ratio": "", "html_vs_needs": "x",
             "incremental_para": " s", "pdf_memory": " MB"}
    for key, v in res["verdicts"].items():
        value = "not measured" if v["value"] is None else f"{v['value']}{units[key]}"
        lines.append(f"| {v['what']} | {v['target']} | {value} | {'yes' if v['met'] else '**no**'} |")
    lines += ["", "## The checker (`stkit check`, whole process)", "",
              "| standard | requirements | runs | median s | peak MB | clean |", "|---|---|---|---|---|---|"]
    cs = res.get("check_standard", {})
    if "median_s" in cs:
        lines.append(f"| this repository's | {res.get('standard_requirements', '?')} | {len(cs['runs_s'])} | "
                     f"{cs['median_s']} | {cs['peak_rss_mb']} | {'yes' if cs['clean'] else 'no (it has findings)'} |")
    for n, row in res.get("check_scale", {}).items():
        label = f"{int(n):,}"
        if "skipped" in row:
            lines.append(f"| synthetic | {label} | - | skipped: {row['skipped']} | | |")
        else:
            lines.append(f"| synthetic | {label} | {len(row['runs_s'])} | {row['median_s']} | "
                         f"{row['peak_rss_mb']} | {'yes' if row['clean'] else 'NO'} |")
    h = res.get("html_standard", {})
    h2 = res.get("html_2000", {})
    lines += ["", "## HTML builds (clean)", "",
              "| what | runs | median s | peak MB | warnings |", "|---|---|---|---|---|"]
    if "median_s" in h:
        lines.append(f"| this repository's standard, stkit.sphinx | {len(h['runs_s'])} | {h['median_s']} | "
                     f"{h['peak_rss_mb']} | {h['warnings']} |")
    for key, name in (("stkit", "stkit.sphinx (4 generated tables)"), ("sphinx_needs", "sphinx-needs (1 needtable)"),
                      ("plain_sphinx", "Sphinx and MyST alone (no extension, no table)")):
        row = h2.get(key)
        if row:
            lines.append(f"| {h2['requirements']:,} synthetic requirements, {name} | {len(row['runs_s'])} | "
                         f"{row['median_s']} | {row['peak_rss_mb']} | {row['warnings']} |")
    if "needs_over_stkit" in h2:
        lines += ["", f"sphinx-needs time / stkit.sphinx time: **{h2['needs_over_stkit']}** "
                  f"(the target is 3 or more). Generated tables right after the clean build: "
                  f"{'yes' if h2['stkit'].get('tables_right') else 'NO'}.",
                  "",
                  f"Sphinx and MyST alone take {h2['plain_sphinx']['median_s']} s on the same text, so no extension "
                  f"can be more than {h2['needs_over_plain']}x faster than sphinx-needs here. Time over that floor: "
                  f"stkit.sphinx {h2['overhead_s']['stkit']} s, sphinx-needs {h2['overhead_s']['sphinx_needs']} s."]
    inc = res.get("incremental", {})
    if inc:
        lines += ["", f"## Incremental HTML rebuilds ({inc['requirements']:,} requirements)", "",
                  "| edit | runs | median s | every table right afterwards |", "|---|---|---|---|",
                  f"| none (first rebuild after the clean build) | 1 | {inc['noop_rebuild_s']} | |"]
        for key, name in (("paragraph_edit", "one paragraph in one file"),
                          ("requirement_edit", "one requirement in the registry (title, statement, IP5, challenge)")):
            row = inc[key]
            ok = "yes" if not row["stale_or_wrong"] else "NO: " + "; ".join(row["stale_or_wrong"][:3])
            lines.append(f"| {name} | {len(row['runs_s'])} | {row['median_s']} | {ok} |")
    pdf = res.get("pdf", {})
    if pdf:
        lines += ["", "## PDF of this repository's standard", ""]
        if "median_s" in pdf:
            lines += ["| step | runs | median s | peak MB |", "|---|---|---|---|",
                      f"| singlehtml build | 1 | {pdf['singlehtml_s']} | {pdf['singlehtml_rss_mb']} |",
                      f"| python -m stkit.pdf | {len(pdf['runs_s'])} | {pdf['median_s']} | {pdf['peak_rss_mb']} |"]
        if pdf.get("error"):
            lines.append(f"\nThe PDF step failed: `{' | '.join(pdf['error'])}`")
    if res.get("notes"):
        lines += ["", "## Notes", ""] + [f"- {n}" for n in res["notes"]]
    lines += docx_bench.markdown(res)
    lines += ["", f"Total time of this run: {res['total_s']} s.", ""]
    return "\n".join(lines)


NOTES = [
    "The synthetic standards come from benchmarks/generate.py (seed 1): requirements in the ten "
    "groups of docs/authoring.md, numbered 001 ... in each group; past 999 in a group (N > 9,990) the "
    "schema's four-digit form IPDX-DAT-1000 is used. N = 10,000 is therefore 10,000 requirements.",
    "The generator keeps the main body to 9,999 numbered paragraphs: three per requirement up to about 3,300 requirements, "
    "fewer above (at 10,000 some requirements follow the previous one without a paragraph of their own).",
    "About one requirement in a hundred is withdrawn (listed in the tables, not placed in the text).",
    "The sphinx-needs project is the same MyST text, with each requirement a `req` need (:id:, :status:, "
    ":tags:, :links:) and one `needtable`; it has no counterpart of the IP5, survey and references tables, "
    "so it does less work than the stkit build. Both use the furo theme and build serially.",
]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="fewer runs and smaller N (a smoke run)")
    parser.add_argument("--out", type=Path, default=HERE, help="where to write results.json and RESULTS.md")
    parser.add_argument("--no-50k", action="store_true", help="skip N = 50,000")
    parser.add_argument("--keep", action="store_true", help="keep the work folder (printed)")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    quick = args.quick
    work = Path(tempfile.mkdtemp(prefix="stkit-bench-"))
    res: dict = {"environment": environment(), "quick": quick, "notes": list(NOTES)}
    failed: list[str] = []
    try:
        res["standard_requirements"] = len(verify.load_registry(REPO)["requirements"])
        res["check_standard"] = bench_check_standard(3 if quick else 7)
        sizes = [(1000, 3 if quick else 5), (10_000, 1 if quick else 3)]
        if not args.no_50k and not quick:
            sizes.append((50_000, 1))
        res["check_scale"] = bench_check_scale(work, sizes, limit_50k=True)
        slow = 1 if quick else 3
        n_html = 200 if quick else 2000
        have_conf = (REPO / "conf.py").is_file()
        if not have_conf:
            res["notes"].append("conf.py is missing: the HTML, incremental and PDF figures were not measured.")
            failed.append("conf.py missing")
        else:
            res["html_standard"] = bench_html_standard(work, slow)
            res["html_2000"] = bench_html_2000(work, n_html, slow)
            if res["html_2000"]["stkit"].get("error"):
                failed.append("the HTML build of the synthetic standard failed")
            else:
                res["incremental"] = bench_incremental(work, n_html, slow)
                if not res["incremental"]["tables_right"]:
                    failed.append("a generated table was stale or wrong after an incremental rebuild")
            if not res["html_2000"]["stkit"].get("tables_right", True):
                failed.append("a generated table was wrong after the clean build")
            res["pdf"] = bench_pdf(work, slow)
            if res["pdf"].get("error"):
                failed.append("the PDF build failed")
            res["docx"] = docx_bench.bench(work, slow, n_html, measure=measure, summarise=summarise, log=log,
                                           html_cmd=html_cmd, generate=generate, repo=REPO)
            if any(row.get("error") for row in res["docx"].values()):
                failed.append("a DOCX build failed")
    finally:
        if args.keep:
            log(f"work folder kept: {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    res["total_s"] = round(time.perf_counter() - started, 1)
    res["environment"]["load_average_at_end"] = [round(x, 2) for x in os.getloadavg()]
    res["verdicts"] = verdicts(res)
    res["failed"] = failed
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "results.json").write_text(json.dumps(res, indent=2) + "\n", encoding="utf-8")
    (args.out / "RESULTS.md").write_text(markdown(res), encoding="utf-8")
    for key, v in res["verdicts"].items():
        log(f"{v['what']}: {v['value']} (target {v['target']}) {'met' if v['met'] else 'NOT met'}")
    log(f"wrote {args.out / 'RESULTS.md'} in {res['total_s']} s")
    for f in failed:
        print(f"bench: error: {f}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
