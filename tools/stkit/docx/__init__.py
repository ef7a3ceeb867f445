"""The standard as a Word document: a Sphinx builder (`sphinx-build -b docx`, `make docx`)
that writes the assembled doctree with python-docx, and the check of the file it writes.

builder.py registers the builder (the extension's setup calls `stkit.docx.builder`);
translator.py turns docutils nodes into WordprocessingML; document.py holds the Word
document, its furniture and sections; styles.yaml its named styles; revisions.py marks
tracked changes for `stkit diff --format docx`; check.py checks the package. docs/word.md.
"""
