"""The translated build, with the real Sphinx: current translations are used, everything else
is the English with a visible "translation pending" mark, never an outdated translation."""

from __future__ import annotations

import re

import polib
from translation_site import GENERAL_PO, REGISTRY_PO, po_line, sphinx, french, french_template  # noqa: F401 (fixtures)

PENDING = '<span class="stkit-pending" lang="fr">[traduction en attente]</span>'


def requirement(html: str, rid: str) -> str:
    """The requirement's block, from its opening tag."""
    start = html.rindex("<div", 0, html.index(f'id="req-{rid.lower()}"'))
    return html[start: html.index("</div>", start)]


def test_french_build_uses_current_translations_and_marks_the_rest(french):
    code, err, out = sphinx(french, "fr")
    assert code == 0, err
    general = (out / "01-general.html").read_text(encoding="utf-8")
    assert '<html class="no-js" lang="fr"' in general or 'lang="fr"' in general.split(">", 2)[1]
    assert "Cette petite norme existe pour les tests." in general
    assert "<h1>Généralités" in general
    # paragraph 2 has no translation: English, in lang="en", after the mark
    m = re.search(r'<p class="[^"]*stkit-untranslated[^"]*" lang="en">(.*?)</p>', general, re.S)
    assert m and m.group(1).count(PENDING) == 1 and "A data provider sends a data set" in m.group(1)
    assert "Traduction de travail non officielle" in general
    reqs = (out / "02-requirements.html").read_text(encoding="utf-8")
    translated = requirement(reqs, "IPDX-FMT-001")
    assert '<strong class="kw kw-shall">doit</strong> livrer' in translated
    assert "Données XML selon ST.96" in translated and PENDING not in translated.split("</p>")[0]
    pending = requirement(reqs, "IPDX-DLV-002")
    assert PENDING in pending and '<strong class="kw kw-may">may</strong>' in pending
    assert "stkit-req-pending" in pending.split(">", 1)[0]


def test_language_switch_on_every_page_leads_to_the_same_page(french):
    code, err, out = sphinx(french, "en")
    assert code == 0, err
    english = (out / "01-general.html").read_text(encoding="utf-8")
    assert '<a href="fr/01-general.html" hreflang="fr" lang="fr">Français</a>' in english
    assert '<span aria-current="page" lang="en">English</span>' in english
    assert "stkit-pending" not in english and "stkit-untranslated" not in english
    code, err, out = sphinx(french, "fr")
    for page in out.glob("*.html"):
        if page.name in ("genindex.html", "search.html"):
            continue
        text = page.read_text(encoding="utf-8")
        assert f'<a href="../{page.name}" hreflang="en" lang="en">English</a>' in text, page.name


def test_a_changed_english_statement_shows_the_english_marked_not_the_old_translation(french):
    code, err, out = sphinx(french, "fr")
    assert code == 0, err
    assert "doit</strong> livrer" in (out / "02-requirements.html").read_text(encoding="utf-8")
    registry = french / "requirements_registry.yaml"
    registry.write_text(registry.read_text(encoding="utf-8").replace(
        "deliver XML data sets in the format of ST.96.", "deliver XML data sets in ST.96 format."),
        encoding="utf-8")
    code, err, out = sphinx(french, "fr", out)  # an incremental rebuild, as `make html` does
    assert code == 0, err
    block = requirement((out / "02-requirements.html").read_text(encoding="utf-8"), "IPDX-FMT-001")
    assert "Un fournisseur de données doit livrer" not in block
    assert PENDING in block and "deliver XML data sets in ST.96 format." in block


def test_a_fuzzy_message_is_not_used(french):
    po = polib.pofile(str(french / GENERAL_PO))
    po.find("General").flags.append("fuzzy")
    po.save()
    code, err, out = sphinx(french, "fr")
    assert code == 0, err
    general = (out / "01-general.html").read_text(encoding="utf-8")
    assert "Généralités" not in general
    # the heading: English, in lang="en", after the visible mark; its anchor unchanged
    assert re.search(r'<h1 class="[^"]*stkit-untranslated[^"]*" lang="en">' + re.escape(PENDING)
                     + r' General<a class="headerlink" href="#general"', general)


def test_a_keyword_error_fails_the_build_at_the_po_line(french):
    path = french / REGISTRY_PO
    path.write_text(path.read_text(encoding="utf-8").replace(
        "Un fournisseur de données doit livrer", "Un fournisseur de données peut livrer"),
        encoding="utf-8")
    code, err, _ = sphinx(french, "fr")
    line = po_line(french, REGISTRY_PO, "peut livrer")
    assert code != 0
    assert f"{REGISTRY_PO}:{line}: ERROR: TRN004 IPDX-FMT-001 is a 'shall' requirement" in err


def test_a_pending_heading_shows_the_mark_but_navigation_keeps_its_text(french):
    code, err, out = sphinx(french, "fr")
    assert code == 0, err
    page = (out / "02-requirements.html").read_text(encoding="utf-8")
    assert ('<h1 class="stkit-untranslated" lang="en">' + PENDING
            + ' Requirements<a class="headerlink" href="#requirements"') in page
    assert '<section id="requirements">' in page  # the anchor is the section's, unchanged
    assert "<title>Requirements - " in page  # the window title, the sidebar: the heading's text
    sidebar = page[page.index('<div class="sidebar-tree">'): page.index("</nav>", page.index('<div class="sidebar-tree">'))]
    assert ">Requirements</a>" in sidebar and "attente" not in sidebar
    index = (out / "index.html").read_text(encoding="utf-8")
    toctree = index[index.index('<div class="toctree-wrapper'):]
    toctree = toctree[: toctree.index("</div>")]
    assert ">Requirements</a>" in toctree and ">Généralités</a>" in toctree and "attente" not in toctree
    general = (out / "01-general.html").read_text(encoding="utf-8")
    assert "<h1>Généralités<a" in general  # a translated heading: no mark
