"""`python -m stkit.pdf SINGLEHTML_DIR OUT_DIR`: build and check the archival PDF.

Exit 0 with the PDF's path on stdout; exit 1 with one line on stderr when the PDF cannot be
built or fails a post-check (nothing is left behind then).
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from ..project import find_root
from .make import build_pdf


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m stkit.pdf", description=__doc__.splitlines()[0])
    parser.add_argument("singlehtml", type=Path, help="Sphinx's singlehtml output folder")
    parser.add_argument("out", type=Path, help="folder to write <file_stem>.pdf into")
    parser.add_argument("--root", type=Path, help="the project root (default: found from here)")
    parser.add_argument("--release", action="store_true", default=os.environ.get("STKIT_RELEASE") == "1",
                        help="release build (default: STKIT_RELEASE=1)")
    parser.add_argument("--lang", default="en", help="the language of the build (default: en)")
    args = parser.parse_args(argv)
    root = args.root or find_root(Path.cwd())
    if root is None:
        print("stkit.pdf: error: no requirements_registry.yaml here or above; use --root", file=sys.stderr)
        return 1
    return build_pdf(args.singlehtml, args.out, root, args.release, args.lang)


if __name__ == "__main__":
    sys.exit(main())
