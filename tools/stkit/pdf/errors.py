"""The one error of the PDF build: a one-line message, printed by `python -m stkit.pdf`."""

from __future__ import annotations


class PdfError(Exception):
    """The PDF could not be built, or the built PDF failed a post-check."""
