# The commands a newcomer needs; CI runs `make test` too (.ci/run).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1
# SITE_URL (the hosted address, which `make offline` and `make build` give MkDocs) is passed on
# as written, whether it comes from the environment or from make's command line, where make would
# otherwise expand $(...) in it before exporting it.
ifdef SITE_URL
override SITE_URL := $(value SITE_URL)
export SITE_URL
endif

.PHONY: serve test lint check build offline generate lighthouse bench screenshots clean
.PHONY: recheck bench-serve

# The virtual environment is made and filled on first use, and again when requirements change;
# the project's own packages are installed into it editable, so edits take effect at once.
$(VENV)/.installed: requirements.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $@

## serve: the site at http://127.0.0.1:8000, rebuilt on every change to docs/, data/, overrides/ or the code
serve: $(VENV)/.installed
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

## check: validate data/ and print every problem as file:line: message
check: $(VENV)/.installed
	$(BIN)/python -m factbase.check data

## recheck: compare a new capture of a source with its stored text, quote by quote (SOURCE=<id> TEXT=<file>)
# Make expands $(...) in a variable given on its command line, and exports the result to every
# recipe: `TEXT='cap$(shell touch x).txt'` would run a command. So each value an editor passes is
# taken as written ($(value ...), never expanded), kept out of the recipes' environment under its
# own name, and handed to the command through the environment, quoted, after `--`: a file name
# with $, $(shell ...), backticks, quotes, spaces, a semicolon or a leading dash is only a name.
override SOURCE := $(value SOURCE)
override TEXT := $(value TEXT)
unexport SOURCE TEXT
recheck: export RECHECK_SOURCE := $(SOURCE)
recheck: export RECHECK_TEXT := $(TEXT)
recheck: $(VENV)/.installed
	@if [ -z "$$RECHECK_SOURCE" ] || [ -z "$$RECHECK_TEXT" ]; then \
		echo 'usage: make recheck SOURCE=<source id in data/sources.yaml> TEXT=<new capture, as UTF-8 text>' >&2; \
		exit 2; \
	fi
	$(BIN)/python -m factbase.recheck -- "$$RECHECK_SOURCE" "$$RECHECK_TEXT"

## offline: the offline edition, zipped, with its SHA-256, in dist/ (open it from disk, no server)
offline: check
	$(BIN)/python scripts/build_offline.py

## build: the site into site/, strictly, offering the offline edition; a failed build leaves site/ as it was
build: offline
	$(BIN)/python scripts/build_site.py --offline-zip dist/offline-edition.zip

## generate: refresh schemas/, factbase/entries.py and the field reference in CONTRIBUTING.md from factbase/specs.py
generate: $(VENV)/.installed
	$(BIN)/python -m tools.schemas
	$(BIN)/python -m tools.entries
	$(BIN)/python -m tools.guide

## lint: ruff (lint and format), mypy (strict on factbase/, factsite/, mkdocs_factsite/ and macros/), vulture (dead code)
lint: $(VENV)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/vulture factbase factsite mkdocs_factsite macros tools scripts benchmarks vulture_whitelist.py --min-confidence 60

## test: everything: lint, the data check, then every test (loader, builds, links, browser, serve)
# On two workers, a test file to each at a time: the files' builds, browsers and servers wait on
# one another's output much of the time (232 s serial, 181 s so, on the two-core machine).
test: lint check
	$(BIN)/python -m pytest -n 2 --dist loadfile

## lighthouse: Lighthouse scores and page sizes for the home and topic pages (a benchmark, not a test)
lighthouse: $(VENV)/.installed
	cd benchmarks/lighthouse && npm ci --no-audit --no-fund --silent
	$(BIN)/python -m benchmarks.lighthouse

## bench: build synthetic corpora at 1x to 1,000x the real one against the plain-Material floor
bench: $(VENV)/.installed
	$(BIN)/python -m benchmarks.scale

## bench-serve: under mkdocs serve, seconds from saving a data file to the page showing it (or its problems), at 1x and 100x
bench-serve: $(VENV)/.installed
	$(BIN)/python -m benchmarks.serve --bad

## screenshots: the README's screenshots of a topic page, desktop and phone, from a fresh build
screenshots: $(VENV)/.installed
	$(BIN)/python scripts/screenshots.py

clean:
	rm -rf site dist .pytest_cache
