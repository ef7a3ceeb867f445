"""`make bench`: speed and scale of stkit, side by side with sphinx-needs, on this machine.

Every figure is a whole-process wall time of a subprocess (median of several runs) or the
peak resident memory of one (from wait4). Writes benchmarks/results.json and
benchmarks/RESULTS.md; exits 1 when a build fails or a generated table is stale after an
incremental rebuild. See docs/benchmarks.md for what each figure means.

    python benchmarks/run.py [--quick] [--out DIR] [--no-50k] [--only CASE,...] [--keep]
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
from typing import Callable

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))

import conformance_bench  # noqa: E402
import conformance_bench  # noqa: E402
import docx_bench  # noqa: E402
import generate  # noqa: E402
import hostile  # noqa: E402
import needs_project  # noqa: E402
import pdf_access  # noqa: E402
import verify  # noqa: E402

BIN = Path(sys.executable).parent
PY = sys.executable
STKIT = [str(BIN / "stkit")]
SPHINX = [str(BIN / "sphinx-build")]

@dataclass
class Run:
    wall: float
    rss_mb: float
    rc: int
    err: str
    cpu: float = 0.0  # user + system time of the process and the children it waited for


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
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
with open(sys.argv[1], "w") as out:
    out.write(f"{wall} {usage.ru_maxrss} {usage.ru_utime + usage.ru_stime}")
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
        wall, rss_kb, cpu = report.read().split()
    return Run(float(wall), int(rss_kb) / 1024, proc.returncode, text, float(cpu))


def summarise(runs: list[Run]) -> dict:
    return {"median_s": round(statistics.median(r.wall for r in runs), 3),
            "min_s": round(min(r.wall for r in runs), 3),
            "cpu_s": round(statistics.median(r.cpu for r in runs), 3),
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


# --- how a case is written ----------------------------------------------------------------
#
# A case is a function `case(ctx) -> dict` in CASES below: it measures something and returns
# its figures (JSON-able), stored as results.json[<name>]. Its `report(result, res)` gives
# the lines of its section of RESULTS.md, and TARGETS lists what is judged: a figure, a goal
# and whether it is met. A case that cannot run returns {"skipped": "why"}; one that finds a
# wrong output adds to ctx.failed (make bench then exits 1). To add a case: write the three
# parts and append one Case(...) to CASES.


@dataclass
class Context:
    work: Path  # a temporary folder, removed at the end (--keep keeps it)
    quick: bool  # a smoke run: fewer runs, smaller standards
    no_50k: bool
    res: dict  # every case's result so far (later cases may read earlier ones)
    failed: list[str]

    def runs(self, full: int, quick: int = 1) -> int:
        return quick if self.quick else full


@dataclass
class Case:
    name: str
    run: Callable[[Context], dict]
    report: Callable[[dict, dict], list[str]] | None = None


@dataclass
class Target:
    key: str
    what: str
    goal: str
    value: Callable[[dict], float | None]  # from all results; None: not measured
    met: Callable[[float], bool]
    unit: str = ""
    issue: str = ""  # the issue that set it, if any
    cpu: Callable[[dict], float | None] | None = None  # the same ratio of CPU times, where it means something


def get(res: dict, *path):
    node = res
    for p in path:
        if not isinstance(node, dict) or p not in node:
            return None
        node = node[p]
    return node


def ratio(a, b) -> float | None:
    return round(a / b, 2) if a is not None and b else None


def interleaved(variants: dict[str, Callable[[], Run]], runs: int) -> dict[str, list[Run]]:
    """Each variant `runs` times, taking turns (A B C A B C ...), so a burst of load on a
    shared machine falls on all of them rather than on one."""
    out: dict[str, list[Run]] = {name: [] for name in variants}
    for _ in range(runs):
        for name, once in variants.items():
            out[name].append(once())
    return out


# --- the checker --------------------------------------------------------------------------

def case_check_standard(ctx: Context) -> dict:
    """`stkit check` of this repository's standard, as an editor runs it again and again (its
    cache of parsed catalogues and judged sources warm, stkit/usercache.py), and with the
    cache off (the first check after a change of every catalogue, or in a fresh CI job)."""
    runs = ctx.runs(7, 3)
    log(f"stkit check on the standard x{runs}, with its cache and without")
    cmd = STKIT + ["check", "--root", str(REPO)]
    measure(cmd)  # fills the cache
    timed = interleaved({"warm": lambda: measure(cmd),
                         "cold": lambda: measure(cmd, env={**os.environ, "STKIT_CACHE_DIR": "off"})}, runs)
    out = summarise(timed["warm"])
    out["clean"] = timed["warm"][-1].rc == 0
    out["requirements"] = len(verify.load_registry(REPO)["requirements"])
    out["no_cache"] = summarise(timed["cold"])
    return out


_IMPORTS = "import stkit.cli, stkit.commands.check"
# The modules a check of the standard imports, in the order it imports them (the cache warm).
_MODULES_OF_A_CHECK = """import sys
before = set(sys.modules)
import contextlib, io, json
from stkit.cli import main
with contextlib.redirect_stdout(io.StringIO()):
    main(["check", "--root", sys.argv[1]])
print(json.dumps([m for m in sys.modules if m not in before and m != "__main__"]))"""
_IMPORT_ALL = """import importlib, sys
for name in sys.argv[1:]:
    try:
        importlib.import_module(name)
    except Exception:
        pass"""


def case_check_startup(ctx: Context) -> dict:
    """What `stkit check` of the standard costs before it reads anything: the interpreter, then
    the modules the check imports (every one it needs, found by running it, the cache warm).
    Beside it, the command's own modules before a check imports anything (the old figure)."""
    runs = ctx.runs(15, 5)
    log(f"stkit check start-up x{runs}")
    subprocess.run(STKIT + ["check", "--root", str(REPO)], capture_output=True)  # the cache warm
    done = subprocess.run([PY, "-c", _MODULES_OF_A_CHECK, str(REPO)], capture_output=True, text=True)
    modules = json.loads(done.stdout.splitlines()[-1])
    heavy = sorted({m.split(".")[0] for m in modules} & {
        "jsonschema", "markdown_it", "myst_parser", "docutils", "polib", "babel", "rapidfuzz", "sphinx",
        "weasyprint", "docx", "openpyxl", "jinja2"})
    # Beside it, a check with the cache off (a fresh CI job, or the first check after every
    # file changed): what it imports to parse the YAML, the PO files and the sources itself.
    done = subprocess.run([PY, "-c", _MODULES_OF_A_CHECK, str(REPO)], capture_output=True, text=True,
                          env={**os.environ, "STKIT_CACHE_DIR": "off"})
    cold_modules = json.loads(done.stdout.splitlines()[-1])
    timed = interleaved({"python": lambda: measure([PY, "-c", "pass"]),
                         "check": lambda: measure([PY, "-c", _IMPORT_ALL, *modules]),
                         "cold": lambda: measure([PY, "-c", _IMPORT_ALL, *cold_modules]),
                         "command": lambda: measure([PY, "-c", _IMPORTS])}, runs)
    bare, full, command = summarise(timed["python"]), summarise(timed["check"]), summarise(timed["command"])
    cold = summarise(timed["cold"])
    return {"python_s": bare["median_s"], "with_imports_s": full["median_s"],
            "no_cache_modules": len(cold_modules), "no_cache_imports_s": round(cold["median_s"] - bare["median_s"], 3),
            "no_cache_imports_cpu_s": round(cold["cpu_s"] - bare["cpu_s"], 3),
            "imports_s": round(full["median_s"] - bare["median_s"], 3),
            "imports_cpu_s": round(full["cpu_s"] - bare["cpu_s"], 3),
            "modules": len(modules), "heavy_imported": heavy,
            "command_only_s": round(command["median_s"] - bare["median_s"], 3),
            "command_only_cpu_s": round(command["cpu_s"] - bare["cpu_s"], 3), "runs": runs}


