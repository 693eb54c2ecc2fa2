# Two entry points that work on a fresh machine:
#   make lab    set everything up and start JupyterLab with the extension (embedded default store)
#   make test   set everything up and run every check: lint, types, layers, pytest, jest, Galata
SHELL := /bin/bash
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
export PATH := $(abspath $(BIN)):$(PATH)
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD := 1
JLPM := $(BIN)/jlpm
ROOT_FLAG := $(shell [ "$$(id -u)" = 0 ] && echo --allow-root)

.PHONY: lab test setup lint typecheck pytest jest ui-test clean bench constraints

setup: $(VENV)/.stamp-python node_modules/.stamp jupyter_ext/labextension/package.json $(VENV)/.stamp-develop

$(VENV)/.stamp-python: pyproject.toml constraints.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade "pip==25.3"
	$(BIN)/python -m pip install -q -c constraints.txt hatchling hatch-nodejs-version \
		hatch-jupyter-builder editables jupyterlab
	$(BIN)/python -m pip install -q -c constraints.txt -r <($(BIN)/python .ci/test_requirements.py)
	touch $@

node_modules/.stamp: package.json yarn.lock $(VENV)/.stamp-python
	$(JLPM) install $(if $(CI),--immutable,)
	touch $@

jupyter_ext/labextension/package.json: node_modules/.stamp $(wildcard src/*.ts src/*.tsx src/**/*.ts style/*.css schema/*.json)
	$(JLPM) build
	touch $@

$(VENV)/.stamp-develop: jupyter_ext/labextension/package.json pyproject.toml
	$(BIN)/python -m pip install -q -c constraints.txt --no-build-isolation --no-deps -e .
	$(BIN)/jupyter labextension develop --overwrite . > /dev/null
	$(BIN)/jupyter server extension enable --sys-prefix jupyter_ext > /dev/null
	touch $@

lab: setup
	$(BIN)/jupyter lab $(ROOT_FLAG)

lint: setup
	$(BIN)/ruff check jupyter_ext tests benchmarks ui-tests/jupyter_server_test_config.py \
		ui-tests/seed_team_store.py
	$(BIN)/ruff format --check jupyter_ext tests benchmarks ui-tests/seed_team_store.py
	$(BIN)/lint-imports
	$(JLPM) lint:check

typecheck: setup
	$(BIN)/mypy
	$(BIN)/mypy ui-tests/seed_team_store.py
	$(JLPM) tsc --noEmit -p tsconfig.test.json

pytest: setup
	$(BIN)/python -m pytest -q -p no:cacheprovider

jest: setup
	$(JLPM) jest

ui-test: setup
	cd ui-tests && CI=$${CI:-true} ../node_modules/.bin/playwright test

test: lint typecheck pytest jest ui-test

bench: setup
	$(BIN)/python benchmarks/run_all.py

# Refresh the pinned Python set after changing dependencies on purpose.
constraints:
	$(BIN)/python -m pip freeze --exclude jupyter-ext --exclude-editable | sort > constraints.txt

clean:
	rm -rf $(VENV) node_modules lib jupyter_ext/labextension tsconfig.tsbuildinfo
