"""Helpers of the PDF tests: build a copy of a fixture standard to singlehtml with the real
Sphinx and the repository's conf.py, then to PDF with `python -m stkit.pdf`, the way
`make pdf` does, and read the PDF back."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pikepdf
from pypdf import PdfReader

REPO = Path(__file__).resolve().parents[2]
FIXTURES = REPO / "tests" / "fixtures"
EPOCH = "1764000000"  # 2025-11-24T16:00:00Z


def copy_mini(folder: Path) -> Path:
    root = folder / "mini"
    shutil.copytree(FIXTURES / "mini", root)
    return root


def run(*args: str, cwd: Path | None = None, **env: str) -> subprocess.CompletedProcess:
    environ = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH, **env}
    return subprocess.run([sys.executable, *args], capture_output=True, text=True, cwd=cwd,
                          env=environ, timeout=300)


def singlehtml(root: Path) -> Path:
    out = root.parent / f"{root.name}-singlehtml"
    done = run("-m", "sphinx", "--no-color", "-b", "singlehtml", "-c", str(REPO), "-W", "--keep-going", "-q",
               str(root / "standard"), str(out))
    assert done.returncode == 0, done.stderr
    return out


def pdf(singlehtml_dir: Path, root: Path, out: Path | None = None, **env: str) -> subprocess.CompletedProcess:
    out = out or root.parent / f"{root.name}-pdf"
    return run("-m", "stkit.pdf", str(singlehtml_dir), str(out), "--root", str(root), **env)


@dataclass
class Built:
    root: Path
    singlehtml: Path
    path: Path
    reader: PdfReader

    def opened(self) -> pikepdf.Pdf:
        """The PDF as the post-check reads it (stkit.pdf.postcheck works on pikepdf)."""
        return pikepdf.open(self.path)

    def page_texts(self) -> list[str]:
        return [page.extract_text() for page in self.reader.pages]


def build(root: Path) -> Built:
    html_dir = singlehtml(root)
    done = pdf(html_dir, root)
    assert done.returncode == 0, done.stderr
    path = Path(done.stdout.split(" (")[0])
    return Built(root, html_dir, path, PdfReader(path))


def page_number(text: str) -> str | None:
    """The page label of the running header: '3' of 'page: 3.XX.3', 'i.2' in an annex."""
    m = re.search(r"page: 3\.\w+\.((?:[ivx]+\.)?\d+)", text)
    return m.group(1) if m else None
