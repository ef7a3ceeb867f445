"""`stkit diff`: what changed in the standard between two git revisions.

`compare.py` classifies the changes into plain data, `redline.py` makes the word-level
redlines, and `render_markdown.py`, `render_json.py` and `render_html.py` present them.
`report()` is the one entry point the command and the Sphinx page share.
"""

from __future__ import annotations

from .load import load_side, report

__all__ = ["load_side", "report"]
