"""`make translations`: Sphinx's gettext builder and sphinx-intl make the catalogues; the
registry's fields are in registry.po with the requirement ID as message context."""

from __future__ import annotations

import polib

from stkit.translation.update import update

from translation_site import GENERAL_PO, REGISTRY_PO, french, french_template  # noqa: F401 (fixtures)


def test_every_page_and_the_registry_have_a_catalogue(french):
    folder = french / "locale" / "fr" / "LC_MESSAGES"
    names = sorted(p.name for p in folder.glob("*.po"))
    assert names == ["01-general.po", "02-requirements.po", "annex-i-tables.po", "index.po",
                     "registry.po"]
    general = polib.pofile(str(french / GENERAL_PO))
    assert general.find("General").msgstr == "Généralités"


def test_registry_messages_carry_the_requirement_id_as_context(french):
    po = polib.pofile(str(french / REGISTRY_PO))
    statement = po.find("A data provider may offer a Web API that follows ST.90.",
                        msgctxt="IPDX-DLV-002")
    assert statement is not None and statement.comment == "statement"
    assert ("requirements_registry.yaml", statement.occurrences[0][1]) == statement.occurrences[0]
    contexts = {e.msgctxt for e in po}
    assert {"metadata", "IPDX-FMT-001", "IPDX-DLV-001", "IPDX-DLV-002", "ST.96"} <= contexts


def test_a_changed_english_statement_becomes_fuzzy_on_update(french):
    registry = french / "requirements_registry.yaml"
    registry.write_text(registry.read_text(encoding="utf-8").replace(
        "deliver XML data sets in the format of ST.96.", "deliver XML data sets in ST.96 format."),
        encoding="utf-8")
    update(french, french.parent / "gettext")
    po = polib.pofile(str(french / REGISTRY_PO))
    entry = po.find("A data provider shall deliver XML data sets in ST.96 format.",
                    msgctxt="IPDX-FMT-001")
    assert entry.fuzzy
    assert entry.msgstr.startswith("Un fournisseur de données doit")  # kept for the translator
