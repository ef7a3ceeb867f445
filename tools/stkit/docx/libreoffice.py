"""Open a DOCX in LibreOffice, headless, and convert it to PDF: the client nobody here wrote
tells whether the file is a Word document it can read. Used by `make validate`
(tools/validate/docx.sh) and the tests.

`python -m stkit.docx.libreoffice FILE...` prints one line per file and exits 1 when one
cannot be opened or converted. LibreOffice is run with a private, temporary profile (so a
running LibreOffice of the user is not touched) and a time limit.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from pypdf import PdfReader
from pypdf.errors import PdfReadError

DOCX_FILTER = "MS Word 2007 XML"
TIMEOUT = 300  # seconds; the standard converts in a few


class ConversionError(Exception):
    """LibreOffice could not open or convert the file; one line says why."""


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def to_pdf(docx: Path, out_dir: Path) -> tuple[Path, int]:
    """Convert `docx` into `out_dir`; return the PDF and its number of pages."""
    program = soffice()
    if program is None:
        raise ConversionError("LibreOffice (soffice) is not installed: apt-get install libreoffice-writer")
    docx = Path(docx).resolve()
    with tempfile.TemporaryDirectory(prefix="stkit-lo-profile-") as profile:
        command = [program, "--headless", "--norestore", "--nolockcheck",
                   f"-env:UserInstallation={Path(profile).as_uri()}",
                   # Read it as Word 2007-365 (.docx) and nothing else: without a filter
                   # LibreOffice falls back to opening a broken file as plain text.
                   f"--infilter={DOCX_FILTER}",
                   "--convert-to", "pdf:writer_pdf_Export", "--outdir", str(out_dir), str(docx)]
        try:
            done = subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT,
                                  errors="replace")
        except subprocess.TimeoutExpired:
            raise ConversionError(f"LibreOffice did not convert it within {TIMEOUT} s") from None
    pdf = Path(out_dir) / (docx.stem + ".pdf")
    if done.returncode != 0 or not pdf.is_file():
        said = [line for line in (done.stderr + done.stdout).splitlines()
                if line.strip() and "javaldx" not in line]
        raise ConversionError("LibreOffice could not open or convert it"
                              + (f": {said[-1].strip()}" if said else f" (exit status {done.returncode})"))
    try:
        pages = len(PdfReader(pdf).pages)
    except PdfReadError as exc:
        raise ConversionError(f"LibreOffice wrote a PDF that cannot be read: {exc}") from None
    if pages == 0:
        raise ConversionError("LibreOffice wrote a PDF without pages")
    return pdf, pages


def main(argv: list[str] | None = None) -> int:
    paths = sys.argv[1:] if argv is None else argv
    if not paths:
        print("usage: python -m stkit.docx.libreoffice FILE.docx ...", file=sys.stderr)
        return 2
    status = 0
    with tempfile.TemporaryDirectory(prefix="stkit-lo-out-") as out:
        for path in paths:
            try:
                _, pages = to_pdf(Path(path), Path(out))
            except ConversionError as exc:
                print(f"{path}: {exc}", file=sys.stderr)
                status = 1
                continue
            print(f"{path}: LibreOffice opens it and converts it to PDF ({pages} pages)")
    return status


if __name__ == "__main__":
    sys.exit(main())
