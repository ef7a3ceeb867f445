"""`python -m stkit.pdf.make BUILD_DIR [--root R] [--conf C] [--force] [-- SPHINX-OPTIONS...]`: the `make pdf` step.

Builds `BUILD_DIR/singlehtml` with Sphinx and then `BUILD_DIR/pdf/<file_stem>.pdf`, unless
that PDF was built from exactly the inputs there are now (inputs.py: a content hash of the
sources, the registry, the toolchain, the installed packages and fonts, the options), in
which case both steps are skipped. The hash is taken before anything is built and written
next to the PDF only once the PDF has passed its checks, so a file changed during a build,
a failed build or an interrupted one always leads to a new build the next time.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path
from typing import Callable

from ..errors import LoadError
from ..project import FsTree, find_root
from ..registry import REGISTRY_FILE, load_registry
from . import inputs
from .errors import PdfError


def _pdf_path(root: Path, pdf_dir: Path, lang: str = "en") -> Path | None:
    """Where the PDF of the registry as it is now goes (None when the registry cannot be read:
    the build then says why)."""
    loaded = load_registry(FsTree(root).read(REGISTRY_FILE))
    if loaded.registry is None:
        return None
    stem = loaded.registry.metadata.file_stem
    return pdf_dir / (f"{stem}.pdf" if lang == "en" else f"{stem}-{lang}.pdf")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m stkit.pdf.make", description=__doc__.splitlines()[0])
    parser.add_argument("build_dir", type=Path, help="the build folder (singlehtml/ and pdf/ go there)")
    parser.add_argument("--root", type=Path, help="the project root (default: found from here)")
    parser.add_argument("--conf", type=Path, default=None, help="the folder of conf.py (default: the root)")
    parser.add_argument("--force", action="store_true", help="build even when nothing changed")
    parser.add_argument("--lang", default="en", help="the language (docs/translation.md); a "
                        "translation goes to singlehtml-<lang>/ and <file_stem>-<lang>.pdf")
    argv = sys.argv[1:] if argv is None else list(argv)
    split = argv.index("--") if "--" in argv else len(argv)
    args = parser.parse_args(argv[:split])
    args.sphinx_options = argv[split + 1:]  # what follows -- goes to sphinx-build as it is
    root = (args.root or find_root(Path.cwd()) or Path.cwd()).resolve()
    release = os.environ.get("STKIT_RELEASE") == "1"
    lang = args.lang
    singlehtml = args.build_dir / ("singlehtml" if lang == "en" else f"singlehtml-{lang}")
    pdf_dir = args.build_dir / "pdf"
    conf = (args.conf or root).resolve()
    options = ["-c", str(conf), *args.sphinx_options]
    if lang != "en":
        options += ["-D", f"language={lang}"]
    key = inputs.input_key(root, options)
    pdf = _pdf_path(root, pdf_dir, lang)
    if pdf is not None and not args.force and inputs.up_to_date(pdf, key):
        print(f"{pdf}: up to date (nothing it is made from has changed)")
        return 0
    if pdf is not None:
        inputs.forget(pdf)
    command = [sys.executable, "-m", "sphinx", "-b", "singlehtml", *options, str(root / "standard"), str(singlehtml)]
    print(" ".join(["sphinx-build", *command[3:]]), flush=True)
    try:
        done = subprocess.run(command)
    except KeyboardInterrupt:
        print("stkit.pdf: interrupted", file=sys.stderr)
        return 130
    if done.returncode != 0:
        return done.returncode
    return build_pdf(singlehtml, pdf_dir, root, release, lang, on_built=lambda built: inputs.write_stamp(built.path, key))


def build_pdf(singlehtml: Path, out: Path, root: Path, release: bool, lang: str,
              on_built: Callable | None = None) -> int:
    """Build and check the PDF from a singlehtml build, and say so: the step both `make pdf`
    (above) and `python -m stkit.pdf` end with. Exit 0 with the PDF's path on stdout, or 1 with
    one line on stderr (nothing is left behind then). `on_built(built)` runs after the checks,
    before the path is printed (`make pdf` writes the PDF's stamp there)."""
    try:
        from .build import build  # WeasyPrint takes a second to import: only when building

        built = build(singlehtml, out, root, release=release, lang=lang)
    except (PdfError, LoadError) as exc:
        print(f"stkit.pdf: error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("stkit.pdf: interrupted", file=sys.stderr)
        return 130
    for warning in built.warnings:
        print(f"stkit.pdf: warning: {warning}", file=sys.stderr)
    if on_built is not None:
        on_built(built)
    print(f"{built.path} ({built.pages} pages, {built.bookmarks} bookmarks)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
