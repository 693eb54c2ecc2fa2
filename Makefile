# Two entry points that work on a fresh machine:
#   make lab    set everything up and start JupyterLab with the extension (embedded default store)
#               in the workspace folder, which gets the example notebooks on first run
#   make test   set everything up and run every check: lint, types, layers, pytest, jest, Galata,
#               and the Python tests against the lowest versions the package allows
SHELL := /bin/bash
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
export PATH := $(abspath $(BIN)):$(PATH)
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD := 1
JLPM := $(BIN)/jlpm
ROOT_FLAG := $(shell [ "$$(id -u)" = 0 ] && echo --allow-root)
# Where `make lab` serves notebooks from: git-ignored, never the checkout itself.
WORKSPACE ?= workspace
LAB_PORT ?= 8888
LAB_ARGS ?=
LOWEST_VENV ?= .venv-lowest
# The store and capture tests, less the long concurrency and property runs (~4 of ~7 minutes):
# what depends on the versions (conditional writes, S3 faults, kernels, nbformat) stays in.
LOWEST_TESTS ?= tests/store tests/capture --ignore=tests/store/test_store_concurrency.py \
	--deselect=tests/store/test_store_roundtrip.py::test_any_notebook_roundtrips \
	--deselect=tests/store/test_store_dedupe.py::test_versions_grow_with_what_changed \
	--deselect=tests/store/test_store_s3_faults.py::test_concurrent_writers_under_random_faults_leave_a_clean_store
# Installers and builders write here; a person sees a log only when its step fails.
LOGS := $(abspath $(VENV))/logs

# $(call quietly,WHAT,LOG,COMMAND): say WHAT in one line, run COMMAND with its output in
# $(LOGS)/LOG.log, and show that log's end only if COMMAND fails.
quietly = @mkdir -p $(LOGS); echo "$(1)"; if ! ( $(3) ) > $(LOGS)/$(2).log 2>&1; then \
	tail -n 60 $(LOGS)/$(2).log >&2; echo "FAILED: $(1) (whole log: $(LOGS)/$(2).log)" >&2; \
	exit 1; fi

.PHONY: lab test setup lint typecheck pytest jest ui-test clean bench constraints workspace \
	test-lowest

setup: $(VENV)/.stamp-python node_modules/.stamp jupyter_ext/labextension/package.json $(VENV)/.stamp-develop

$(VENV)/.stamp-python: pyproject.toml constraints.txt .ci/test_requirements.py
	$(call quietly,Python packages into $(VENV) (pip),pip,\
		{ test -x $(BIN)/python || $(PYTHON) -m venv $(VENV); } && \
		$(BIN)/python -m pip install -q --upgrade "pip==25.3" && \
		$(BIN)/python -m pip install -q -c constraints.txt hatchling hatch-nodejs-version \
			hatch-jupyter-builder editables jupyterlab && \
		$(BIN)/python -m pip install -q -c constraints.txt \
			-r <($(BIN)/python .ci/test_requirements.py))
	@touch $@

node_modules/.stamp: package.json yarn.lock .yarnrc.yml $(VENV)/.stamp-python
	$(call quietly,JavaScript packages into node_modules (jlpm install),jlpm-install,\
		$(JLPM) install $(if $(CI),--immutable,))
	@touch $@

jupyter_ext/labextension/package.json: node_modules/.stamp $(shell find src style schema -type f) jupyter_ext/openapi.json
	$(call quietly,Building the extension (jlpm build),jlpm-build,$(JLPM) build)
	@touch $@

$(VENV)/.stamp-develop: jupyter_ext/labextension/package.json pyproject.toml
	@# pip would write install.json through develop's symlink into jupyter_ext/labextension,
	@# where it later collides with the wheel's own copy: drop the link first.
	$(call quietly,Installing the extension into $(VENV),develop,\
		rm -rf $(VENV)/share/jupyter/labextensions/jupyter-ext jupyter_ext/labextension/install.json && \
		$(BIN)/python -m pip install -q -c constraints.txt --no-build-isolation --no-deps -e . && \
		$(BIN)/jupyter-builder develop --overwrite . && \
		$(BIN)/jupyter server extension enable --sys-prefix jupyter_ext)
	@touch $@

