# The standard's build. `make` checks, then builds HTML and PDF; every target sets up .venv first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STKIT := $(BIN)/stkit
SPHINXBUILD := $(BIN)/sphinx-build
BUILD := build
SPHINXOPTS ?= -W --keep-going -q

.PHONY: all check fix test html pdf serve preview release bench validate clean distclean

all: check html pdf
	@echo "HTML: $(BUILD)/html/index.html"
	@echo "PDF:  $(BUILD)/pdf/$$($(STKIT) metadata --field file_stem).pdf"

# .venv is rebuilt when pyproject.toml changes. The stamp is written last, so an interrupted
# install is redone on the next run.
$(VENV)/.stamp: pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --disable-pip-version-check --upgrade pip
	$(BIN)/python -m pip install -q --disable-pip-version-check -e ".[test]"
	@touch $@

check: $(VENV)/.stamp
	$(STKIT) check

fix: $(VENV)/.stamp
	$(STKIT) check --fix

test: $(VENV)/.stamp
	$(BIN)/python -m pytest -q

# HTML of the standard (docs/build.md). Warnings, the checker's findings included, fail it.
html: $(VENV)/.stamp
	$(SPHINXBUILD) -b html -c . $(SPHINXOPTS) standard $(BUILD)/html

# Rebuilds on every change to the text, the registry or the toolchain; local only.
SERVE_PORT ?= 8000
serve: $(VENV)/.stamp
	$(BIN)/sphinx-autobuild -b html -c . $(SPHINXOPTS) --host 127.0.0.1 --port $(SERVE_PORT) \
	  --watch requirements_registry.yaml --watch tools/stkit standard $(BUILD)/html

# The release bundle for the Secretariat in dist/ (docs/release.md). DRAFT=1 releases a draft
# for comment; FORCE=1 replaces an existing release of the same version.
release: $(VENV)/.stamp
	$(STKIT) release $(if $(DRAFT),--draft) $(if $(FORCE),--force)

clean:
	rm -rf $(BUILD)

distclean: clean
	rm -rf $(VENV) dist
