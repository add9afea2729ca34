# zhifa — two commands: `make run` and `make test`. Needs only python3 (3.11+), pip and make.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
DATA_DIR ?= ./var
DEMO_YEAR ?= 2024

.PHONY: run test lint openapi clients clients-check migrate-check bench clean

$(STAMP): requirements.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -r requirements.lock
	$(PY) -m pip install -q --no-deps -e .
	touch $(STAMP)

run: $(STAMP)
	$(VENV)/bin/zhifa migrate all --data-dir $(DATA_DIR)
	$(VENV)/bin/zhifa demo load --data-dir $(DATA_DIR) $(if $(DEMO_YEAR),--year $(DEMO_YEAR))
	$(VENV)/bin/zhifa serve all --data-dir $(DATA_DIR)

test: $(STAMP)
	$(PY) -m pytest -q

lint: $(STAMP)
	$(VENV)/bin/ruff check .

# openapi/*.json from the code, then the TypeScript types from openapi/gateway.json (needs npm)
openapi: $(STAMP)
	$(VENV)/bin/zhifa openapi export
	$(MAKE) -s clients

TS := clients/typescript
$(TS)/node_modules/.package-lock.json: $(TS)/package.json $(TS)/package-lock.json
	cd $(TS) && npm ci --no-audit --no-fund

clients: $(TS)/node_modules/.package-lock.json
	cd $(TS) && npm run -s generate

# CI: the types match openapi/gateway.json and the usage file compiles against them
clients-check: $(TS)/node_modules/.package-lock.json
	cd $(TS) && npm run -s drift && npm run -s check

clean:
	rm -rf $(VENV) var