_YAML_FLOOR = "import sys, yaml\nyaml.load(open(sys.argv[1], 'rb'), Loader=yaml.CSafeLoader)"


def case_check_scale(ctx: Context) -> dict:
    sizes = [(1000, ctx.runs(5, 3)), (10_000, ctx.runs(3, 1))]
    if not ctx.no_50k and not ctx.quick:
        sizes.append((50_000, 1))
    out: dict = {}
    for n, runs in sizes:
        if n >= 50_000:
            t10 = get(out, "10000", "median_s")
            if t10 is None or t10 * 5 * 1.3 > 60:
                out[str(n)] = {"skipped": f"predicted over a minute (10k took {t10} s)"}
                continue
        root = ctx.work / f"check-{n}"
        generate.generate(root, n)
        log(f"stkit check at N={n:,} x{runs}, and PyYAML's C loader alone on its registry")
        registry = str(root / "requirements_registry.yaml")
        timed = interleaved({"check": lambda: measure(STKIT + ["check", "--root", str(root)]),
                             "yaml": lambda: measure([PY, "-c", _YAML_FLOOR, registry])}, runs)
        row = summarise(timed["check"])
        row["clean"] = all(r.rc == 0 for r in timed["check"])
        if not row["clean"]:
            row["error"] = timed["check"][-1].err.strip().splitlines()[-1:]  # the summary line
        row["yaml_c_loader"] = summarise(timed["yaml"])
        row["over_yaml"] = ratio(row["median_s"], row["yaml_c_loader"]["median_s"])
        row["qlt_s"] = qlt_seconds(root)
        out[str(n)] = row
        shutil.rmtree(root)
    return out


_QLT_TIMER = """import sys, time
from pathlib import Path
from stkit.checks import quality
from stkit.project import FsTree, load_project
project = load_project(FsTree(Path(sys.argv[1])))
times = []
for _ in range(3):
    start = time.perf_counter(); list(quality.check(project)); times.append(time.perf_counter() - start)
print(sorted(times)[1])"""


def qlt_seconds(root: Path) -> float | None:
    """The quality rules' (QLT) share of a check: their own time on the loaded project,
    median of three, in a process of its own."""
    out = subprocess.run([PY, "-c", _QLT_TIMER, str(root)], capture_output=True, text=True)
    return round(float(out.stdout), 3) if out.returncode == 0 else None


def report_check(res: dict) -> list[str]:
    lines = ["## The checker (`stkit check`, whole process)", "",
             "| standard | requirements | runs | median s | peak MB | PyYAML C loader alone, s | ratio | clean |",
             "|---|---|---|---|---|---|---|---|"]
    cs = res.get("check_standard", {})
    if "median_s" in cs:
        lines.append(f"| this repository's | {cs['requirements']} | {len(cs['runs_s'])} | {cs['median_s']} | "
                     f"{cs['peak_rss_mb']} | | | {'yes' if cs['clean'] else 'no (it has findings)'} |")
    for n, row in res.get("check_scale", {}).items():
        label = f"{int(n):,}"
        if "skipped" in row:
            lines.append(f"| synthetic | {label} | - | skipped: {row['skipped']} | | | | |")
        else:
            floor = row.get("yaml_c_loader", {})
            lines.append(f"| synthetic | {label} | {len(row['runs_s'])} | {row['median_s']} | {row['peak_rss_mb']} | "
                         f"{floor.get('median_s', '')} | {row.get('over_yaml', '')} | {'yes' if row['clean'] else 'NO'} |")
    if "no_cache" in cs:
        lines += ["", f"On the standard, with the cache of parsed catalogues and judged sources "
                  f"(stkit/usercache.py) warm, as an editor's checks run: {cs['median_s']} s "
                  f"({cs['cpu_s']} s CPU); with it off (STKIT_CACHE_DIR=off, a fresh CI job): "
                  f"{cs['no_cache']['median_s']} s ({cs['no_cache']['cpu_s']} s CPU); taking turns."]
    st = res.get("check_startup")
    if st and "modules" in st:
        lines += ["", f"Start-up: `python -c pass` takes {st['python_s']} s; importing the {st['modules']} modules "
                  f"a check of the standard imports (found by running it, the cache warm) takes "
                  f"{st['with_imports_s']} s: the check's imports cost **{st['imports_s']} s** "
                  f"({st['imports_cpu_s']} s of CPU; medians of {st['runs']} runs each, taking turns). "
                  f"Of the modules only some runs need, it imported: {', '.join(st['heavy_imported']) or 'none'}. "
                  f"The command's own modules (`{_IMPORTS}`, before a check imports what it needs) cost "
                  f"{st['command_only_s']} s ({st['command_only_cpu_s']} s of CPU)."]
        if "no_cache_modules" in st:
            lines[-1] += (f" With the cache off (STKIT_CACHE_DIR=off: a fresh CI job, every file parsed), a check "
                          f"imports {st['no_cache_modules']} modules, for {st['no_cache_imports_s']} s "
                          f"({st['no_cache_imports_cpu_s']} s of CPU).")
    elif st:
        lines += ["", f"Start-up: `python -c pass` takes {st['python_s']} s, `python -c \"{_IMPORTS}\"` "
                  f"{st['with_imports_s']} s: the command's imports cost **{st['imports_s']} s** "
                  f"({st['imports_cpu_s']} s of CPU; medians of {st['runs']} runs each, taking turns)."]
    qlt = [f"{int(n):,}: {row['qlt_s']} s" for n, row in res.get("check_scale", {}).items() if row.get("qlt_s")]
    if qlt:
        lines += ["", "Of which the quality rules (QLT, in process, median of 3): " + "; ".join(qlt) + "."]
    lines += ["", "The PyYAML column is `yaml.load(..., Loader=yaml.CSafeLoader)` of the same registry file in "
              "its own process (interpreter and PyYAML import included, as in `stkit check`): the floor for "
              "reading the registry at all. The ratio is stkit check's time over it."]
    return lines


