"""`make bench`'s figures for conformance statements (docs/conformance.md): `stkit conformance
check` and `stkit conformance dashboard` over a folder of generated statements, and the clean
HTML build of this standard with and without the dashboard (its `conformance/` folder).

Called by run.py, which passes its own `measure`, `summarise`, `html_cmd` and `log`, so the
figures are taken exactly as the others are."""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
CODES = [f"X{c}" for c in "ABCDEFGHIJKLMOPQRSTWYZ"] + [f"Q{c}" for c in "MNOPQRSTUVWXY"]  # individual use


def generate(folder: Path, n: int) -> list[Path]:
    """`n` valid statements: the valid examples of conformance/, under other codes and dates."""
    folder.mkdir(parents=True, exist_ok=True)
    examples = [p for p in sorted((REPO / "conformance").glob("*.yaml")) if p.name != "xc-2026-05-04.yaml"]
    written = []
    for i in range(n):
        data = yaml.safe_load(examples[i % len(examples)].read_text(encoding="utf-8"))
        code = CODES[i % len(CODES)]
        data["office"]["code"] = code
        month = 1 + (i // len(CODES)) % 11
        data["date"] = data["last_review"] = f"2026-{month:02d}-01"
        for claim in data["claims"]:
            if claim.get("data_set"):
                claim["data_set"]["id"] = code + claim["data_set"]["id"][2:]
        path = folder / f"{code.lower()}-{i:04d}.yaml"
        path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
        written.append(path)
    return written


def run(work: Path, runs: int, *, stkit: list[str], measure, summarise, html_cmd, log, quick: bool) -> dict:
    out: dict = {}
    n = 50 if quick else 500
    folder = work / "statements"
    files = generate(folder, n)
    log(f"stkit conformance check, {n} statements x{runs}")
    check = [measure(stkit + ["conformance", "check", "--root", str(REPO), "--today", "2026-12-01",
                              *map(str, files)]) for _ in range(runs)]
    out["check"] = {"statements": n, **summarise(check)}
    log(f"stkit conformance dashboard, {n} statements x{runs}")
    dash = [measure(stkit + ["conformance", "dashboard", "--root", str(REPO), str(folder), "-o",
                             str(work / "dashboard"), "--today", "2026-12-01"]) for _ in range(runs)]
    out["dashboard"] = {"statements": n, **summarise(dash)}
    # The standard's HTML with the examples of conformance/ (a dashboard to draw) and without.
    builds = {}
    for label, with_statements in (("without", False), ("with", True)):
        root = work / f"html-src-{label}"
        shutil.copytree(REPO / "standard", root / "standard")
        shutil.copyfile(REPO / "requirements_registry.yaml", root / "requirements_registry.yaml")
        if with_statements:
            shutil.copytree(REPO / "conformance", root / "conformance")
        target = work / f"html-out-{label}"
        log(f"HTML of the standard, clean, {label} conformance statements x{runs}")
        results = []
        for _ in range(runs):
            shutil.rmtree(target, ignore_errors=True)
            results.append(measure(html_cmd(root / "standard", target)))
        builds[label] = summarise(results)
        if label == "with":
            results = [measure(html_cmd(root / "standard", target)) for _ in range(runs)]
            builds["with_rebuild"] = summarise(results)
    out["html"] = builds
    out["html"]["dashboard_cost_s"] = round(builds["with"]["median_s"] - builds["without"]["median_s"], 3)
    return out


def markdown(res: dict | None) -> list[str]:
    if not res:
        return []
    c, d, h = res["check"], res["dashboard"], res["html"]
    return [
        "", "## Conformance statements (docs/conformance.md)", "",
        "| what | runs | median s | peak MB |", "|---|---|---|---|",
        f"| `stkit conformance check`, {c['statements']} statements | {len(c['runs_s'])} | {c['median_s']} | "
        f"{c['peak_rss_mb']} |",
        f"| `stkit conformance dashboard`, {d['statements']} statements (HTML, CSV, JSON, 2 SVG charts) | "
        f"{len(d['runs_s'])} | {d['median_s']} | {d['peak_rss_mb']} |",
        f"| HTML of this standard, clean, no statements | {len(h['without']['runs_s'])} | "
        f"{h['without']['median_s']} | {h['without']['peak_rss_mb']} |",
        f"| HTML of this standard, clean, with the examples' dashboard | {len(h['with']['runs_s'])} | "
        f"{h['with']['median_s']} | {h['with']['peak_rss_mb']} |",
        f"| the same, rebuilt with nothing changed (charts not drawn again) | {len(h['with_rebuild']['runs_s'])} | "
        f"{h['with_rebuild']['median_s']} | {h['with_rebuild']['peak_rss_mb']} |",
        "", f"The dashboard adds {h['dashboard_cost_s']} s to a clean build (mostly importing matplotlib and "
        "drawing two charts); with no statement it adds nothing (matplotlib is not imported).",
    ]


if __name__ == "__main__":  # a quick look on its own: python benchmarks/conformance_bench.py
    import sys
    import tempfile

    sys.path.insert(0, str(Path(__file__).parent))
    import run as bench  # noqa: E402

    with tempfile.TemporaryDirectory() as tmp:
        res = run(Path(tmp), 1, stkit=bench.STKIT, measure=bench.measure, summarise=bench.summarise,
                  html_cmd=bench.html_cmd, log=bench.log, quick=True)
    print("\n".join(markdown(res)))
