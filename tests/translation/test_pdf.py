"""A translation's PDF: named by language, `/Lang` set, the furniture in the language's words,
the pending mark printed, no language switch."""

from __future__ import annotations

import os
import subprocess
import sys

from pypdf import PdfReader
from translation_site import REPO, french, french_template  # noqa: F401 (fixtures)


def test_the_french_pdf(french, tmp_path):
    single = tmp_path / "singlehtml-fr"
    env = {**os.environ, "STKIT_ROOT": str(french)}
    run = subprocess.run([sys.executable, "-m", "sphinx", "--no-color", "-b", "singlehtml", "-c", str(REPO), "-q",
                          "-D", "language=fr", str(french / "standard"), str(single)],
                         capture_output=True, text=True, env=env)
    assert run.returncode == 0, run.stderr
    run = subprocess.run([sys.executable, "-m", "stkit.pdf", "--root", str(french), "--lang", "fr",
                          str(single), str(tmp_path / "pdf")], capture_output=True, text=True, env=env)
    assert run.returncode == 0, run.stderr
    assert sorted(p.name for p in (tmp_path / "pdf").iterdir()) == ["ST.XX-0.1-fr.pdf"]
    reader = PdfReader(tmp_path / "pdf" / "ST.XX-0.1-fr.pdf")
    assert str(reader.trailer["/Root"]["/Lang"]) == "fr"
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert "Réf. : Normes - ST.XX" in text and "fr / 03-XX-01" in text
    assert "Date : novembre 2026" in text and "PROJET DE TRAVAIL" in text
    assert "GÉNÉRALITÉS" in text.upper() and "[traduction en attente]" in text
    assert "Español" not in text  # the language switch is web furniture
    # a pending heading is marked where it stands; the contents list its text plainly
    assert "TABLE DES MATIÈRES" in text.upper()
    contents = reader.pages[1].extract_text()
    assert "REQUIREMENTS" in contents.upper() and "ATTENTE" not in contents.upper()
    assert "[TRADUCTION EN ATTENTE] REQUIREMENTS" in text.upper()
    outline = [item["/Title"] for item in reader.outline if not isinstance(item, list)]
    assert outline == ["NORME ST.XX", "Table des matières", "Généralités", "Requirements",
                       "Annex I: Traceability"]