# --- HTML ---------------------------------------------------------------------------------

def html_cmd(src: Path, out: Path, builder: str = "html", conf: Path | None = REPO, jobs: str | None = None) -> list[str]:
    cmd = SPHINX + ["-b", builder]
    if conf is not None:
        cmd += ["-c", str(conf)]
    if jobs:
        cmd += ["-j", jobs]
    return cmd + ["-q", str(src), str(out)]


def clean_build(cmd: list[str], out: Path, env: dict | None = None) -> Run:
    shutil.rmtree(out, ignore_errors=True)
    return measure(cmd, env=env)


# A clean build starts from nothing: not even what stkit keeps outside the build folder (the
# judged sources of stkit/usercache.py, which an earlier run of the same text would have left).
def no_user_cache() -> dict:
    return {**os.environ, "STKIT_CACHE_DIR": "off"}


def build_summary(runs: list[Run]) -> dict:
    summary = summarise(runs)
    summary["warnings"] = warnings_in(runs[-1].err)
    if runs[-1].rc != 0:
        summary["error"] = runs[-1].err.strip().splitlines()[-3:]
    return summary


def case_html_standard(ctx: Context) -> dict:
    out = ctx.work / "html-standard"
    runs = ctx.runs(3)
    log(f"HTML of the standard, clean x{runs}")
    return build_summary([clean_build(html_cmd(REPO / "standard", out), out) for _ in range(runs)])


# The clean builds of the 2,000-requirement standard, side by side, in one run. "-j 2" is what
# `make html` runs on this machine's two cores (-j auto).
HTML_VARIANTS = (
    ("stkit", "stkit.sphinx, serial (4 generated tables)"),
    ("stkit_parallel", "stkit.sphinx, -j 2"),
    ("plain_sphinx", "Sphinx and MyST alone, serial (no extension, no table): the floor"),
    ("plain_parallel", "Sphinx and MyST alone, -j 2"),
    ("sphinx_needs", "sphinx-needs, serial (1 needtable)"),
)


def case_html_2000(ctx: Context) -> dict:
    n = 200 if ctx.quick else 2000
    runs = ctx.runs(3)
    root = ctx.work / f"gen-{n}"
    generate.generate(root, n)
    needs_src = needs_project.write(root, ctx.work / f"needs-{n}")
    plain_src = needs_project.write(root, ctx.work / f"plain-{n}", plain=True)
    jobs = "2"
    outs = {name: ctx.work / f"out-{name}-{n}" for name, _ in HTML_VARIANTS}
    commands = {
        "stkit": html_cmd(root / "standard", outs["stkit"]),
        "stkit_parallel": html_cmd(root / "standard", outs["stkit_parallel"], jobs=jobs),
        "plain_sphinx": html_cmd(plain_src, outs["plain_sphinx"], conf=None),
        "plain_parallel": html_cmd(plain_src, outs["plain_parallel"], conf=None, jobs=jobs),
        "sphinx_needs": html_cmd(needs_src, outs["sphinx_needs"], conf=None),
    }
    log(f"HTML of N={n:,}, clean, {len(commands)} variants taking turns x{runs}")
    timed = interleaved({name: (lambda c=cmd, o=outs[name]: clean_build(c, o, no_user_cache()))
                         for name, cmd in commands.items()}, runs)
    result: dict = {"requirements": n, "jobs": jobs}
    for name, _ in HTML_VARIANTS:
        result[name] = build_summary(timed[name])
    for name in ("stkit", "stkit_parallel"):
        if not result[name].get("error"):
            problems = verify.check_tables(root, outs[name])
            result[name]["tables_right"] = not problems
            result[name]["table_problems"] = problems[:10]
            if problems:
                ctx.failed.append(f"a generated table was wrong after the clean build ({name})")
        else:
            ctx.failed.append(f"the HTML build of the synthetic standard failed ({name})")
    result["same_bytes_serial_parallel"] = _same_site(outs["stkit"], outs["stkit_parallel"])
    if not result["same_bytes_serial_parallel"]:
        ctx.failed.append("the -j 2 build differs from the serial build")
    ours, par, floor = (result[k]["median_s"] for k in ("stkit", "stkit_parallel", "plain_sphinx"))
    needs = result["sphinx_needs"]["median_s"]
    result["over_floor"] = ratio(ours, floor)
    result["over_floor_cpu"] = ratio(result["stkit"]["cpu_s"], result["plain_sphinx"]["cpu_s"])
    result["parallel_over_floor"] = ratio(par, floor)
    result["parallel_over_parallel_floor"] = ratio(par, result["plain_parallel"]["median_s"])
    result["memory_over_floor"] = ratio(result["stkit"]["peak_rss_mb"], result["plain_sphinx"]["peak_rss_mb"])
    result["needs_over_stkit"] = ratio(needs, ours)
    result["needs_over_plain"] = ratio(needs, floor)
    result["overhead_s"] = {"stkit": round(ours - floor, 3), "sphinx_needs": round(needs - floor, 3)}
    return result


def _same_site(a: Path, b: Path) -> bool:
    def files(out: Path) -> dict[str, bytes]:
        return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*"))
                if p.is_file() and ".doctrees" not in p.relative_to(out).parts}
    return a.is_dir() and files(a) == files(b)


