"""`stkit diff` and the languages: `--lang fr` shows each revision's text as a French reader
sees it (that revision's catalogues; text without a current translation in English after the
mark), and the English report says per language what a change made pending, added
untranslated and newly translated. Two revisions of the mini standard with French catalogues
made by the real update (Sphinx's gettext builder and sphinx-intl)."""

from __future__ import annotations

import json
import shutil
import zipfile
from pathlib import Path

from lxml import etree
from pypdf import PdfReader

import pytest

from conftest import REPO, replace_in, run_cli
from stkit.docx.check import check_package
from diff_repo import QUA_001
from test_diff_sphinx_page import build
from gitrepo import add_requirement, commit, git, init_repository
from translation.translation_site import (GENERAL_PO, REGISTRY_PO, french, french_template,  # noqa: F401
                                          po_line, translate)

PARA_2 = "A data provider sends a data set to a data recipient, following {st}`ST.96 Annex III`."
PARA_2_FR = ("Un fournisseur de données envoie un ensemble de données à un destinataire de données, "
             "conformément à {st}`ST.96 Annex III`.")


@pytest.fixture
def two(french: Path) -> Path:
    """BASE: the mini standard with its French catalogues (IPDX-FMT-001 and IPDX-DLV-001
    translated, paragraph 1 too). HEAD: the English statement of IPDX-FMT-001 reworded (its
    French no longer current), IPDX-QUA-001 added, paragraph 2 translated."""
    init_repository(french)
    replace_in(french / "requirements_registry.yaml", "shall deliver XML data sets in the format of ST.96.",
               "shall deliver every XML data set in the format of ST.96.")
    add_requirement(french, QUA_001, "IPDX-QUA-001")
    translate(french, {GENERAL_PO: {(None, PARA_2): PARA_2_FR}})
    commit(french, "edit")
    return french


def diff(root: Path, capsys, *args: str) -> tuple[int, str, str]:
    return run_cli(["diff", "--root", str(root), "HEAD~1", "HEAD", *args], capsys)


def languages_at(root: Path) -> str:
    line = next(n for n, text in enumerate((root / "requirements_registry.yaml").read_text().splitlines(), 1)
                if text.startswith("  languages:"))
    return f"requirements_registry.yaml:{line}:14"


def test_the_english_report_shows_the_translation_debt_of_the_change(two, capsys):
    code, out, err = diff(two, capsys)
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[0].endswith("requirements: 1 added, 1 reworded; paragraphs: no change; "
                             "translations: fr 1 made pending, 3 added untranslated, 1 newly translated")
    assert lines[lines.index("### Translations"):] == [
        "### Translations",
        "",
        "- fr (French): at `HEAD~1` 3 of 12 requirement texts and 1 of 7 numbered paragraphs "
        "translated; at `HEAD` 2 of 15 and 2 of 7",
        "  - made pending (1): **IPDX-FMT-001** statement (the English changed)",
        "  - added untranslated (3): **IPDX-QUA-001** title, statement, rationale",
        "  - newly translated (1): ¶2 in `standard/01-general.md`",
    ]
    code, out, _ = diff(two, capsys, "--format", "json")
    fr = json.loads(out)["translations"][0]
    assert fr["counts"] == {"base": {"paragraphs": {"total": 7, "translated": 1},
                                     "requirement_texts": {"total": 12, "translated": 3}},
                            "head": {"paragraphs": {"total": 7, "translated": 2},
                                     "requirement_texts": {"total": 15, "translated": 2}}}
    assert fr["made_pending"] == [{"requirement": "IPDX-FMT-001", "field": "statement",
                                   "reason": "the English changed"}]
    assert fr["newly_translated"] == [{"paragraph": "2", "file": "standard/01-general.md", "line": 6}]


