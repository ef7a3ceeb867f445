# The standard's build. `make` checks, then builds HTML and PDF; every target sets up .venv first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STKIT := $(BIN)/stkit
SPHINXBUILD := $(BIN)/sphinx-build
BUILD := build
SPHINXOPTS ?= -W --keep-going -q
# Sphinx reads and writes pages on every core (docs/build.md, "Parallel builds"); JOBS=1 builds
# serially.
JOBS ?= auto

.PHONY: all check fix test html pdf docx serve preview release bench validate clean distclean

all: check html pdf
	@echo "HTML: $(BUILD)/html/index.html"
	@echo "PDF:  $(BUILD)/pdf/$$($(STKIT) metadata --field file_stem).pdf"

# .venv is rebuilt when pyproject.toml changes. The stamp is written last, so an interrupted
# install is redone on the next run.
$(VENV)/.stamp: pyproject.toml
	@bash tools/setup/system-packages.sh
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV) || { rm -rf $(VENV); \
	  echo "make: could not create $(VENV); on Debian: apt-get install python3-venv" >&2; exit 1; }
	$(BIN)/python -m pip install -q --disable-pip-version-check --upgrade pip
	$(BIN)/python -m pip install -q --disable-pip-version-check -e ".[test]"
	@touch $@

check: $(VENV)/.stamp
	$(STKIT) check

fix: $(VENV)/.stamp
	$(STKIT) check --fix

test: $(VENV)/.stamp
	$(BIN)/python -m pytest -q

# Speed and scale, side by side with sphinx-needs (docs/benchmarks.md): writes
# benchmarks/RESULTS.md and benchmarks/results.json. Installs the pinned sphinx-needs first.
bench: $(VENV)/.stamp
	$(BIN)/python -m pip install -q --disable-pip-version-check -e ".[test,bench]"
	$(BIN)/python benchmarks/run.py
	$(BIN)/python benchmarks/comments_bench.py
	$(BIN)/python benchmarks/translation_bench.py

# HTML of the standard (docs/build.md). Warnings, the checker's findings included, fail it.
html: $(VENV)/.stamp
	$(SPHINXBUILD) -b html -c . -j $(JOBS) $(SPHINXOPTS) standard $(BUILD)/html
	@for lang in $(TRANSLATED); do echo "html ($$lang): $(BUILD)/html/$$lang/index.html"; \
	  $(SPHINXBUILD) -b html -c . -j $(JOBS) $(SPHINXOPTS) -D language=$$lang standard $(BUILD)/html/$$lang || exit 1; done

# The archival PDF/A-3b, $(BUILD)/pdf/<file_stem>.pdf, from a singlehtml build (docs/pdf.md).
# Checked after building; a failed check exits 1 and leaves no PDF. Both steps are skipped
# when nothing the PDF is made from changed since it was built (a content hash of its inputs
# is kept next to it, <file_stem>.pdf.inputs).
pdf: $(VENV)/.stamp
	$(BIN)/python -m stkit.pdf.make $(BUILD) -- -j $(JOBS) $(SPHINXOPTS)
	@for lang in $(TRANSLATED); do \
	  $(BIN)/python -m stkit.pdf.make $(BUILD) --lang $$lang -- -j $(JOBS) $(SPHINXOPTS) || exit 1; done

# The standard as a Word document, $(BUILD)/docx/<file_stem>.docx (docs/word.md); its OOXML
# parts are checked after writing, and a failed build leaves no DOCX.
docx: $(VENV)/.stamp
	$(SPHINXBUILD) -b docx -c . $(SPHINXOPTS) standard $(BUILD)/docx
	@echo "DOCX: $(BUILD)/docx/$$($(STKIT) metadata --field file_stem).docx"
	@for lang in $(TRANSLATED); do \
	  $(SPHINXBUILD) -b docx -c . $(SPHINXOPTS) -D language=$$lang -d $(BUILD)/doctrees-docx-$$lang standard $(BUILD)/docx || exit 1; \
	  echo "DOCX ($$lang): $(BUILD)/docx/$$($(STKIT) metadata --field file_stem)-$$lang.docx"; done

# The Nu HTML Checker and axe-core (headless Chromium) over every page of the HTML build;
# installs chromium (apt-get) and its npm packages (into .validate/) when missing (docs/pdf.md).
validate: html docx
	bash tools/validate/run.sh $(BUILD)/html
	bash tools/validate/docx.sh $(BUILD)/docx