def report_html(res: dict) -> list[str]:
    h, h2 = res.get("html_standard", {}), res.get("html_2000", {})
    lines = ["## HTML builds (clean)", "",
             "| what | runs | median s | CPU s | peak MB | warnings |", "|---|---|---|---|---|---|"]
    if "median_s" in h:
        lines.append(f"| this repository's standard, stkit.sphinx, serial | {len(h['runs_s'])} | {h['median_s']} | "
                     f"{h['cpu_s']} | {h['peak_rss_mb']} | {h['warnings']} |")
    for key, name in HTML_VARIANTS:
        row = h2.get(key)
        if row:
            lines.append(f"| {h2['requirements']:,} synthetic requirements, {name} | {len(row['runs_s'])} | "
                         f"{row['median_s']} | {row['cpu_s']} | {row['peak_rss_mb']} | {row['warnings']} |")
    if "over_floor" in h2:
        lines += ["", f"Over the floor (Sphinx and MyST alone on the same text): stkit.sphinx takes "
                  f"**{h2['over_floor']}x** its time serially ({h2['over_floor_cpu']}x its CPU time), "
                  f"**{h2['parallel_over_floor']}x** with -j {h2['jobs']}; with -j {h2['jobs']} on both, "
                  f"{h2['parallel_over_parallel_floor']}x. Peak memory: {h2['memory_over_floor']}x the floor's. "
                  f"The -j {h2['jobs']} build wrote the same bytes as the serial one: "
                  f"{'yes' if h2['same_bytes_serial_parallel'] else 'NO'}. Generated tables right after the clean "
                  f"build: {'yes' if h2['stkit'].get('tables_right') else 'NO'}.",
                  "",
                  f"sphinx-needs time / stkit.sphinx time (both serial): **{h2['needs_over_stkit']}**. Sphinx and MyST "
                  f"alone take {h2['plain_sphinx']['median_s']} s, so no extension can be more than "
                  f"{h2['needs_over_plain']}x faster than sphinx-needs here. Time over the floor: stkit.sphinx "
                  f"{h2['overhead_s']['stkit']} s, sphinx-needs {h2['overhead_s']['sphinx_needs']} s."]
    return lines


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


STATEMENTS = ("record in its change log every field that it renames",
              "publish the calendar of its next three deliveries to recipients",
              "name a contact point for questions about character encoding")


def edit_statement(root: Path, req_id: str, k: int) -> dict:
    """Change one requirement's statement only (no table and no {req} link shows it)."""
    req = next(r for r in verify.load_registry(root)["requirements"] if r["id"] == req_id)
    wording = STATEMENTS[k % len(STATEMENTS)]  # unlike each other (no near-duplicate warning)
    statement = f"A data provider {req['obligation']} {wording}."
    path = root / "requirements_registry.yaml"
    text = path.read_text(encoding="utf-8")
    start = text.index(f"  - id: {req_id}\n")
    end = text.find("\n  - id: ", start + 1)
    end = len(text) if end < 0 else end
    block = re.sub(r"(?m)^    statement: .*$", f"    statement: {json.dumps(statement)}", text[start:end], count=1)
    path.write_text(text[:start] + block + text[end:], encoding="utf-8")
    return next(r for r in verify.load_registry(root)["requirements"] if r["id"] == req_id)


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


def case_incremental(ctx: Context) -> dict:
    """One-paragraph and one-requirement edits of the 2,000-requirement standard, taking turns,
    each rebuilt on the output of the clean serial build (html_2000)."""
    n = get(ctx.res, "html_2000", "requirements")
    if n is None or get(ctx.res, "html_2000", "stkit", "error"):
        return {"skipped": "no clean build to rebuild"}
    runs = ctx.runs(3)
    root = ctx.work / f"gen-{n}"
    out = ctx.work / f"out-stkit-{n}"  # the last clean serial build of case_html_2000
    gen_files = sorted((root / "standard").glob("section-*.md"))
    result: dict = {"requirements": n}
    log("warm build for the incremental runs")
    result["noop_rebuild_s"] = round(measure(html_cmd(root / "standard", out)).wall, 3)
    active = [r for r in verify.load_registry(root)["requirements"] if r["status"] == "active"]
    para_runs, req_runs, para_problems, req_problems = [], [], [], []
    stmt_runs: list[Run] = []
    for k in range(runs):
        path = gen_files[(k * 7) % len(gen_files)]
        edit_paragraph(path, k)
        log(f"incremental: one paragraph edited in {path.name}")
        r = measure(html_cmd(root / "standard", out))
        para_runs.append(r)
        para_problems += _rebuild_problems(r, root, out)

        for edit, what, req, rebuilds in (
                (edit_requirement, "requirement {} edited", active[(k * 397 + 11) % len(active)], req_runs),
                (edit_statement, "the statement of {} edited", active[(k * 211 + 5) % len(active)], stmt_runs)):
            edited = edit(root, req["id"], k)
            log(f"incremental: {what.format(req['id'])} in the registry")
            r = measure(html_cmd(root / "standard", out))
            rebuilds.append(r)
            req_problems += _rebuild_problems(r, root, out)
            page = _placement_page(root, req["id"])
            if page:
                req_problems += verify.check_placement(out, page, edited)
    result["paragraph_edit"] = summarise(para_runs)
    result["paragraph_edit"]["stale_or_wrong"] = para_problems[:10]
    result["requirement_edit"] = summarise(req_runs)
    result["requirement_edit"]["stale_or_wrong"] = req_problems[:10]
    result["statement_edit"] = summarise(stmt_runs)
    result["statement_edit"]["stale_or_wrong"] = []  # counted with the requirement edits
    result["statement_over_paragraph"] = ratio(result["statement_edit"]["median_s"],
                                               result["paragraph_edit"]["median_s"])
    result["tables_right"] = not para_problems and not req_problems
    result["requirement_over_paragraph"] = ratio(result["requirement_edit"]["median_s"],
                                                 result["paragraph_edit"]["median_s"])
    if not result["tables_right"]:
        ctx.failed.append("a generated table was stale or wrong after an incremental rebuild")
    return result


def report_incremental(res: dict) -> list[str]:
    inc = res.get("incremental", {})
    if "paragraph_edit" not in inc:
        return []
    lines = [f"## Incremental HTML rebuilds ({inc['requirements']:,} requirements, serial)", "",
             "| edit | runs | median s | CPU s | every table right afterwards |", "|---|---|---|---|---|",
             f"| none (first rebuild after the clean build) | 1 | {inc['noop_rebuild_s']} | | |"]
    for key, name in (("paragraph_edit", "one paragraph in one file"),
                      ("requirement_edit", "one requirement in the registry (title, statement, IP5, challenge)"),
                      ("statement_edit", "one requirement's statement alone (no table or link shows it)")):
        row = inc.get(key)
        if row is None:
            continue
        ok = "yes" if not row["stale_or_wrong"] else "NO: " + "; ".join(row["stale_or_wrong"][:3])
        lines.append(f"| {name} | {len(row['runs_s'])} | {row['median_s']} | {row['cpu_s']} | {ok} |")
    lines += ["", f"A registry edit takes {inc['requirement_over_paragraph']}x the time of a paragraph edit "
              "(the kinds of edit take turns)."]
    if "statement_over_paragraph" in inc:
        lines += ["", f"A statement edit alone takes {inc['statement_over_paragraph']}x the time of a paragraph "
                  "edit: it writes only the page placing the requirement (and the page whose toctree names it), "
                  "where the registry edit above also writes the tables and every page with a {req} link to it "
                  "(the link shows its title)."]
    return lines


