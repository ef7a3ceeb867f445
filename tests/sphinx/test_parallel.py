"""`make html` builds with `-j auto`: the extension declares itself parallel_read_safe and
parallel_write_safe, and these tests hold it to that. A build on two processes writes the
same bytes as a serial build, clean and after an incremental rebuild that another process
read in part (what each document places is merged back into the main environment,
envdata.merge; docs/build.md, "Parallel builds")."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from conftest import replace_in

BENCH = Path(__file__).resolve().parents[2] / "benchmarks"
REPO = BENCH.parent
sys.path.insert(0, str(BENCH))

import generate  # noqa: E402


def sphinx_build(root: Path, out: Path, *extra: str) -> subprocess.CompletedProcess:
    """`sphinx-build` as `make html` runs it, in its own process (so -j forks as it does there)."""
    return subprocess.run([sys.executable, "-m", "sphinx", "--no-color", "-b", "html", "-c", str(REPO), "-W",
                           "--keep-going", "-q", *extra, str(root / "standard"), str(out)],
                          capture_output=True, text=True)


def files(out: Path) -> dict[str, bytes]:
    """Every file of the built site; the doctree folder is Sphinx's cache, not the output."""
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*"))
            if p.is_file() and ".doctrees" not in p.relative_to(out).parts}


def assert_same_site(serial: Path, parallel: Path) -> None:
    ours, theirs = files(serial), files(parallel)
    assert sorted(ours) == sorted(theirs)
    differing = [name for name in ours if ours[name] != theirs[name]]
    assert differing == [], f"the -j 2 build differs from the serial build in {differing[:5]}"


def test_a_parallel_build_writes_the_same_bytes_as_a_serial_one(tmp_path):
    # 240 requirements over 8 sections: more than five documents, so Sphinx really reads and
    # writes on two processes; links, {para} references and the four tables cross documents.
    root = tmp_path / "std"
    generate.generate(root, 240, files=8)
    serial, parallel = tmp_path / "serial", tmp_path / "parallel"
    first = sphinx_build(root, serial)
    assert (first.returncode, first.stderr) == (0, "")
    second = sphinx_build(root, parallel, "-j", "2")
    assert (second.returncode, second.stderr) == (0, "")
    assert len(list(parallel.glob("section-*.html"))) == 8
    assert_same_site(serial, parallel)

    # An incremental -j 2 rebuild after an edit in the registry and one in the text equals a
    # serial clean build of the edited standard.
    registry = root / "requirements_registry.yaml"
    text = registry.read_text(encoding="utf-8")
    rid = text.split("  - id: ", 2)[1].split("\n", 1)[0]
    start = text.index(f"  - id: {rid}\n")
    title_at = text.index("    title: ", start)
    registry.write_text(text[:title_at] + '    title: "A parallel title"' +
                        text[text.index("\n", title_at):], encoding="utf-8")
    replace_in(root / "standard" / "section-003.md", "\n182. ", "\n182. Edited in parallel: ")
    again = sphinx_build(root, parallel, "-j", "2")
    assert (again.returncode, again.stderr) == (0, "")
    fresh = sphinx_build(root, tmp_path / "fresh")
    assert (fresh.returncode, fresh.stderr) == (0, "")
    assert "A parallel title" in (parallel / "annex-i-traceability.html").read_text(encoding="utf-8")
    assert_same_site(tmp_path / "fresh", parallel)
