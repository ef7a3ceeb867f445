"""`python -m stkit.translation update [--root DIR] [--pot-dir DIR] [-l LANG ...]` updates the
catalogues; `python -m stkit.translation languages` prints the languages to build besides
English (for the Makefile)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..project import find_root
from ..registry import REGISTRY_FILE, load_registry
from .languages import translated_languages
from .update import UpdateError, update


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m stkit.translation")
    sub = parser.add_subparsers(dest="command", required=True)
    up = sub.add_parser("update", help="update the gettext catalogues in locale/")
    up.add_argument("--root", type=Path, default=None)
    up.add_argument("--pot-dir", type=Path, default=Path("build/gettext"))
    up.add_argument("-l", "--language", action="append", dest="languages")
    ls = sub.add_parser("languages", help="the languages to build besides English")
    ls.add_argument("--root", type=Path, default=None)
    args = parser.parse_args(argv)
    root = (args.root or find_root(Path.cwd()) or Path.cwd()).resolve()
    if args.command == "languages":
        path = root / REGISTRY_FILE
        loaded = load_registry(path.read_bytes() if path.is_file() else None)
        if loaded.registry is None:
            print("stkit.translation: the registry cannot be loaded; run `stkit check`", file=sys.stderr)
            return 1
        print(" ".join(translated_languages(loaded.registry.metadata.languages)))
        return 0
    try:
        status = update(root, args.pot_dir, args.languages)
    except UpdateError as exc:
        print(f"make translations: {exc}", file=sys.stderr)
        return 1
    print(f"translations: {status['create']} catalogues created, {status['update']} updated, "
          f"{status['notchanged']} unchanged (locale/)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
