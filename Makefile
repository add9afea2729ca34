# zhifa — two commands: `make run` and `make test`. Needs only python3 (3.11+), pip and make.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
DATA_DIR ?= ./var

.PHONY: run test lint openapi migrate-check bench clean

$(STAMP): requirements.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -r requirements.lock
	$(PY) -m pip install -q --no-deps -e .
	touch $(STAMP)

run: $(STAMP)
	$(VENV)/bin/zhifa migrate all --data-dir $(DATA_DIR)
	$(VENV)/bin/zhifa demo load --data-dir $(DATA_DIR)
	$(VENV)/bin/zhifa serve all --data-dir $(DATA_DIR)

test: $(STAMP)
	$(PY) -m pytest -q

lint: $(STAMP)
	$(VENV)/bin/ruff check .

openapi: $(STAMP)
	$(VENV)/bin/zhifa openapi export

clean:
	rm -rf $(VENV) var
