# Make targets for the violent-crime-policy notebooks. `make help` lists them.
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON_BOOT ?= $(shell command -v python3.11 || command -v python3)
VENV        := .venv
PY          := $(VENV)/bin/python
STAMP       := $(VENV)/.installed
ARGS        ?=
COLLECT_ARGS ?=
LAB_SETTINGS := $(VENV)/share/jupyter/lab/settings/overrides.json

.PHONY: help setup collect report test lab clean bench browser strip evaluate train

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-8s %s\n", $$1, $$2}'

$(STAMP): requirements.txt
	@test -n "$(PYTHON_BOOT)" || { echo "Python 3.11 is needed (python3.11 or python3 on PATH)"; exit 2; }
	$(PYTHON_BOOT) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	$(PY) -c "import pathlib, sysconfig; pathlib.Path(sysconfig.get_paths()['purelib'], 'violent_crime_policy.pth').write_text('$(CURDIR)\\n')"
	$(PY) -m src.runner.kernel
	touch $(STAMP)

setup: $(STAMP) ## Create .venv with the pinned packages and the project's Jupyter kernel

collect: $(STAMP) ## Fetch new articles from sources.yml into data/raw/collected/ (never fails the run)
	$(PY) -m src.collect $(COLLECT_ARGS)

report: $(STAMP) ## Run every notebook on data/raw/ and write reports/report.html (ARGS="--force" etc.)
	$(PY) -m src.pipeline $(ARGS)

browser: ## Install Debian's chromium for the browser test if it is missing
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  elif command -v sudo >/dev/null; then sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else echo "chromium is missing and this user cannot install it: apt-get install chromium"; exit 2; fi; }

test: $(STAMP) browser ## Run the test suite (unit, end-to-end, browser)
	$(PY) -m pytest -q $(ARGS)

bench: $(STAMP) ## Run the benchmark (5, 1,000 and 10,000 synthetic articles)
	$(PY) -m benchmarks.run $(ARGS)

evaluate: $(STAMP) ## Scores on the seeds and on the development corpus (data/gold/dev), per corpus
	$(PY) -m src.evaluate

train: $(STAMP) ## Retrain the line classifier (src/clean/line_model.json) with cross-validated figures
	$(PY) -m src.clean.train

# JupyterLab's own defaults for this project (no news pop-up, no update check): see jupyter/lab-overrides.json
$(LAB_SETTINGS): jupyter/lab-overrides.json $(STAMP)
	install -D -m 644 $< $@

lab: $(STAMP) $(LAB_SETTINGS) ## Open JupyterLab with the project's kernel (no news pop-up: jupyter/lab-overrides.json)
	$(VENV)/bin/nbstripout --install
	$(VENV)/bin/jupyter lab notebooks/

strip: $(STAMP) ## Remove outputs and execution counts from the committed notebooks
	$(VENV)/bin/nbstripout notebooks/*.ipynb

clean: ## Delete generated tables, reports and caches (keeps .venv)
	rm -rf data/processed reports .pytest_cache
	find . -name __pycache__ -type d -prune -exec rm -rf {} +