# The workspace is the user's folder: examples are copied in only where no file of that name
# exists (edited notebooks are never overwritten), and only those copies are marked trusted
# (they are ours; JupyterLab would log "not trusted" on opening them). Inside this checkout the
# workspace becomes a git repository of its own (first commit: the examples), so snapshots
# record the user's code version, never this project's.
workspace:
	@mkdir -p "$(WORKSPACE)"; cd "$(WORKSPACE)"; \
	here=$$(git -C "$(CURDIR)" rev-parse --show-toplevel 2>/dev/null); new_repo=; \
	if [ -n "$$here" ] && [ "$$(git rev-parse --show-toplevel 2>/dev/null)" = "$$here" ]; then \
		git -c init.defaultBranch=main init -q . && new_repo=1; fi; \
	examples=$$(cd "$(CURDIR)/examples" && find . -type f | sort); copied=; \
	for file in $$examples; do [ -e "$$file" ] || { \
		install -D -m 644 "$(CURDIR)/examples/$$file" "$$file" && copied="$$copied $$file"; }; done; \
	trusted=$$(for file in $$copied; do case $$file in *.ipynb) echo "$$file";; esac; done); \
	if [ -n "$$trusted" ] && [ -x "$(abspath $(BIN))/jupyter" ]; then \
		"$(abspath $(BIN))/jupyter" trust $$trusted > /dev/null; fi; \
	if [ -n "$$new_repo" ]; then git add -- $$examples && \
		git -c user.name="jupyter-ext examples" \
		-c user.email=examples@jupyter-ext.invalid -c commit.gpgsign=false \
		commit -q --no-verify -m "Examples copied by make lab"; fi

# One line for a person (URL, notebooks, store), then JupyterLab's warnings and errors only.
# The token is made here so that the line can carry it (JUPYTER_TOKEN is Jupyter's own variable).
lab: setup workspace
	@token=$${JUPYTER_TOKEN:-$$($(BIN)/python -c 'import secrets; print(secrets.token_hex(24))')}; \
	store=$$($(BIN)/python .ci/store_location.py $(LAB_ARGS)); \
	echo "JupyterLab: http://localhost:$(LAB_PORT)/lab?token=$$token  notebooks: $(abspath $(WORKSPACE))  store: $$store"; \
	JUPYTER_TOKEN=$$token exec $(BIN)/jupyter lab $(ROOT_FLAG) --ServerApp.root_dir="$(abspath $(WORKSPACE))" \
		--ServerApp.port=$(LAB_PORT) --ServerApp.port_retries=0 --Application.log_level=WARN $(LAB_ARGS)

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

# The package's declared lower bounds (pyproject.toml), proven: a separate venv with every
# `>=` bound installed exactly, running the store and capture tests (see .ci/lowest_requirements.py).
# uv resolves it in seconds; pip needs minutes to walk boto3's releases back to aiobotocore's range.
UV_LOWEST := $(BIN)/uv pip install -q --native-tls --python $(LOWEST_VENV)/bin/python
$(LOWEST_VENV)/.stamp: pyproject.toml constraints.txt .ci/lowest_requirements.py | $(VENV)/.stamp-develop
	$(call quietly,Lowest allowed versions into $(LOWEST_VENV) (uv),lowest,\
		rm -rf $(LOWEST_VENV) && $(PYTHON) -m venv --without-pip $(LOWEST_VENV) && \
		$(UV_LOWEST) -c constraints.txt hatchling hatch-nodejs-version hatch-jupyter-builder \
			editables && \
		HATCH_BUILD_NO_HOOKS=true $(UV_LOWEST) --no-build-isolation -e ".[s3]" \
			-r <($(BIN)/python .ci/lowest_requirements.py) && \
		$(BIN)/uv pip check --python $(LOWEST_VENV)/bin/python)
	@touch $@

test-lowest: $(LOWEST_VENV)/.stamp
	@$(BIN)/uv pip list --python $(LOWEST_VENV)/bin/python --format=freeze 2>/dev/null | \
		grep -iE "^(jupyter.server|jupyter.client|nbdime|nbformat|tornado|fsspec|s3fs|zstandard|detect.secrets|python.ulid)==" | \
		tr '\n' ' '; echo
	$(LOWEST_VENV)/bin/python -m pytest -q -p no:cacheprovider $(LOWEST_TESTS)

test: lint typecheck pytest test-lowest jest ui-test

bench: setup
	$(BIN)/python benchmarks/run_all.py

# Refresh the pinned Python set after changing dependencies on purpose.
constraints:
	$(BIN)/python -m pip freeze --exclude jupyter-ext --exclude-editable | sort > constraints.txt

clean:
	rm -rf $(VENV) $(LOWEST_VENV) node_modules lib jupyter_ext/labextension tsconfig.tsbuildinfo