def test_the_french_report_shows_each_side_as_a_french_reader_sees_it(two, capsys):
    code, out, err = diff(two, capsys, "--lang", "fr")
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[0].startswith("**Changes since `HEAD~1`, French text** (")
    assert lines[0].endswith("requirements: 1 added, 1 reworded; paragraphs: 1 reworded; "
                             "translations: fr 1 made pending, 3 added untranslated, 1 newly translated")
    assert lines[2] == ("_The texts are those a French reader sees at each revision: a text without a "
                        "current translation is shown in English after \\[traduction en attente\\], as "
                        "the French build shows it._")
    # a new requirement is pending: its title, its place (the heading is not translated) and text
    assert ("- **IPDX-QUA-001** \\[traduction en attente\\] Validation before delivery (shall, technical, "
            "level 1), `standard/02-requirements.md` § \\[traduction en attente\\] Requirements") in lines
    # the French statement was current at BASE; at HEAD the changed English shows, marked, whole
    assert ("- **IPDX-FMT-001** Données XML selon ST.96: <del>Un fournisseur de données doit livrer les "
            "ensembles de données XML au format de ST.96.</del><ins>\\[traduction en attente\\] A data "
            "provider shall deliver every XML data set in the format of ST.96.</ins>") in lines
    # a paragraph newly translated: the English (marked) at BASE, the French at HEAD
    assert ("  <del>\\[traduction en attente\\] A data provider sends a data set to a data recipient, "
            "following \\{st\\}\\`ST.96 Annex III\\`.</del><ins>Un fournisseur de données envoie un "
            "ensemble de données à un destinataire de données, conformément à "
            "\\{st\\}\\`ST.96 Annex III\\`.</ins>") in lines


def test_a_revised_translation_is_named_and_redlined_in_french(two, capsys):
    english = "A data provider should give notice before it discontinues a data set."
    translate(two, {REGISTRY_PO: {("IPDX-DLV-001", english): "Un fournisseur de données devrait donner "
                                  "un préavis raisonnable avant de cesser un ensemble de données."}})
    commit(two, "a translator's revision")
    code, out, err = diff(two, capsys)
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[0].endswith("requirements: no change; paragraphs: no change; translations: fr 1 translation revised")
    assert lines[lines.index("### Translations") + 2:] == [
        "- fr (French): at `HEAD~1` 2 of 15 requirement texts and 2 of 7 numbered paragraphs translated; "
        "at `HEAD` 2 of 15 and 2 of 7",
        "  - translation revised (1): **IPDX-DLV-001** statement"]
    code, out, err = diff(two, capsys, "--lang", "fr")
    assert ("- **IPDX-DLV-001** \\[traduction en attente\\] Notice before discontinuation: Un fournisseur de "
            "données devrait donner un préavis <ins>raisonnable</ins> avant de cesser un ensemble de données."
            ) in out.splitlines()


def test_the_french_report_in_html_and_json(two, capsys):
    code, out, err = diff(two, capsys, "--lang", "fr", "--format", "html")
    assert (code, err) == (0, "")
    assert "<title>Changes since HEAD~1, French text</title>" in out
    # each text in its language: French where translated, English where pending
    assert ('<tr><td rowspan="1"><strong>IPDX-FMT-001</strong><br><span lang="fr">Données XML selon '
            'ST.96</span></td><td>reworded</td><td><span lang="fr"><del>Un fournisseur de données doit '
            'livrer les ensembles de données XML au format de ST.96.</del></span><span lang="en"><ins>'
            '[traduction en attente] A data provider shall deliver every XML data set in the format of '
            'ST.96.</ins></span></td></tr>') in out
    assert '<div class="stkit-diff" lang="en">' in out  # the report's own words
    assert '<h3 id="translation-fr">fr (French)</h3>' in out
    code, out, err = diff(two, capsys, "--lang", "fr", "--format", "json")
    report = json.loads(out)
    assert report["lang"] == {"code": "fr", "name": "French", "mark": "[traduction en attente]"}
    reworded = report["requirements"][0]["changes"][0]
    assert (reworded["kind"], reworded["before"]) == (
        "reworded", "Un fournisseur de données doit livrer les ensembles de données XML au format de ST.96.")


def test_english_is_the_english_report(two, capsys):
    assert diff(two, capsys, "--lang", "en") == diff(two, capsys)


def test_an_unknown_language_is_one_line(two, capsys):
    code, out, err = diff(two, capsys, "--lang", "de")
    assert (code, out) == (2, "")
    assert err == (f"stkit: error: --lang de: not a language of the standard; {languages_at(two)}: "
                   "metadata.languages lists en, fr\n")