# --- PDF and `make` -------------------------------------------------------------------------

_PROFILE_PDF = """
import cProfile, json, pstats, sys, time
from pathlib import Path
import weasyprint.pdf.fonts as fonts
from stkit.pdf.build import build
single, out, root = (Path(a) for a in sys.argv[1:4])
spent = {"subset": 0.0}
real_subset = fonts.Font.subset
def timed_subset(self, *args, **kwargs):
    start = time.perf_counter()
    try:
        return real_subset(self, *args, **kwargs)
    finally:
        spent["subset"] += time.perf_counter() - start
fonts.Font.subset = timed_subset
available = fonts.harfbuzz_subset
result = {"harfbuzz_subset_available": bool(available)}
for name, library in (("harfbuzz", available), ("fonttools", None)):
    if name == "harfbuzz" and library is None:
        continue
    fonts.harfbuzz_subset = library  # None: WeasyPrint falls back to fontTools, as without the library
    spent["subset"] = 0.0
    start = time.perf_counter()
    build(single, out, root)
    result[name] = {"total": time.perf_counter() - start, "subset": spent["subset"]}
fonts.harfbuzz_subset = available
profile = cProfile.Profile()
profile.enable()
build(single, out, root)
profile.disable()
stats = pstats.Stats(profile).stats
def cum(module, function):
    return max((v[3] for (f, _, n), v in stats.items() if f.endswith(module) and n == function), default=0.0)
result["profile"] = {
    "total": sum(v[2] for v in stats.values()),
    "WeasyPrint: parse, style and lay out (HTML.render)": cum("weasyprint/__init__.py", "render"),
    "of which: lay out the pages": cum("weasyprint/layout/__init__.py", "layout_document"),
    "WeasyPrint: write the PDF (Document.write_pdf)": cum("weasyprint/document.py", "write_pdf"),
    "stkit: read the PDF back and check it (postcheck)": cum("stkit/pdf/postcheck.py", "check_pdf"),
    "stkit: the print page (printhtml)": cum("stkit/pdf/printhtml.py", "make_print_page"),
}
print(json.dumps(result))
"""


def case_pdf(ctx: Context) -> dict:
    single = ctx.work / "singlehtml"
    log("singlehtml of the standard")
    sh = clean_build(html_cmd(REPO / "standard", single, "singlehtml"), single)
    result: dict = {"singlehtml_s": round(sh.wall, 3), "singlehtml_rss_mb": round(sh.rss_mb, 1)}
    if sh.rc != 0:
        result["error"] = sh.err.strip().splitlines()[-3:]
        ctx.failed.append("the singlehtml build failed")
        return result
    runs = ctx.runs(3)
    log(f"PDF of the standard x{runs}")
    pdf_runs = [clean_build([PY, "-m", "stkit.pdf", str(single), str(ctx.work / "pdf"), "--root", str(REPO)],
                            ctx.work / "pdf") for _ in range(runs)]
    result.update(summarise(pdf_runs))
    if pdf_runs[-1].rc != 0:
        result["error"] = pdf_runs[-1].err.strip().splitlines()[-3:]
        ctx.failed.append("the PDF build failed")
        return result
    result["fonttools_warning"] = "instead of HarfBuzz-Subset" in pdf_runs[-1].err
    log("PDF of the standard: font subsetting with HarfBuzz and with fontTools, then under cProfile")
    done = subprocess.run([PY, "-c", _PROFILE_PDF, str(single), str(ctx.work / "pdf-profile"), str(REPO)],
                          capture_output=True, text=True)
    try:
        found = json.loads(done.stdout.splitlines()[-1])
    except (ValueError, IndexError):
        result["profile_error"] = done.stderr.strip().splitlines()[-1:]
        return result
    result["harfbuzz_subset_available"] = found["harfbuzz_subset_available"]
    result["subset_s"] = {k: {p: round(s, 2) for p, s in found[k].items()} for k in ("harfbuzz", "fonttools")
                          if k in found}
    result["profile_s"] = {k: round(v, 2) for k, v in found["profile"].items()}
    runs = ctx.runs(2)
    log(f"PDF step tagged (now) and untagged as when issue 17 was filed, taking turns x{runs}")
    try:
        result["tagged_vs_before"] = pdf_access.compare(runs, ctx.work / "pdf-access", single)
    except RuntimeError as exc:
        result["tagged_vs_before"] = {"error": str(exc)}
        ctx.failed.append(str(exc))
    return result


def case_make(ctx: Context) -> dict:
    """`make` (check, HTML, PDF) of this repository's standard into a fresh build folder, then
    `make` again with nothing changed."""
    if ctx.quick:
        return {"skipped": "not in a quick run"}
    build = ctx.work / "make-build"
    cmd = ["make", "--no-print-directory", "-s", "-C", str(REPO), f"BUILD={build}", "all"]
    log("make (check, html, pdf) from nothing")
    first = measure(cmd)
    if first.rc != 0:
        ctx.failed.append("make failed")
        return {"error": first.err.strip().splitlines()[-3:]}
    log("make again, nothing changed x3")
    again = [measure(cmd) for _ in range(ctx.runs(3))]
    log("make pdf again, nothing changed")
    pdf_only = measure(["make", "--no-print-directory", "-s", "-C", str(REPO), f"BUILD={build}", "pdf"])
    return {"first_s": round(first.wall, 3), "nothing_changed": summarise(again),
            "pdf_nothing_changed_s": round(pdf_only.wall, 3)}


