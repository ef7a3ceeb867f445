"""Translations of the standard (docs/translation.md).

English is the source. The other languages the registry's metadata lists (`languages`) are
gettext catalogues in `locale/<lang>/LC_MESSAGES/`: one per page of the standard (made by
Sphinx's gettext builder) and `registry.po` for the registry's translatable fields and the
catalogues' titles (made here, with the requirement ID as message context). sphinx-intl
updates them, so a changed English sentence becomes fuzzy. The build uses only current
translations and shows the English, marked "translation pending", for the rest.

- `languages.py`: the per-language data files (keywords/, words/) and the language list;
- `catalog.py`: reading PO files (polib) with the line of each message;
- `extract.py`: the registry's messages (registry.pot);
- `update.py`: `python -m stkit.translation update` (`make translations`);
- `check.py`: the TRN rules of `stkit check`;
- `sphinxext.py`: what the Sphinx build does with a language.
"""
