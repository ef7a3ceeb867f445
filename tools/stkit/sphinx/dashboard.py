"""The page "Conformance dashboard" of the HTML site (conformance-dashboard.html), with its
CSV and JSON beside it, built from the statements in the project's `conformance/` folder.

Not part of the standard's text: it is left out of the single page, and so of the PDF, which
is the normative document, and out of a release build (STKIT_RELEASE=1, the archival HTML of
an adopted version), where it would only freeze one day's statements. With no statement to show, nothing is imported or written and the
build costs nothing more; the charts (matplotlib) are drawn again only when a statement, the
registry or the day changed since the previous build.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.util import logging

logger = logging.getLogger(__name__)

PAGE = "conformance-dashboard"
FOLDER = "conformance"
BUILDERS = ("html", "dirhtml")  # not singlehtml: the PDF holds the standard's text only
CSS_FILE = "stkit-dashboard.css"
STATIC = "_static/conformance"


def _files(app: Sphinx) -> list[Path]:
    if app.builder is None or app.builder.name not in BUILDERS or app.config.stkit_release:
        return []
    from .context import state

    folder = state(app).root / FOLDER
    if not folder.is_dir():
        return []
    from ..conformance.statement import statement_files

    # Links and special files are listed too: each is read through the path guard, which
    # refuses anything but a regular file inside the project (a located REG005).
    return statement_files(folder)


def _add_css(app: Sphinx) -> None:
    if _files(app):
        app.add_css_file(CSS_FILE)


def collect_pages(app: Sphinx):
    files = _files(app)
    if not files:
        return
    from ..conformance.dashboard.build import collect
    from ..conformance.dashboard.write import CHARTS, CSS, body, charts, csv_text, json_text, write_text
    from ..conformance.validate import today
    from ..conformance.versions import Editions
    from .context import state

    st = state(app)
    editions = Editions(st.root)
    editions.use_current(st.project.registry)
    on = today()
    board = collect(st.root / FOLDER, editions, on, shown_base=st.root, files=files, root=st.root)
    from .context import report

    for c in board.invalid:
        for d in c.diagnostics:
            if d.code == "REG005":  # a file the build may not read: the editor must see it
                report(st, d.code, d.path, d.line, d.message + (f" (fix: {d.fix})" if d.fix else ""))
    out = Path(app.outdir)
    static = out / STATIC
    write_text(out / "_static" / CSS_FILE, CSS)
    csv_name, json_name = f"{PAGE}.csv", f"{PAGE}.json"
    write_text(out / csv_name, csv_text(board))
    write_text(out / json_name, json_text(board))
    key = _key(files, st.root, on)
    stamp = static / "inputs.sha256"
    fresh = stamp.is_file() and stamp.read_text() == key and all((static / n).is_file() for n in CHARTS)
    if not fresh and board.rows:
        for name, svg in charts(board).items():
            write_text(static / name, svg)
        write_text(stamp, key)
    up = "../" if app.builder.name == "dirhtml" else ""
    placed = {p.req_id: sf.docname for sf in st.project.sources for p in sf.placements}
    reqs = st.project.registry.by_id

    def requirement(rid: str) -> str | None:
        if rid not in placed or rid not in reqs:
            return None
        return f"{up}{app.builder.get_target_uri(placed[rid])}#{reqs[rid].anchor}"

    html = body(board, image=lambda n: f"{up}{STATIC}/{n}",
                download=lambda n: up + (csv_name if n.endswith(".csv") else json_name), requirement=requirement)
    for c in board.invalid:
        logger.info("conformance dashboard: %s is not valid (listed, not counted)", c.path)
    yield PAGE, {"title": "Conformance dashboard", "body": html}, "page.html"


def _key(files: list[Path], root: Path, on) -> str:
    """What the charts depend on: the statements, the registry, the day, this toolchain. Each
    file is read through the path guard; one refused counts by its reason, not its content."""
    from .. import __version__
    from ..guard.paths import Refused, read_path

    h = hashlib.sha256(f"{__version__}\n{on}\n".encode())
    for p in [*files, root / "requirements_registry.yaml"]:
        h.update(str(p.relative_to(root)).encode() + b"\0")
        try:
            h.update(read_path(p, root) or b"")
        except (Refused, OSError) as exc:
            h.update(f"refused: {exc}".encode())
    for module in ("build", "charts", "write"):
        h.update((Path(__file__).parent.parent / "conformance" / "dashboard" / f"{module}.py").read_bytes())
    return h.hexdigest()


def setup(app: Sphinx) -> dict:
    app.connect("builder-inited", _add_css)
    app.connect("html-collect-pages", collect_pages)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
