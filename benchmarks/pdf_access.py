"""What the tagged (accessible) PDF and HarfBuzz-Subset cost or save, on this repository's
standard: the PDF step (`stkit.pdf`'s render, write and post-checks) in three variants, each
in its own process, CPU seconds (this machine is shared, so CPU time is steadier than wall
time; wall time is given too):

- untagged, fontTools, pypdf text: the PDF step as it was when issue 17 was filed (no tags;
  WeasyPrint subsetting fonts with fontTools, as it did while libharfbuzz-subset0 was missing;
  the post-check reading every page's text with pypdf);
- untagged, HarfBuzz-Subset, pdftotext: the same with the library installed and the page
  text read as the post-check reads it now (`postcheck.page_texts`);
- tagged (now, `python -m stkit.pdf`): what `make pdf` runs, `stkit.pdf.build.build()` itself:
  the print page, tags, the tagging finisher, and every post-check (`postcheck.check_pdf`).

`make bench` (benchmarks/run.py, case `pdf`) runs the first and the last, taking turns, for
its target "tagged PDF step / untagged PDF step as when the issue was filed" (`compare`).

Usage: .venv/bin/python benchmarks/pdf_access.py [--runs N]   (needs `make pdf` done once for
build/singlehtml). Writes benchmarks/PDF_ACCESS.md and prints it.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SINGLEHTML = REPO / "build" / "singlehtml"
BEFORE = "untagged, fontTools, pypdf text (as when issue 17 was filed)"
NOW = "tagged, HarfBuzz-Subset, pdftotext (now: python -m stkit.pdf)"
VARIANTS = {
    BEFORE: "before",
    "untagged, HarfBuzz-Subset, pdftotext": "untagged",
    NOW: "now",
}

ONE_RUN = r"""
import json, resource, sys, time
from pathlib import Path
sys.path.insert(0, str(Path(sys.argv[1]) / "tools"))
import weasyprint.pdf.fonts as fonts
import weasyprint.document
from weasyprint import CSS, HTML
from stkit.pdf import archive, build as B, furniture, postcheck, tagging
from stkit.project import FsTree, load_sources
repo, single, out, variant = Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3]), sys.argv[4]
spent = {"render": 0.0, "write": 0.0, "check": 0.0}


def timed(part, function):
    def run(*args, **kwargs):
        start = time.process_time()
        try:
            return function(*args, **kwargs)
        finally:
            spent[part] += time.process_time() - start
    return run


if variant == "before":
    fonts.harfbuzz_subset = None  # WeasyPrint falls back to fontTools, as without the library
wall, cpu = time.perf_counter(), time.process_time()
if variant == "now":  # what `python -m stkit.pdf` runs, timed in its parts
    HTML.__init__ = timed("render", HTML.__init__)  # parsing the page, as in the variants below
    HTML.render = timed("render", HTML.render)
    weasyprint.document.Document.write_pdf = timed("write", weasyprint.document.Document.write_pdf)
    postcheck.check_pdf = timed("check", postcheck.check_pdf)
    built = B.build(single, out.parent, repo)
    out, pages, problems = built.path, built.pages, 0
else:  # the untagged step, as it was
    md, data = B._load_registry(repo)
    sources, _, _ = load_sources(FsTree(repo))
    furn = furniture.furniture(md)
    when = archive.build_time(md)
    fields = archive.document_fields(md, when, furn.draft)
    page = B.make_print_page((single / "index.html").read_text(encoding="utf-8"),
                             annex_docs={s.docname: s.annex for s in sources if s.annex}, fields=fields)
    sheets = [CSS(filename=str(B.PRINT_CSS)),
              CSS(string=furniture.stylesheet(furn, sorted(set(page.annexes.values()), key=B._roman)))]
    t0 = time.process_time()
    document = HTML(string=page.html, base_url=(single / "index.html").resolve().as_uri()).render(
        stylesheets=sheets, presentational_hints=True)
    t1 = time.process_time()
    document.write_pdf(out, pdf_variant=archive.PDF_VARIANT, attachments=archive.attachments(data, when))
    t2 = time.process_time()
    if variant == "before":
        from pypdf import PdfReader
        reader = PdfReader(out)
        for p in reader.pages:
            p.extract_text()
        pages = len(reader.pages)
    else:
        import pikepdf
        with pikepdf.open(out) as pdf:
            pages = len(pdf.pages)
        postcheck.page_texts(postcheck.text_copy(out), pages)
    spent.update(render=t1 - t0, write=t2 - t1, check=time.process_time() - t2)
    problems = 0