def test_a_revision_that_did_not_list_the_language_yet(french, capsys):
    registry = french / "requirements_registry.yaml"
    replace_in(registry, "languages: [en, fr]", "languages: [en]")
    init_repository(french)
    replace_in(registry, "languages: [en]", "languages: [en, fr]")
    commit(french, "French")
    code, out, err = diff(french, capsys, "--lang", "fr", "-o", str(french / "fr.md"))
    assert (code, out) == (1, "")
    assert err == (f"stkit diff: revision 'HEAD~1': {languages_at(french)}: metadata.languages lists en, "
                   "not fr: there is no French text at this revision to compare; compare from a "
                   "revision that lists it\n")
    assert not (french / "fr.md").exists()
    code, out, err = diff(french, capsys)  # the English report says the language is new
    assert (code, err) == (0, "")
    assert ("- fr (French), new in this change (`HEAD~1` did not list it): at `HEAD~1` 0 of 12 "
            "requirement texts and 0 of 7 numbered paragraphs translated; at `HEAD` 3 of 12 and 1 of 7"
            ) in out.splitlines()


def test_a_damaged_catalogue_at_base_is_one_located_line(two, capsys):
    po = two / REGISTRY_PO
    good = po.read_text(encoding="utf-8")
    line = po_line(two, REGISTRY_PO, 'msgid "XML data in ST.96"')
    lines = good.splitlines(keepends=True)
    lines[line - 1] = 'msgid "XML data" in ST.96"\n'  # a quote not escaped
    po.write_text("".join(lines), encoding="utf-8")
    git(two, "checkout", "-q", "-b", "side", "HEAD~1")
    commit(two, "damaged")
    git(two, "checkout", "-q", "main")
    code, out, err = run_cli(["diff", "--root", str(two), "side", "HEAD", "--lang", "fr"], capsys)
    assert (code, out) == (1, "")
    assert err.startswith(f"stkit diff: revision 'side': {REGISTRY_PO}:{line}:1: TRN003 the catalogue "
                          "cannot be read: ")
    assert err.count("\n") == 1 and "Traceback" not in err
    # the English report is still made, and says where the catalogue is damaged
    code, out, err = run_cli(["diff", "--root", str(two), "side", "HEAD"], capsys)
    assert (code, err) == (0, "")
    assert [x for x in out.splitlines() if "⚠️" in x] == [
        f"  - ⚠️ at `side`: locale/fr/LC\\_MESSAGES/registry.po:{line}:1: TRN003 the catalogue cannot be "
        f"read: Syntax error in po file \\(line {line}\\): unescaped double quote found"]


W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def tracked(docx: Path) -> list[tuple[str, str]]:
    """(ins|del, text) of each tracked change of text in the document's body, in order (a
    non-breaking hyphen, as in requirement IDs, read as a hyphen)."""
    body = etree.fromstring(zipfile.ZipFile(docx).read("word/document.xml"))

    def text(mark) -> str:
        return "".join("-" if el.tag == W + "noBreakHyphen" else (el.text or "")
                       for el in mark.iter(W + "t", W + "delText", W + "noBreakHyphen"))
    return [(mark.tag[len(W):], text(mark)) for mark in body.iter(W + "ins", W + "del") if text(mark).strip()]


