"""`make pdf` (python -m stkit.pdf.make) builds the PDF again only when something it is made
from changed, and never leaves a PDF older than its inputs in place."""

from __future__ import annotations

from pathlib import Path

from pdf_site import EPOCH, REPO, copy_mini, pdf, run, singlehtml

from conftest import replace_in
from stkit.pdf import inputs

OPTIONS = ["-W", "--keep-going", "-q"]


def make_pdf(root: Path, build: Path, **env: str):
    return run("-m", "stkit.pdf.make", str(build), "--root", str(root), "--conf", str(REPO), "--", *OPTIONS,
               cwd=root, **env)


def test_the_pdf_is_built_again_only_when_an_input_changed(tmp_path):
    root = copy_mini(tmp_path)
    build = tmp_path / "build"
    first = make_pdf(root, build)
    assert first.returncode == 0, first.stderr
    [pdf_file] = (build / "pdf").glob("*.pdf")
    stamp = inputs.stamp_path(pdf_file)
    assert stamp.is_file()
    built_at, html_at = pdf_file.stat().st_mtime_ns, (build / "singlehtml" / "index.html").stat().st_mtime_ns

    # Nothing changed: neither the singlehtml build nor the PDF is made again.
    again = make_pdf(root, build)
    assert again.returncode == 0, again.stderr
    assert "up to date" in again.stdout
    assert pdf_file.stat().st_mtime_ns == built_at
    assert (build / "singlehtml" / "index.html").stat().st_mtime_ns == html_at

    # One word of the text changes: both are built again, and the PDF holds the new text.
    replace_in(root / "standard" / "02-requirements.md", "4. Formats come first.", "4. Formats come first, always.")
    edited = make_pdf(root, build)
    assert edited.returncode == 0, edited.stderr
    assert "up to date" not in edited.stdout
    assert pdf_file.stat().st_mtime_ns != built_at
    assert "Formats come first, always." in (build / "singlehtml" / "index.html").read_text(encoding="utf-8")

    # The date the PDF carries is an input too (SOURCE_DATE_EPOCH).
    later = make_pdf(root, build, SOURCE_DATE_EPOCH=str(int(EPOCH) + 86400))
    assert later.returncode == 0 and "up to date" not in later.stdout


def test_a_failed_or_manual_build_leaves_no_stamp_that_could_hide_a_change(tmp_path):
    root = copy_mini(tmp_path)
    build = tmp_path / "build"
    assert make_pdf(root, build).returncode == 0
    [pdf_file] = (build / "pdf").glob("*.pdf")

    # A build that fails (a warning with -W) removes the stamp; the next `make pdf` builds.
    replace_in(root / "standard" / "01-general.md", "see also {req}`IPDX-FMT-001`", "see also {req}`IPDX-NOPE-001`")
    failed = make_pdf(root, build)
    assert failed.returncode != 0
    assert not inputs.stamp_path(pdf_file).exists()
    replace_in(root / "standard" / "01-general.md", "see also {req}`IPDX-NOPE-001`", "see also {req}`IPDX-FMT-001`")
    rebuilt = make_pdf(root, build)
    assert rebuilt.returncode == 0 and "up to date" not in rebuilt.stdout
    assert inputs.stamp_path(pdf_file).is_file()

    # A PDF written by the step on its own (python -m stkit.pdf) is not vouched for by a stamp.
    done = pdf(singlehtml(root), root, out=build / "pdf")
    assert done.returncode == 0, done.stderr
    assert not inputs.stamp_path(pdf_file).exists()
    assert "up to date" not in make_pdf(root, build).stdout


def test_the_input_key_follows_every_kind_of_input(tmp_path):
    root = copy_mini(tmp_path)
    base = inputs.input_key(root, OPTIONS, environ={})
    assert inputs.input_key(root, OPTIONS, environ={}) == base  # stable
    assert inputs.input_key(root, OPTIONS + ["-D", "language=fr"], environ={}) != base
    assert inputs.input_key(root, OPTIONS, environ={"STKIT_RELEASE": "1"}) != base
    (root / "standard" / "figure.svg").write_text("<svg/>", encoding="utf-8")  # an included file
    with_figure = inputs.input_key(root, OPTIONS, environ={})
    assert with_figure != base
    replace_in(root / "requirements_registry.yaml", "title: XML data in ST.96", "title: XML in ST.96")
    assert inputs.input_key(root, OPTIONS, environ={}) != with_figure