children = resource.getrusage(resource.RUSAGE_CHILDREN)  # pdftotext's CPU time
child_cpu = children.ru_utime + children.ru_stime
print(json.dumps({"render": spent["render"], "write": spent["write"], "check": spent["check"] + child_cpu,
                  "cpu": time.process_time() - cpu + child_cpu,
                  "wall": time.perf_counter() - wall, "size_kb": out.stat().st_size / 1024,
                  "pages": pages, "problems": problems}))
"""


def run(variant: str, out: Path, singlehtml: Path = SINGLEHTML) -> dict:
    """One PDF step of `variant` ('before', 'untagged' or 'now') in its own process; its parts
    in CPU seconds, its wall seconds, the file's size and pages."""
    done = subprocess.run([sys.executable, "-c", ONE_RUN, str(REPO), str(singlehtml), str(out), variant],
                          capture_output=True, text=True)
    if done.returncode != 0:
        tail = (done.stderr.strip().splitlines() or ["no output"])[-1]
        raise RuntimeError(f"the PDF step ({variant}) failed: {tail}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def measure(names: list[str], runs: int, work: Path, singlehtml: Path = SINGLEHTML) -> dict[str, list[dict]]:
    """Each named variant `runs` times, taking turns (a busy moment hits every variant alike)."""
    results: dict[str, list[dict]] = {name: [] for name in names}
    for i in range(runs):
        for name in names:
            folder = work / f"{VARIANTS[name]}-{i}"
            folder.mkdir(parents=True, exist_ok=True)
            results[name].append(run(VARIANTS[name], folder / "out.pdf", singlehtml))
    return results


def median(runs: list[dict], key: str) -> float:
    return statistics.median(r[key] for r in runs)


def compare(runs: int, work: Path, singlehtml: Path = SINGLEHTML) -> dict:
    """The tagged PDF step (now) against the untagged one as when issue 17 was filed, taking
    turns: medians of each, and the ratios of wall and of CPU time (make bench's target)."""
    got = measure([BEFORE, NOW], runs, work, singlehtml)
    out = {key: {part: round(median(got[name], part), 2) for part in ("render", "write", "check", "cpu", "wall")}
           for key, name in (("before", BEFORE), ("now", NOW))}
    out["runs"] = runs
    out["now_over_before"] = round(out["now"]["wall"] / out["before"]["wall"], 2)
    out["now_over_before_cpu"] = round(out["now"]["cpu"] / out["before"]["cpu"], 2)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    if not (SINGLEHTML / "index.html").is_file():
        print("pdf_access: build/singlehtml/index.html not found; run `make pdf` first", file=sys.stderr)
        return 1
    start = [round(x, 2) for x in os.getloadavg()]
    with tempfile.TemporaryDirectory() as tmp:
        results = measure(list(VARIANTS), args.runs, Path(tmp))
    end = [round(x, 2) for x in os.getloadavg()]
    lines = ["# The accessible PDF: what tagging and HarfBuzz-Subset cost", "",
             f"`benchmarks/pdf_access.py --runs {args.runs}` on this repository's standard; "
             "median CPU seconds of the PDF step (render, write, post-checks: text of every page, "
             "and for the tagged PDF every check of `python -m stkit.pdf`), wall seconds on a shared "
             f"2-core machine (load average, 1/5/15 min: {start} at the start, {end} at the end), the "
             "variants taking turns.", "",
             "| variant | render | write | post-checks | CPU total | wall | size | pages |",
             "|---|---|---|---|---|---|---|---|"]
    for name, runs in results.items():
        lines.append(f"| {name} | {median(runs, 'render'):.2f} | {median(runs, 'write'):.2f} | "
                     f"{median(runs, 'check'):.2f} | {median(runs, 'cpu'):.2f} | {median(runs, 'wall'):.2f} | "
                     f"{median(runs, 'size_kb'):.0f} KB | {runs[0]['pages']} |")
    before, now = results[BEFORE], results[NOW]
    lines += ["", f"Tagged now / untagged as when issue 17 was filed: "
              f"{median(now, 'cpu') / median(before, 'cpu'):.2f}x in CPU time, "
              f"{median(now, 'wall') / median(before, 'wall'):.2f}x in wall time."]
    text = "\n".join(lines) + "\n"
    (REPO / "benchmarks" / "PDF_ACCESS.md").write_text(text, encoding="utf-8")
    print(text, end="")
    return 0


if __name__ == "__main__":
    sys.exit(main())
