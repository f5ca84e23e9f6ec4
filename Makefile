# The two set-up commands of the README: `make demo` and `make test`.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin

$(BIN)/bilat: pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[dev]'
	touch $(BIN)/bilat

install: $(BIN)/bilat

demo: install
	rm -f demo.duckdb
	$(BIN)/bilat ingest samples/corpus/ --db demo.duckdb
	$(BIN)/bilat docs --db demo.duckdb
	$(BIN)/bilat timeline Vietnam Belgium --db demo.duckdb
	$(BIN)/bilat dossier Vietnam Belgium --format html -o demo-dossier.html --db demo.duckdb
	@echo "next: $(BIN)/bilat serve --db demo.duckdb   then open http://127.0.0.1:8000"

test: install
	$(BIN)/ruff check src tests
# (the dossier test renders its HTML in headless Chromium, the web pages' tests drive it through
# chromedriver: root installs both when absent)
	@if [ "$$(id -u)" = 0 ]; then command -v chromium >/dev/null || (apt-get install -y -q chromium >/dev/null 2>&1 || (apt-get update -q && apt-get install -y -q chromium)); fi
	@if [ "$$(id -u)" = 0 ]; then command -v chromedriver >/dev/null || (apt-get install -y -q chromium-driver >/dev/null 2>&1 || (apt-get update -q && apt-get install -y -q chromium-driver)); fi
# (the store tests run on PostgreSQL too, on a throw-away cluster: root installs it when absent)
	@if [ "$$(id -u)" = 0 ]; then ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || command -v initdb >/dev/null || (apt-get install -y -q postgresql >/dev/null 2>&1 || (apt-get update -q && apt-get install -y -q postgresql)); fi
	$(BIN)/pytest

bench: install
	$(BIN)/python -m bilat.bench.ingest
	$(BIN)/python -m bilat.bench.extract
	$(BIN)/python -m bilat.bench.scaling
	$(BIN)/python -m bilat.bench.ray_batch
	$(BIN)/python -m bilat.bench.article_extraction
	$(BIN)/python -m bilat.bench.merge
	$(BIN)/python -m bilat.bench.record --docs 1000000
	$(BIN)/python -m bilat.bench.search --docs 200000
	$(BIN)/python -m bilat.bench.serve --docs 1000000 --rps 10 --seconds 15

# property fuzzing, long run (bilat.bench.fuzz; tests/fuzz runs the same properties briefly)
fuzz: install
	$(BIN)/python -m bilat.bench.fuzz

.PHONY: install demo test bench fuzz
