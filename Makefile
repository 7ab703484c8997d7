# The two commands: `make run` and `make test`. Everything else is a helper of those.
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
MANAGE := $(BIN)/python manage.py
STAMP := $(VENV)/.installed-$(shell cat requirements.lock pyproject.toml | sha256sum | cut -c1-16)

.PHONY: run test install quality format bench bench-serving lock messages browser-test spark-test demo otp clean

$(STAMP): requirements.lock pyproject.toml
	@echo "Installing dependencies into $(VENV) (log: var/install.log)..."
	@mkdir -p var
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@$(BIN)/python -m pip install --quiet --upgrade pip > var/install.log 2>&1 || { cat var/install.log; exit 1; }
	@$(BIN)/python -m pip install --quiet -r requirements.lock >> var/install.log 2>&1 || { tail -40 var/install.log; exit 1; }
	@$(BIN)/python -m pip install --quiet --no-deps -e . >> var/install.log 2>&1 || { tail -40 var/install.log; exit 1; }
	@bash scripts/system-packages.sh >> var/install.log 2>&1 || { tail -20 var/install.log; exit 1; }
	@rm -f $(VENV)/.installed-*
	@touch $(STAMP)

install: $(STAMP)

demo: install
	@$(MANAGE) migrate --verbosity 0
	@$(MANAGE) load_territories
	@$(MANAGE) load_demo

run: demo
	@echo ""
	@echo "Serving French Tech on http://127.0.0.1:$(PORT)/ (demo data; Ctrl-C to stop)"
	@DJANGO_SETTINGS_MODULE=frenchtech.settings.dev PORT=$(PORT) $(BIN)/gunicorn --config gunicorn.conf.py

test: install
	@$(BIN)/pytest -m "not browser and not spark" $(PYTEST_ARGS)

browser-test: install
	@test -d node_modules/axe-core || npm ci --no-audit --no-fund --ignore-scripts --silent
	@$(BIN)/pytest -m browser -p no:randomly $(PYTEST_ARGS)

# The observatory's Spark backend against the DuckDB engine (installs pyspark, needs Java).
spark-test: install
	@command -v java > /dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq default-jre-headless > /dev/null; }
	@$(BIN)/python -m pip install --quiet -r requirements-spark.lock >> var/install.log 2>&1 || { tail -20 var/install.log; exit 1; }
	@$(BIN)/pytest -m spark $(PYTEST_ARGS)

quality: install
	@$(BIN)/ruff check .
	@$(BIN)/ruff format --check .
	@$(BIN)/lint-imports --no-cache --no-logo
	@$(BIN)/vulture
	@$(BIN)/djlint frenchtech --lint --quiet
	@FRENCHTECH_ALLOW_DEV_SECRET=1 $(MANAGE) makemigrations --check --dry-run --verbosity 1

format: install
	@$(BIN)/ruff check --fix .
	@$(BIN)/ruff format .

bench: install
	@for bench in bench/*_bench.py; do echo "== $$bench"; $(BIN)/python $$bench $(BENCH_ARGS) || exit 1; done

# The serving benchmark alone: make bench-serving SERVING_ARGS=--quick (docs/operations.md).
bench-serving: install
	@$(BIN)/python bench/serving_bench.py $(SERVING_ARGS)

# Regenerate the exact pins from requirements.in (needs the registry).
lock: install
	@$(BIN)/python -m pip install --quiet uv
	@$(BIN)/uv pip compile requirements.in -o requirements.lock --python-version 3.11 --quiet

messages: install
	@FRENCHTECH_ALLOW_DEV_SECRET=1 $(MANAGE) makemessages -l en --no-obsolete --ignore=var --ignore=data --ignore=bench --ignore=tests --ignore=.venv
	@python3 frenchtech/locale/check_translations.py
	@cd frenchtech && FRENCHTECH_ALLOW_DEV_SECRET=1 ../$(BIN)/python ../manage.py compilemessages -l en

otp: install
	@$(MANAGE) demo_otp $(EMAIL)

clean:
	rm -rf $(VENV) var
