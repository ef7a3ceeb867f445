"""The archival PDF of the standard: Sphinx's singlehtml output -> WeasyPrint -> PDF/A-3b.

`build_pdf()` is the one entry point (used by `python -m stkit.pdf` and by the release
command); see docs/pdf.md.
"""

from .build import build_pdf
from .errors import PdfError

__all__ = ["PdfError", "build_pdf"]
