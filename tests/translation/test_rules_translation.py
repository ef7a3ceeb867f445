"""The TRN rules: each breaks a copy of the French mini standard and expects the exact code,
file, line and column (the msgstr in the PO file, where a translator edits)."""

from __future__ import annotations

import polib
from translation_site import GENERAL_PO, REGISTRY_PO, po_line, translate, french, french_template  # noqa: F401 (fixtures)

from stkit.checks import run_checks
from stkit.project import FsTree, load_project


def text_col(root, rel, line):
    """The column where the quoted text of this PO line starts."""
    return (root / rel).read_text(encoding="utf-8").splitlines()[line - 1].index('"') + 2


def trn(root):
    return [(d.code, d.severity, d.path, d.line, d.col, d.message)
            for d in run_checks(load_project(FsTree(root))) if d.code.startswith("TRN")]


def codes_at(root, code):
    return [(path, line, col) for c, _, path, line, col, _ in trn(root) if c == code]


def test_the_translated_fixture_has_no_error_and_notes_for_what_is_pending(french):
    found = trn(french)
    assert [f for f in found if f[1] != "note"] == []
    untranslated = codes_at(french, "TRN001")
    line = po_line(french, REGISTRY_PO, 'msgid "A data provider may offer a Web API that follows ST.90."') + 1
    assert (REGISTRY_PO, line, text_col(french, REGISTRY_PO, line)) in untranslated  # msgstr "" of IPDX-DLV-002's statement
    assert not any(path == GENERAL_PO and line == po_line(french, GENERAL_PO, 'msgstr "Généralités"')
                   for path, line, _ in untranslated)


def test_TRN002_the_english_statement_changed_without_an_update(french):
    registry = french / "requirements_registry.yaml"
    registry.write_text(registry.read_text(encoding="utf-8").replace(
        "deliver XML data sets in the format of ST.96.", "deliver XML data sets in ST.96 format."),
        encoding="utf-8")
    line = po_line(french, REGISTRY_PO, "Un fournisseur de données doit livrer")
    assert (REGISTRY_PO, line, text_col(french, REGISTRY_PO, line)) in codes_at(french, "TRN002")
    message = [m for c, _, p, l, _, m in trn(french) if c == "TRN002" and l == line][0]
    assert message.startswith("IPDX-FMT-001 statement: the English in the registry changed")


def test_TRN002_a_fuzzy_message_is_outdated(french):
    po = polib.pofile(str(french / GENERAL_PO))
    po.find("General").flags.append("fuzzy")
    po.save()
    line = po_line(french, GENERAL_PO, 'msgstr "Généralités"')
    assert (GENERAL_PO, line, text_col(french, GENERAL_PO, line)) in codes_at(french, "TRN002")


def test_TRN002_a_paragraph_edited_since_the_last_update(french):
    """Before `make translations` runs: the chapter's English no longer holds the translated text."""
    chapter = french / "standard" / "01-general.md"
    chapter.write_text(chapter.read_text(encoding="utf-8").replace(
        "It uses each convention once.", "It uses each convention exactly once."), encoding="utf-8")
    line = po_line(french, GENERAL_PO, "Cette petite norme existe")
    found = [(c, p, l, col, m) for c, _, p, l, col, m in trn(french) if c == "TRN002"]
    assert found == [("TRN002", GENERAL_PO, line, text_col(french, GENERAL_PO, line),
                      "the English this translation was made for, 'This small standard exists for the "
                      "tests. It uses each co...', is no longer in standard/01-general.md; the French "
                      "build shows the new English in its place")]


def test_TRN004_peut_for_a_shall_is_located_at_the_word(french):
    path = french / REGISTRY_PO
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("Un fournisseur de données doit livrer",
                                 "Un fournisseur de données peut livrer"), encoding="utf-8")
    line = po_line(french, REGISTRY_PO, "Un fournisseur de données peut livrer")
    col = path.read_text(encoding="utf-8").splitlines()[line - 1].index("peut") + 1
    assert codes_at(french, "TRN004") == [(REGISTRY_PO, line, col)]
    assert "IPDX-FMT-001 is a 'shall' requirement but its French statement uses 'peut'" in \
        [m for c, *_, m in trn(french) if c == "TRN004"][0]


def test_TRN004_a_statement_without_its_keyword(french):
    translate(french, {REGISTRY_PO: {
        ("IPDX-DLV-002", "A data provider may offer a Web API that follows ST.90."):
            "Un fournisseur de données offre une API Web conforme à ST.90."}})
    line = po_line(french, REGISTRY_PO, "Un fournisseur de données offre une API Web")
    assert codes_at(french, "TRN004") == [(REGISTRY_PO, line, text_col(french, REGISTRY_PO, line))]


def test_TRN005_a_requirement_id_or_citation_lost_in_translation(french):
    translate(french, {"locale/fr/LC_MESSAGES/01-general.po": {
        (None, "Paragraph {para}`para-terms` defines the parties; see also {req}`IPDX-FMT-001`. "
               "Any IP office, and the International Bureau, can be either party."):
            "Le paragraphe {para}`para-terms` définit les parties ; voir aussi {req}`IPDX-FMT-002`. "
            "Tout office, et le Bureau international, peut être l'une ou l'autre partie."}})
    line = po_line(french, GENERAL_PO, "Le paragraphe {para}")
    found = [(p, l, c, m) for code, _, p, l, c, m in trn(french) if code == "TRN005"]
    assert [(p, l, c) for p, l, c, _ in found] == [(GENERAL_PO, line, text_col(french, GENERAL_PO, line))] * 2
    assert any("requirement ID 'IPDX-FMT-001' of the English" in m for *_, m in found)
    assert any("{req}`IPDX-FMT-001` must be kept" in m for *_, m in found)


def test_TRN003_a_broken_catalogue(french):
    path = french / GENERAL_PO
    text = path.read_text(encoding="utf-8")
    path.write_text(text + '\nmsgid "x"\nnot po syntax\n', encoding="utf-8")
    broken = len(text.splitlines()) + 3
    assert codes_at(french, "TRN003") == [(GENERAL_PO, broken, 1)]