def report_pdf(res: dict) -> list[str]:
    pdf = res.get("pdf", {})
    lines = []
    if pdf:
        lines += ["## PDF of this repository's standard", ""]
        if "median_s" in pdf:
            lines += ["| step | runs | median s | peak MB |", "|---|---|---|---|",
                      f"| singlehtml build | 1 | {pdf['singlehtml_s']} | {pdf['singlehtml_rss_mb']} |",
                      f"| python -m stkit.pdf | {len(pdf['runs_s'])} | {pdf['median_s']} | {pdf['peak_rss_mb']} |"]
        prof = pdf.get("profile_s", {})
        if "total" in prof:
            lines += ["", "Where the PDF step's time goes (one run under cProfile, which slows everything "
                      "alike; seconds of that run, parts of the same run):", "", "| part | s | share |",
                      "|---|---|---|"]
            for part, secs in prof.items():
                if part != "total":
                    lines.append(f"| {part} | {secs} | {round(100 * secs / prof['total'])} % |")
            lines.append(f"| total | {prof['total']} | 100 % |")
        sub = pdf.get("subset_s", {})
        if sub:
            lines += ["", "Font subsetting: WeasyPrint subsets the embedded fonts with HarfBuzz-Subset when it "
                      "finds the library (here: " + ("yes" if pdf.get("harfbuzz_subset_available") else "no") +
                      "), else with fontTools, and warns \"Using fontTools instead of HarfBuzz-Subset\" (this run's "
                      f"PDF step warned so: {'yes' if pdf.get('fonttools_warning') else 'no'}). The same PDF built "
                      "both ways, in one process, without a profiler:", "",
                      "| subsetting with | whole PDF step s | of which subsetting s |", "|---|---|---|"]
            for name, label in (("harfbuzz", "HarfBuzz-Subset"), ("fonttools", "fontTools (the fallback)")):
                if name in sub:
                    lines.append(f"| {label} | {sub[name]['total']} | {sub[name]['subset']} |")
        cmp = pdf.get("tagged_vs_before", {})
        if "now" in cmp:
            lines += ["", "The tagged PDF step (`python -m stkit.pdf` as `make pdf` runs it, every post-check "
                      "included) against the untagged step as it was when issue 17 was filed (WeasyPrint "
                      "subsetting fonts with fontTools, the page text read with pypdf), each in its own process, "
                      f"taking turns, {cmp['runs']} runs each, medians (benchmarks/pdf_access.py):", "",
                      "| PDF step | render CPU s | write CPU s | post-checks CPU s | CPU s | wall s |",
                      "|---|---|---|---|---|---|"]
            for key, label in (("before", "untagged, fontTools, pypdf text (as when the issue was filed)"),
                               ("now", "tagged, HarfBuzz-Subset, pikepdf and pdftotext (now)")):
                row = cmp[key]
                lines.append(f"| {label} | {row['render']} | {row['write']} | {row['check']} | {row['cpu']} | "
                             f"{row['wall']} |")
        elif cmp.get("error"):
            lines.append(f"\nThe comparison of the tagged and untagged PDF steps failed: {cmp['error']}")
        if pdf.get("error"):
            lines.append(f"\nThe PDF step failed: `{' | '.join(pdf['error'])}`")
    return lines


def report_make(res: dict) -> list[str]:
    mk = res.get("make", {})
    lines = []
    if "nothing_changed" in mk:
        lines += ["## `make` of this repository's standard", "",
                  "| what | runs | median s |", "|---|---|---|",
                  f"| `make` (check, HTML with -j auto, PDF) into an empty build folder | 1 | {mk['first_s']} |",
                  f"| `make` again, nothing changed (the PDF and singlehtml skipped) | "
                  f"{len(mk['nothing_changed']['runs_s'])} | {mk['nothing_changed']['median_s']} |",
                  f"| `make pdf` again, nothing changed | 1 | {mk['pdf_nothing_changed_s']} |"]
    return lines


def _docx_case(ctx: Context) -> dict:
    """The Word output of the standard and of the synthetic standard (benchmarks/docx_bench.py)."""
    out = docx_bench.bench(ctx.work, ctx.runs(3), 200 if ctx.quick else 2000, measure=measure, summarise=summarise,
                           log=log, html_cmd=html_cmd, generate=generate, repo=REPO)
    if any(row.get("error") for row in out.values()):
        ctx.failed.append("a DOCX build failed")
    return out


# --- stkit diff and the languages ----------------------------------------------------------

def _diff_base(depth: int = 5) -> str | None:
    """A revision a few changes of the standard back whose registry lists French (the --lang
    report needs the language at both sides): the parent of the `depth`-th commit back that
    changed the text, the registry or the catalogues, or the oldest nearer one listing French."""
    revs = [f"{rev}^" for rev in subprocess.run(
        ["git", "rev-list", f"--max-count={depth}", "HEAD", "--", "standard", "requirements_registry.yaml",
         "locale"], cwd=REPO, capture_output=True, text=True).stdout.split()]
    for rev in reversed(revs):
        shown = subprocess.run(["git", "show", f"{rev}:requirements_registry.yaml"], cwd=REPO,
                               capture_output=True, text=True).stdout
        if re.search(r"^\s*languages:.*\bfr\b", shown, re.M):
            return rev
    return None


def case_diff_languages(ctx: Context) -> dict:
    """`stkit diff BASE HEAD` on the standard (the English report, with its translation section)
    and `--lang fr` (both sides localised from their own catalogues), taking turns."""
    base = _diff_base()
    if base is None:
        return {"skipped": "no recent revision lists French"}
    base = subprocess.run(["git", "rev-parse", base], cwd=REPO, capture_output=True, text=True).stdout.strip()
    runs = ctx.runs(7, 3)
    log(f"stkit diff {base[:10]} HEAD, English and --lang fr, x{runs}")
    out = ctx.work / "diff"
    out.mkdir(parents=True, exist_ok=True)
    cmd = STKIT + ["diff", "--root", str(REPO), base, "HEAD"]
    got = interleaved({"english": lambda: measure(cmd + ["-o", str(out / "en.md")]),
                       "french": lambda: measure(cmd + ["--lang", "fr", "-o", str(out / "fr.md")])}, runs)
    result = {"base": base, "commits_back": len(subprocess.run(
        ["git", "rev-list", f"{base}..HEAD"], cwd=REPO, capture_output=True, text=True).stdout.split()),
        **{name: summarise(rs) for name, rs in got.items()}}
    result["french_over_english"] = ratio(result["french"]["median_s"], result["english"]["median_s"])
    # the Word document with tracked changes: two Word builds each, English and French
    words = interleaved({"english_docx": lambda: measure(cmd + ["--format", "docx", "-o", str(out / "en.docx")]),
                         "french_docx": lambda: measure(cmd + ["--lang", "fr", "--format", "docx",
                                                               "-o", str(out / "fr.docx")])}, ctx.runs(3))
    result.update({name: summarise(rs) for name, rs in words.items()})
    result["french_over_english_docx"] = ratio(result["french_docx"]["median_s"],
                                               result["english_docx"]["median_s"])
    got.update(words)
    if any(r.rc != 0 for rs in got.values() for r in rs):
        ctx.failed.append("stkit diff failed on the standard")
    return result


