"""Build folders a pull request must not fill.

A build trusts what it finds in its own output folders: Sphinx unpickles its saved environment
(`.doctrees/environment.pickle`), the build cache keeps the parsed registry pickled beside it
(sphinx/cache.py), and `make pdf` compares a stored hash. A pickle runs code when it is loaded,
so a pull request that commits one (`git add -f build/...`) would run code on the machine that
builds it, CI included. The checker reports any committed file under these folders (SRC014)
and the Sphinx extension refuses to build into a folder that holds one, before Sphinx loads
anything from it. See docs/hardening.md.
"""

from __future__ import annotations

from pathlib import Path

from ..diagnostics import printable

# Folders of the repository that builds write and read back (never sources).
BUILD_FOLDERS = ("build", "dist")


def committed_under(root: Path, folders: list[Path] | tuple[str, ...] = BUILD_FOLDERS) -> list[str]:
    """The files git tracks below `folders` (paths relative to `root`, or absolute paths that
    may lie outside it), as paths relative to `root`. Outside a git repository, or without git,
    nothing is tracked, so nothing is found."""
    root = Path(root).resolve()
    inside = []
    for folder in folders:
        path = Path(folder)
        path = path.resolve() if path.is_absolute() else root / path
        try:
            inside.append(path.relative_to(root).as_posix())
        except ValueError:  # a build folder outside the repository: git tracks nothing there
            continue
    if not inside:
        return []
    import subprocess  # here, not at the top: a check without a build folder never asks git

    try:
        done = subprocess.run(["git", "-C", str(root), "ls-files", "-z", "--full-name", "--", *inside],
                              capture_output=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired):
        return []
    if done.returncode != 0:
        return []
    top = subprocess.run(["git", "-C", str(root), "rev-parse", "--show-prefix"], capture_output=True)
    prefix = top.stdout.decode("utf-8", "replace").strip() if top.returncode == 0 else ""
    names = [name.decode("utf-8", "replace") for name in done.stdout.split(b"\0") if name]
    return sorted(name[len(prefix):] if prefix and name.startswith(prefix) else name for name in names)


PROBLEM = ("is committed to git inside a build folder; builds load what they find there "
           "(a pickled environment runs code when it is loaded), so nothing is built while one is tracked")


def remedy(path: str) -> str:
    return f"remove it from git: git rm -r --cached {path.split('/', 1)[0]}"


def refusal(paths: list[str]) -> str:
    """One line for the build: the first committed file found, how many more, what to do."""
    more = f" (and {len(paths) - 1} more)" if len(paths) > 1 else ""
    return f"{printable(paths[0])}{more} {PROBLEM}; {remedy(paths[0])}"
