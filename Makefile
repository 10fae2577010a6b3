PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install demo test bench eval clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e ".[dev]"
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(BIN)/frontlines ingest src/frontlines/samples
	$(BIN)/frontlines docs
	$(BIN)/frontlines events

test: $(STAMP)
	bash scripts/install_browser.sh
	$(BIN)/python -m pytest -q

eval: $(STAMP)
	$(BIN)/python bench/eval_dev.py

clean:
	rm -rf $(VENV) frontlines.db