def report_diff_languages(r: dict) -> list[str]:
    if "english" not in r:
        return []
    return ["## `stkit diff` and the languages", "",
            f"The standard against {r['base'][:10]} ({r['commits_back']} commits back, five changes of the "
            "standard), whole process, "
            "the two variants taking turns.", "",
            "| report | runs | median s | CPU s |", "|---|---|---|---|",
            f"| English (with the translation section per language) | {len(r['english']['runs_s'])} | "
            f"{r['english']['median_s']} | {r['english']['cpu_s']} |",
            f"| `--lang fr` (both sides as a French reader sees them) | {len(r['french']['runs_s'])} | "
            f"{r['french']['median_s']} | {r['french']['cpu_s']} |",
            "", f"`--lang fr` / English: {r['french_over_english']}x."] + ([
            "", "| Word, tracked changes (`--format docx`) | runs | median s | CPU s |", "|---|---|---|---|",
            f"| English | {len(r['english_docx']['runs_s'])} | {r['english_docx']['median_s']} | "
            f"{r['english_docx']['cpu_s']} |",
            f"| `--lang fr` | {len(r['french_docx']['runs_s'])} | {r['french_docx']['median_s']} | "
            f"{r['french_docx']['cpu_s']} |",
            "", f"`--lang fr` / English: {r['french_over_english_docx']}x."] if "english_docx" in r else [])


# --- the cases and the targets ---------------------------------------------------------------

CASES: list[Case] = [
    Case("check_standard", case_check_standard),
    Case("check_startup", case_check_startup),
    Case("check_scale", case_check_scale, lambda r, res: report_check(res)),
    Case("html_standard", case_html_standard),
    Case("html_2000", case_html_2000, lambda r, res: report_html(res)),
    Case("incremental", case_incremental, lambda r, res: report_incremental(res)),
    Case("pdf", case_pdf, lambda r, res: report_pdf(res)),
    Case("make", case_make, lambda r, res: report_make(res)),
    Case("hostile", lambda ctx: hostile.run(ctx.work, measure, ctx.quick, log),
         lambda r, res: hostile.markdown(r)),
    Case("conformance", lambda ctx: conformance_bench.run(
        ctx.work, ctx.runs(3), stkit=STKIT, measure=measure, summarise=summarise, html_cmd=html_cmd, log=log,
        quick=ctx.quick), lambda r, res: conformance_bench.markdown(r)),
    Case("docx", lambda ctx: _docx_case(ctx), lambda r, res: docx_bench.markdown(res)),
    Case("diff_languages", case_diff_languages, lambda r, res: report_diff_languages(r)),
]

I17 = "issue 17"
TARGETS: list[Target] = [
    # Ratios measured side by side in this run.
    Target("html_over_floor", "clean HTML of 2,000 requirements / Sphinx and MyST alone (serial)", "<= 1.25",
           lambda res: get(res, "html_2000", "over_floor"), lambda v: v <= 1.25, "x", I17,
           cpu=lambda res: get(res, "html_2000", "over_floor_cpu")),
    Target("html_parallel_over_floor", "clean HTML of 2,000 requirements with -j 2 / the serial floor", "< 1",
           lambda res: get(res, "html_2000", "parallel_over_floor"),
           lambda v: v < 1, "x", I17),
    Target("parallel_same_bytes", "-j 2 build writes the same bytes as the serial build", "yes",
           lambda res: {True: 1, False: 0}.get(get(res, "html_2000", "same_bytes_serial_parallel")),
           lambda v: v == 1, "", I17),
    Target("registry_over_paragraph", "rebuild after a registry edit / after a one-paragraph edit", "<= 1.3",
           lambda res: get(res, "incremental", "requirement_over_paragraph"), lambda v: v <= 1.3, "x", I17,
           cpu=lambda res: ratio(get(res, "incremental", "requirement_edit", "cpu_s"),
                                 get(res, "incremental", "paragraph_edit", "cpu_s"))),
    Target("check_10k_over_yaml", "stkit check at 10,000 requirements / PyYAML C loader alone", "<= 2",
           lambda res: get(res, "check_scale", "10000", "over_yaml"), lambda v: v <= 2, "x", I17,
           cpu=lambda res: ratio(get(res, "check_scale", "10000", "cpu_s"),
                                 get(res, "check_scale", "10000", "yaml_c_loader", "cpu_s"))),
    Target("pdf_tagged_over_before", "tagged PDF step / untagged PDF step as when the issue was filed "
           "(fontTools, pypdf text), same run", "<= 1",
           lambda res: get(res, "pdf", "tagged_vs_before", "now_over_before"), lambda v: v <= 1, "x", I17,
           cpu=lambda res: get(res, "pdf", "tagged_vs_before", "now_over_before_cpu")),
    Target("html_memory_over_floor", "peak memory of the 2,000 build / the floor's", "<= 1.5",
           lambda res: get(res, "html_2000", "memory_over_floor"), lambda v: v <= 1.5, "x", I17),
    # Absolute figures.
    Target("check_startup", "stkit check start-up (the imports of a check of the standard)", "<= 0.1 s",
           lambda res: get(res, "check_startup", "imports_s"), lambda v: v <= 0.1, " s", I17),
    Target("make_nothing_changed", "`make` with nothing changed", "a few seconds (< 5 s)",
           lambda res: get(res, "make", "nothing_changed", "median_s"), lambda v: v < 5, " s", I17),
    Target("check_standard", "stkit check on the standard, whole process", "< 0.5 s",
           lambda res: get(res, "check_standard", "median_s"), lambda v: v < 0.5, " s"),
    Target("check_10k", "stkit check at 10,000 requirements", "< 3 s",
           lambda res: get(res, "check_scale", "10000", "median_s"), lambda v: v < 3, " s"),
    Target("check_ratio", "time(10k) / time(1k)", "<= 12",
           lambda res: ratio(get(res, "check_scale", "10000", "median_s"), get(res, "check_scale", "1000", "median_s")),
           lambda v: v <= 12),
    Target("html_vs_needs", "HTML of 2,000 requirements vs sphinx-needs (serial)", ">= 3x faster",
           lambda res: get(res, "html_2000", "needs_over_stkit"), lambda v: v >= 3, "x"),
    Target("incremental_para", "incremental rebuild after a one-paragraph edit, no stale table", "< 3 s",
           lambda res: get(res, "incremental", "paragraph_edit", "median_s"),
           lambda v: v < 3, " s"),
    Target("pdf_memory", "PDF build peak memory", "< 500 MB",
           lambda res: None if get(res, "pdf", "error") else get(res, "pdf", "peak_rss_mb"), lambda v: v < 500, " MB"),
]


def verdicts(res: dict) -> dict:
    out = {}
    for t in TARGETS:
        value = t.value(res)
        met = value is not None and bool(t.met(value))
        if t.key == "incremental_para":
            met = met and bool(get(res, "incremental", "tables_right"))
        out[t.key] = {"value": value, "met": met, "target": t.goal, "what": t.what, "unit": t.unit,
                      "issue": t.issue, "cpu": t.cpu(res) if t.cpu else None}
    return out


