"""The archival PDF of the standard: Sphinx's singlehtml output -> WeasyPrint -> PDF/A-3b.

`build_pdf()` is the one entry point (used by `python -m stkit.pdf` and by the release
command); see docs/pdf.md. `python -m stkit.pdf.make` is the `make pdf` step, which skips
the build when nothing the PDF is made from changed (inputs.py).
"""

from .errors import PdfError

__all__ = ["PdfError", "build_pdf"]


def __getattr__(name: str):
    # WeasyPrint takes a second or more to import: only when a PDF is really built.
    if name == "build_pdf":
        from .build import build_pdf

        return build_pdf
    raise AttributeError(name)
