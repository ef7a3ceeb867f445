# Sphinx configuration of the standard. Build with `make html`, i.e.
#   sphinx-build -b html -c . -W --keep-going -q standard build/html
# The standard's number, version, status and title are not written here: the extension
# stkit.sphinx reads them from requirements_registry.yaml (the folder above the source
# folder, or $STKIT_ROOT) and sets project, version, release and html_title. See docs/build.md.
import sys
from pathlib import Path

# The toolchain lives in tools/; it is installed into .venv, and this keeps a plain
# checkout working too.
sys.path.insert(0, str(Path(__file__).resolve().parent / "tools"))

extensions = ["myst_parser", "stkit.sphinx"]

root_doc = master_doc = "index"
source_suffix = {".md": "markdown"}
exclude_patterns = ["_build", "**/.*", "**/_*", "README.md"]
language = "en"

myst_enable_extensions = ["deflist"]
myst_heading_anchors = 3
myst_footnote_transition = False

html_theme = "furo"
html_theme_options = {
    "navigation_with_keys": True,
    "top_of_page_buttons": [],
}
html_copy_source = False
html_show_sourcelink = False
html_show_sphinx = False
html_show_copyright = False
html_last_updated_fmt = None
html_permalinks = True

# A formal document has no build timestamps and uses no network: furo's fonts are the
# system's, and nothing is loaded from a CDN.
html_baseurl = ""
suppress_warnings: list[str] = []