def test_word_tracked_changes_in_french(two, tmp_path, capsys):
    """The French Word document of HEAD, each revision built in French from its own
    catalogues: a text that changed language is replaced whole."""
    shutil.copy(REPO / "conf.py", two / "conf.py")
    target = tmp_path / "changes-fr.docx"
    code, out, err = diff(two, capsys, "--lang", "fr", "--format", "docx", "-o", str(target))
    assert (code, err) == (0, "")
    assert out == f"{target}: 6 insertions, 2 deletions tracked\n"
    assert tracked(target) == [
        # paragraph 2, newly translated: the English (marked) out, the French in
        ("del", "[traduction en attente] A data provider sends a data set to a data recipient, following "
                "ST.96 Annex III."),
        ("ins", "Un fournisseur de données envoie un ensemble de données à un destinataire de données, "
                "conformément à "), ("ins", "ST.96 Annex III"), ("ins", "."),
        # IPDX-FMT-001: its French was current at BASE; the changed English shows at HEAD, marked
        ("del", "[IPDX-FMT-001] Un fournisseur de données doit livrer les ensembles de données XML au "
                "format de ST.96."),
        ("ins", "[IPDX-FMT-001] [traduction en attente] A data provider shall deliver every XML data set "
                "in the format of ST.96."),
        # IPDX-QUA-001, added untranslated: its block in English, marked, with the French words
        ("ins", "[IPDX-QUA-001] [traduction en attente] A data provider shall validate each delivery "
                "against its schema."),
        ("ins", "[traduction en attente] Validation before delivery · Obligatoire (shall) · Niveau 1 "
                "(fondation)"),
    ]
    assert check_package(target) == []
    if shutil.which("soffice"):  # the Word client nobody here wrote opens it (make validate installs it)
        from stkit.docx.libreoffice import to_pdf

        pdf, _ = to_pdf(target, tmp_path)
        shown = " ".join(" ".join(page.extract_text() for page in PdfReader(pdf).pages).split())
        assert "Un fournisseur de données envoie un ensemble de données" in shown


def test_word_tracked_changes_need_the_language_at_both_sides(french, tmp_path, capsys):
    registry = french / "requirements_registry.yaml"
    replace_in(registry, "languages: [en, fr]", "languages: [en]")
    init_repository(french)
    replace_in(registry, "languages: [en]", "languages: [en, fr]")
    commit(french, "French")
    shutil.copy(REPO / "conf.py", french / "conf.py")
    code, out, err = diff(french, capsys, "--lang", "fr", "--format", "docx", "-o", str(tmp_path / "c.docx"))
    assert (code, out) == (1, "")
    assert err.startswith("stkit diff: revision 'HEAD~1': requirements_registry.yaml:") and err.count("\n") == 1
    assert not (tmp_path / "c.docx").exists()


def test_the_preview_pages_show_the_translation_section_and_the_french_text(two, tmp_path):
    """`make preview` builds each language with DIFF_BASE: the English page "Changes since"
    ends with the translation section; the French site's page has the French texts."""
    shutil.copy(REPO / "conf.py", two / "conf.py")
    done = build(two, tmp_path / "en", "HEAD~1")
    assert done.returncode == 0, done.stderr
    page = (tmp_path / "en" / "changes.html").read_text(encoding="utf-8")
    id_ = '<span class="stkit-id">{}</span>'.format  # the site marks requirement IDs
    assert (f"<ul><li>made pending (1): <strong>{id_('IPDX-FMT-001')}</strong> statement (the English changed)</li>"
            f"<li>added untranslated (3): <strong>{id_('IPDX-QUA-001')}</strong> title, statement, rationale</li>"
            "<li>newly translated (1): ¶2 in <code>standard/01-general.md</code></li></ul>") in page
    done = build(two, tmp_path / "fr", "HEAD~1", "-D", "language=fr")
    assert done.returncode == 0, done.stderr
    page = (tmp_path / "fr" / "changes.html").read_text(encoding="utf-8")
    assert "Changes since HEAD~1, French text" in page
    assert ('<span lang="fr"><del>Un fournisseur de données doit livrer les ensembles de données XML au '
            'format de ST.96.</del></span><span lang="en"><ins>[traduction en attente] A data provider '
            'shall deliver every XML data set in the format of ST.96.</ins></span>') in page


def test_the_french_preview_page_falls_back_to_english_when_base_had_no_french(french, tmp_path):
    registry = french / "requirements_registry.yaml"
    replace_in(registry, "languages: [en, fr]", "languages: [en]")
    init_repository(french)
    replace_in(registry, "languages: [en]", "languages: [en, fr]")
    shutil.copy(REPO / "conf.py", french / "conf.py")
    done = build(french, tmp_path / "fr", "HEAD", "-D", "language=fr")
    assert done.returncode == 0, done.stderr  # no warning: the build runs with -W in make html
    page = (tmp_path / "fr" / "changes.html").read_text(encoding="utf-8")
    assert "Changes since HEAD (" in page and "French text" not in page
    assert "new in this change (HEAD did not list it)" in page
