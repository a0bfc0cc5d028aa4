# partygraph — the two commands a newcomer runs:
#   make demo   build the graph of examples/ (or INPUT=folder) into out/ and show who chaired what
#   make test   install the dev tools and every service the tests need, then run pytest
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
INPUT  ?= examples
OUT    ?= out

.PHONY: demo test install dev lint typecheck score bench bench-full clean browser-deps vendor docs context

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

$(VENV)/.installed: $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install -q -e .
	touch $@

$(VENV)/.dev-installed: $(VENV)/.installed
	$(BIN)/python -m pip install -q -e ".[dev]"
	touch $@

install: $(VENV)/.installed

dev: $(VENV)/.dev-installed

# --fresh: the demo shows INPUT alone, not what an earlier demo left in $(OUT)
demo: install
	$(BIN)/partygraph build $(INPUT) --out $(OUT) --fresh
	$(BIN)/partygraph query who-chaired-what --store $(OUT)/store

test: dev neo4j-build fuseki-build browser-deps
	@$(MAKE) --no-print-directory typecheck
	$(BIN)/python -m pytest

lint: dev
	$(BIN)/ruff check builder tests benchmarks tools
	@$(MAKE) --no-print-directory typecheck

# make docs: the ontology's HTML page (DOCS=file, default ontology.html); make context:
# regenerate ontology/context.jsonld, the published JSON-LD context, from ontology/*.ttl
DOCS ?= ontology.html
docs: install
	$(BIN)/partygraph docs -o $(DOCS)

context: install
	$(BIN)/partygraph docs -o $(DOCS) --context ontology/context.jsonld

# mypy checks the import package partygraph, whose code is builder/ (a link in build/)
typecheck: dev
	@mkdir -p build/typecheck && ln -sfn ../../builder build/typecheck/partygraph
	$(BIN)/mypy

# make score: build ../shared's development set and seeds, print the scorer's tables
# (per kind, per language); SHARED=dir points elsewhere, ERRORS=1 lists every miss.
SHARED ?= ../shared
score: install
	$(BIN)/python tools/score.py --shared $(SHARED) $(if $(ERRORS),--errors)

# make bench: the quick benchmark suite (< 10 min); make bench-full: 1k-100k articles,
# ~1M/~10M triples (hours). Figures and tables: benchmarks/README.md, benchmarks/results/.
bench: install
	@$(BIN)/python -c "import spacy, pyinstrument, rdflib_neo4j" 2>/dev/null \
		|| $(BIN)/python -m pip install -q -e ".[bench]"
	$(BIN)/python benchmarks/suite.py

bench-full: install
	@$(BIN)/python -c "import spacy, pyinstrument, rdflib_neo4j" 2>/dev/null \
		|| $(BIN)/python -m pip install -q -e ".[bench]"
	$(BIN)/python benchmarks/suite.py --full

# the browser tests' headless Chromium, from Debian's packages (never downloaded elsewhere)
browser-deps:
	@test -x /usr/bin/chromium -a -x /usr/bin/chromedriver || { \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -q && $$SUDO apt-get install -y -q chromium chromium-driver; }

# the network page's JavaScript (sigma, graphology, ForceAtlas2) into builder/data/vendor/,
# at the versions pinned in tools/vendor_js.py, with npm (never from a CDN)
vendor:
	$(PYTHON) tools/vendor_js.py

clean:
	rm -rf $(OUT) .pytest_cache test-artifacts

-include services/neo4j/Makefile.inc
-include services/fuseki/Makefile.inc

ifeq ($(wildcard services/neo4j/Makefile.inc),)
neo4j-build:
	@true
endif
