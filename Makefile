# Two commands for a fresh machine: `make run` and `make test` (see README.md).
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp

.PHONY: run test test-fast install lint bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $(STAMP)

install: $(STAMP)

run: $(STAMP)
	@# The report is written even when a document failed; the ingest's exit code is kept.
	$(BIN)/litcurate ingest raw --curated curated; rc=$$?; \
	$(BIN)/litcurate report --curated curated && exit $$rc

test: $(STAMP)
	$(BIN)/lint-imports
	$(BIN)/python -m pytest

# The edit loop: everything but the `slow` tests (Prefect servers, Dask, kill -9, browsers,
# fresh extraction processes), spread over the cores by pytest-xdist a test file at a time, so
# a module's fixtures are built once. `make test` runs everything, in one process, as CI does.
test-fast: $(STAMP)
	$(BIN)/lint-imports
	$(BIN)/python -m pytest -m "not slow" -q -n auto --maxprocesses 4 --dist loadfile

lint: $(STAMP)
	$(BIN)/python -m pip install --quiet -e ".[test,dev]"
	$(BIN)/ruff format --check .
	$(BIN)/ruff check extractors schemas litcurate flows benchmarks scripts tests
	$(BIN)/mypy extractors schemas litcurate flows

# Every issue-12 figure in one command (~20 min): the ingest ratios (pipeline start, text
# against spaCy, PDFs against pdfplumber; each step the faster of two interleaved rounds),
# then the curve at 100 / 1,000 / 10,000 documents (time, peak RSS) and the whole-table
# reads of the 10,000-document run's own folder.
bench: $(STAMP)
	$(BIN)/python benchmarks/bench_ingest.py --repeat 2
	$(BIN)/python benchmarks/bench_scale.py --docs 0

clean:
	rm -rf curated/*/ .pytest_cache