# Rebuilds on every change to the text, the registry or the toolchain; local only.
SERVE_PORT ?= 8000
serve: $(VENV)/.stamp
	$(BIN)/sphinx-autobuild -b html -c . $(SPHINXOPTS) --host 127.0.0.1 --port $(SERVE_PORT) \
	  --watch requirements_registry.yaml --watch tools/stkit --watch conformance standard $(BUILD)/html

# The release bundle for the Secretariat in dist/ (docs/release.md). DRAFT=1 releases a draft
# for comment; FORCE=1 replaces an existing release of the same version.
release: $(VENV)/.stamp
	$(STKIT) release $(if $(DRAFT),--draft) $(if $(FORCE),--force)

# A pull request's preview in build/preview/ (docs/review.md): the change reports against
# BASE, then the HTML (with its page "Changes since BASE") and the PDF. The workflow
# .github/workflows/preview.yml runs this very target, with CHECK_FORMAT=github.
CHECK_FORMAT ?= text
ifneq ($(filter preview,$(MAKECMDGOALS)),)
ifeq ($(strip $(BASE)),)
$(error make preview needs the revision to compare with, e.g. make preview BASE=origin/main)
endif
endif
preview: $(VENV)/.stamp
	$(STKIT) check --format $(CHECK_FORMAT)
	@git diff --quiet HEAD -- standard requirements_registry.yaml 2>/dev/null || \
	  echo "note: uncommitted changes are in the HTML build but not in changes.md/.html/.json (they compare with HEAD)"
	rm -rf $(BUILD)/preview $(BUILD)/.diff-failed && mkdir -p $(BUILD)/preview
	$(STKIT) diff '$(BASE)' HEAD --format markdown -o $(BUILD)/preview/changes.md || touch $(BUILD)/.diff-failed
	$(STKIT) diff '$(BASE)' HEAD --format html -o $(BUILD)/preview/changes.html || touch $(BUILD)/.diff-failed
	$(STKIT) diff '$(BASE)' HEAD --format json -o $(BUILD)/preview/changes.json || touch $(BUILD)/.diff-failed
	$(STKIT) diff '$(BASE)' HEAD --format docx -o $(BUILD)/preview/changes.docx || touch $(BUILD)/.diff-failed
	@for lang in $(TRANSLATED); do \
	  $(STKIT) diff '$(BASE)' HEAD --lang $$lang --format html -o $(BUILD)/preview/changes-$$lang.html && \
	  $(STKIT) diff '$(BASE)' HEAD --lang $$lang --format markdown -o $(BUILD)/preview/changes-$$lang.md && \
	  $(STKIT) diff '$(BASE)' HEAD --lang $$lang --format docx -o $(BUILD)/preview/changes-$$lang.docx || \
	  echo "note: no $$lang change report (above); the translation section of changes.md covers $$lang"; done
	DIFF_BASE='$(BASE)' $(MAKE) --no-print-directory html pdf
	cp -R $(BUILD)/html $(BUILD)/preview/html
	cp $(BUILD)/pdf/*.pdf $(BUILD)/preview/
	@echo "Preview: $(BUILD)/preview/html/changes.html, $(BUILD)/preview/changes.md"
	@if [ -e $(BUILD)/.diff-failed ]; then rm -f $(BUILD)/.diff-failed; \
	  echo "make preview: stkit diff reported an error (above); the reports say which" >&2; exit 1; fi

clean:
	rm -rf $(BUILD)

distclean: clean
	rm -rf $(VENV) dist .validate

# Translations (docs/translation.md). The languages besides English come from the registry's
# metadata.languages; `make html TRANSLATED=` builds English only, `TRANSLATED=fr` one language.
# Asked once per make, when first used (html and pdf both use it), not once per use.
TRANSLATED ?= $(eval TRANSLATED := $(shell test -x $(BIN)/python && $(BIN)/python -m stkit.translation languages 2>/dev/null))$(TRANSLATED)

# Updates locale/<lang>/LC_MESSAGES/*.po from the text and the registry (Sphinx's gettext
# builder, then sphinx-intl): new messages untranslated, changed ones fuzzy.
.PHONY: translations gettext
translations: $(VENV)/.stamp
	$(BIN)/python -m stkit.translation update --pot-dir $(BUILD)/gettext
gettext: translations
