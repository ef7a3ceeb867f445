"""What the tagged (accessible) PDF and HarfBuzz-Subset cost or save, on this repository's
standard: the PDF step (`stkit.pdf`'s render, write and post-checks) in three variants, each
in its own process, CPU seconds (this machine is shared, so CPU time is steadier than wall
time; wall time is given too):

- untagged, fontTools, pypdf: the PDF step before issue 14 (no tags; WeasyPrint subsetting
  fonts with fontTools, as it did while libharfbuzz-subset0 was missing; the post-check
  reading every page's text with pypdf);
- untagged, HarfBuzz-Subset, pdftotext: the same with the library installed and the page
  text read by poppler's pdftotext;
- tagged, HarfBuzz-Subset, pdftotext: what `make pdf` does now (tags, the tagging finisher,
  and the structure check after building).

Usage: .venv/bin/python benchmarks/pdf_access.py [--runs N]   (needs `make pdf` done once for
build/singlehtml). Writes benchmarks/PDF_ACCESS.md and prints it.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SINGLEHTML = REPO / "build" / "singlehtml"
VARIANTS = {
    "untagged, fontTools, pypdf text (before)": dict(tags=False, harfbuzz=False),
    "untagged, HarfBuzz-Subset, pdftotext": dict(tags=False, harfbuzz=True),
    "tagged, HarfBuzz-Subset, pdftotext (now)": dict(tags=True, harfbuzz=True),
}

ONE_RUN = r"""
import json, resource, sys, time
from pathlib import Path
sys.path.insert(0, str(Path(sys.argv[1]) / "tools"))
import weasyprint.pdf.fonts as fonts
from weasyprint import CSS, HTML
from pypdf import PdfReader
from stkit.pdf import archive, build as B, furniture, postcheck, tagging
from stkit.project import FsTree, load_sources
repo, single, out, tags, harfbuzz = Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3]), sys.argv[4] == "1", sys.argv[5] == "1"
if not harfbuzz:
    fonts.harfbuzz_subset = None
wall, cpu = time.perf_counter(), time.process_time()
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
    stylesheets=sheets, presentational_hints=True, pdf_tags=tags)
t1 = time.process_time()
document.write_pdf(out, pdf_variant=archive.PDF_VARIANT, pdf_tags=tags,
                   finisher=tagging.finish if tags else None, attachments=archive.attachments(data, when))
t2 = time.process_time()
reader = PdfReader(out)
if harfbuzz:
    postcheck.page_texts(out, len(reader.pages))
else:
    for p in reader.pages:
        p.extract_text()
problems = postcheck.check_structure(reader)[1] if tags else []
t3 = time.process_time()
children = resource.getrusage(resource.RUSAGE_CHILDREN)  # pdftotext's CPU time
child_cpu = children.ru_utime + children.ru_stime
print(json.dumps({"render": t1 - t0, "write": t2 - t1, "check": t3 - t2 + child_cpu,
                  "cpu": time.process_time() - cpu + child_cpu,
                  "wall": time.perf_counter() - wall, "size_kb": out.stat().st_size / 1024,
                  "pages": len(reader.pages), "problems": len(problems)}))
"""


def run(variant: dict, out: Path) -> dict:
    done = subprocess.run([sys.executable, "-c", ONE_RUN, str(REPO), str(SINGLEHTML), str(out),
                           "1" if variant["tags"] else "0", "1" if variant["harfbuzz"] else "0"],
                          capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    if not (SINGLEHTML / "index.html").is_file():
        print("pdf_access: build/singlehtml/index.html not found; run `make pdf` first", file=sys.stderr)
        return 1
    results: dict[str, list[dict]] = {name: [] for name in VARIANTS}
    with tempfile.TemporaryDirectory() as tmp:
        for i in range(args.runs):  # interleaved, so a busy moment hits every variant alike
            for name, variant in VARIANTS.items():
                results[name].append(run(variant, Path(tmp) / f"{i}.pdf"))
    lines = ["# The accessible PDF: what tagging and HarfBuzz-Subset cost", "",
             f"`benchmarks/pdf_access.py --runs {args.runs}` on this repository's standard; "
             "median CPU seconds of the PDF step (render, write, post-checks: text of every page, "
             "and the structure check when tagged), wall seconds on a shared 2-core machine.", "",
             "| variant | render | write | post-checks | CPU total | wall | size | pages |",
             "|---|---|---|---|---|---|---|---|"]
    for name, runs in results.items():
        def med(key: str) -> float:
            return statistics.median(r[key] for r in runs)
        lines.append(f"| {name} | {med('render'):.2f} | {med('write'):.2f} | {med('check'):.2f} | "
                     f"{med('cpu'):.2f} | {med('wall'):.2f} | {med('size_kb'):.0f} KB | {runs[0]['pages']} |")
    text = "\n".join(lines) + "\n"
    (REPO / "benchmarks" / "PDF_ACCESS.md").write_text(text, encoding="utf-8")
    print(text, end="")
    return 0


if __name__ == "__main__":
    sys.exit(main())