# --- report -------------------------------------------------------------------------------

def loaded(env: dict) -> bool:
    cores = env.get("cores") or 1
    return max(env["load_average_at_start"][0], (env.get("load_average_at_end") or [0])[0]) > cores


def markdown(res: dict) -> str:
    env = res["environment"]
    busy = loaded(env)
    lines = ["# Benchmark results", "",
             f"Written by `make bench` (benchmarks/run.py) on {env['date']}: {env['cores']} cores, "
             f"Python {env['python']}, Sphinx {env['sphinx']}, MyST-Parser {env['myst-parser']}, "
             f"docutils {env['docutils']}, sphinx-needs {env['sphinx-needs']}, "
             f"WeasyPrint {env['weasyprint']}, {env['platform']}.", "",
             f"**Load average** (1, 5, 15 min) at the start {env['load_average_at_start']}, at the end "
             f"{env.get('load_average_at_end')}. "
             + ("**This run was on a loaded machine** (a load above its number of cores): other work slowed "
                "every figure, unevenly; the ratios, measured side by side with the variants taking turns, "
                "are the figures to compare." if busy else
                "Other work on the machine slows every figure; the ratios, measured side by side, least."),
             "",
             "Times are whole-process wall times in seconds, medians of the runs shown; CPU is user + system "
             "time; memory is the peak resident set size. docs/benchmarks.md explains each figure.", "",
             "## Targets", "", "### Ratios, measured side by side in this run", "",
             "Judged on wall time, as the targets are set; the CPU column is the same ratio of CPU times "
             "(user + system), which a loaded machine disturbs much less (it is no measure of a parallel build).",
             "", "| target | goal | measured (wall) | CPU | met |", "|---|---|---|---|---|"]
    verdict_rows = list(res["verdicts"].values())

    def row(v, cpu=False):
        value = "not measured" if v["value"] is None else f"{v['value']}{v['unit']}"
        if v["target"] == "yes":
            value = {1: "yes", 0: "no"}.get(v["value"], value)
        middle = f" {'' if v.get('cpu') is None else str(v['cpu']) + 'x'} |" if cpu else ""
        return f"| {v['what']} | {v['target']} | {value} |{middle} {'yes' if v['met'] else '**no**'} |"
    lines += [row(v, cpu=True) for v in verdict_rows if v["unit"] == "x" or v["target"] == "yes"]
    lines += ["", "### Times and sizes", "", "| target | goal | measured | met |", "|---|---|---|---|"]
    lines += [row(v) for v in verdict_rows if not (v["unit"] == "x" or v["target"] == "yes")]
    for case in CASES:
        if case.report and case.name in res:
            section = case.report(res[case.name], res)
            if section:
                lines += [""] + section
    if res.get("notes"):
        lines += ["", "## Notes", ""] + [f"- {n}" for n in res["notes"]]
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
    "so it does less work than the stkit build. The floor (Sphinx and MyST alone) prints each requirement as an "
    "admonition with its title and statement only: no facts, no links, no tables. All use the furo theme.",
]


# RESULTS.md is written anew by every run; what follows this line in it (dated sections of
# figures measured by hand, before and after a change) is kept as it is.
KEPT_MARK = "<!-- Dated sections below: measured by hand for a change, kept by make bench. -->"


def write_report(path: Path, text: str) -> None:
    try:
        old = path.read_text(encoding="utf-8")
    except OSError:
        old = ""
    at = old.find(KEPT_MARK)
    path.write_text(text + ("\n" + old[at:] if at >= 0 else ""), encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="fewer runs and smaller N (a smoke run)")
    parser.add_argument("--out", type=Path, default=HERE, help="where to write results.json and RESULTS.md")
    parser.add_argument("--no-50k", action="store_true", help="skip N = 50,000")
    parser.add_argument("--only", help="run only these cases (comma separated): " + ", ".join(c.name for c in CASES))
    parser.add_argument("--keep", action="store_true", help="keep the work folder (printed)")
    parser.add_argument("--rewrite-report", action="store_true",
                        help="measure nothing: write RESULTS.md again from OUT/results.json (after a change of the report)")
    args = parser.parse_args(argv)
    if args.rewrite_report:
        res = json.loads((args.out / "results.json").read_text(encoding="utf-8"))
        res["verdicts"] = verdicts(res)
        (args.out / "results.json").write_text(json.dumps(res, indent=2) + "\n", encoding="utf-8")
        write_report(args.out / "RESULTS.md", markdown(res))
        return 0
    only = set(args.only.split(",")) if args.only else None
    unknown = (only or set()) - {c.name for c in CASES}
    if unknown:
        parser.error(f"unknown case(s): {', '.join(sorted(unknown))}")
    started = time.perf_counter()
    work = Path(tempfile.mkdtemp(prefix="stkit-bench-"))
    # stkit's caches (stkit/usercache.py) start empty in a folder of this run, whatever the
    # user's hold; and stkit's modules are compiled once, so that no measured process compiles
    # them (with PYTHONDONTWRITEBYTECODE set, every process would, as no user's does).
    os.environ["STKIT_CACHE_DIR"] = str(work / "stkit-cache")
    import stkit
    subprocess.run([PY, "-m", "compileall", "-q", *stkit.__path__], check=False)
    res: dict = {"environment": environment(), "quick": args.quick, "notes": list(NOTES)}
    ctx = Context(work=work, quick=args.quick, no_50k=args.no_50k, res=res, failed=[])
    try:
        for case in CASES:
            if only is not None and case.name not in only:
                continue
            if case.name.startswith(("html", "incremental", "pdf", "make", "docx")) and not (REPO / "conf.py").is_file():
                res[case.name] = {"skipped": "conf.py is missing"}
                continue
            res[case.name] = case.run(ctx)
    finally:
        if args.keep:
            log(f"work folder kept: {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    res["total_s"] = round(time.perf_counter() - started, 1)
    res["environment"]["load_average_at_end"] = [round(x, 2) for x in os.getloadavg()]
    res["verdicts"] = verdicts(res)
    res["failed"] = ctx.failed
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "results.json").write_text(json.dumps(res, indent=2) + "\n", encoding="utf-8")
    write_report(args.out / "RESULTS.md", markdown(res))
    for v in res["verdicts"].values():
        log(f"{v['what']}: {v['value']} (target {v['target']}) {'met' if v['met'] else 'NOT met'}")
    log(f"wrote {args.out / 'RESULTS.md'} in {res['total_s']} s")
    for f in ctx.failed:
        print(f"bench: error: {f}", file=sys.stderr)
    return 1 if ctx.failed else 0


if __name__ == "__main__":
    sys.exit(main())
