# Huidbot: the two commands a newcomer needs are `make run` and `make test`.
.DEFAULT_GOAL := help
SHELL := /bin/bash

VENV   := .venv
PY     := $(VENV)/bin/python
RASA   := TF_CPP_MIN_LOG_LEVEL=3 SQLALCHEMY_SILENCE_UBER_WARNING=1 $(VENV)/bin/rasa
MODEL  := models/huidbot.tar.gz
TRAINING_INPUTS := config.yml domain.yml $(wildcard components/*.py) $(shell find data -name '*.yml' 2>/dev/null) $(wildcard bot/knowledge/*.yml)

.PHONY: lint help setup train run run-scaled shell actions web validate test test-unit test-nlu test-stories test-e2e test-channels test-scale eval-nlu bench loadtest clean

help: ## List the targets
	@grep -E '^[a-z0-9-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-13s %s\n", $$1, $$2}'

setup: ## Create .venv (Python 3.10), install pinned deps and the Dutch spaCy model
	@bash scripts/setup.sh

$(MODEL): $(TRAINING_INPUTS) | setup
	$(RASA) train --config config.yml --domain domain.yml --data data --out models --fixed-model-name huidbot
	@touch $(MODEL)

train: setup $(MODEL) ## Train the model (only when data or config changed)

run: setup $(MODEL) ## Set up, train if needed, start the action server, the bot and the desk
	$(PY) -m launch

run-scaled: setup $(MODEL) ## Scaled mode: PostgreSQL, Redis, 2 action + 2 Rasa servers, HAProxy on :5005 (data in var/pg)
	$(PY) -m launch.scaled

shell: setup $(MODEL) ## Chat with the bot in the terminal
	$(PY) -m launch --shell

web: setup ## Serve only the chat demo and the receptionist's page (HUIDBOT_WEB_PORT, default 8080)
	$(PY) -m desk serve

actions: setup ## A separate action server (127.0.0.1:5055; HUIDBOT_ACTIONS_HOST) for an endpoints.yml with url: (make run needs none)
	PYTHONPATH=$(CURDIR) SANIC_HOST=$${HUIDBOT_ACTIONS_HOST:-127.0.0.1} SANIC_REQUEST_MAX_SIZE=1000000 RASA_TELEMETRY_ENABLED=false \
	  $(PY) -m launch.action_server --actions actions --port 5055 --logging-config-file launch/logging.yml

lint: setup ## ruff (lint + import order) and mypy on the project's own code (pyproject.toml)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/mypy

validate: setup ## rasa data validate (must be free of errors)
	$(RASA) data validate --domain domain.yml --data data --config config.yml

test-unit: setup ## pytest: bot/, actions/, data checks
	$(PY) -m pytest -q tests --ignore=tests/e2e --ignore=tests/conversations --ignore=tests/web --ignore=tests/telegram --ignore=tests/whatsapp --ignore=tests/scale

test-nlu: setup $(MODEL) ## Held-out NLU test set (intent accuracy >= 0.97)
	$(RASA) test nlu --nlu tests/nlu/test_nlu.yml --model $(MODEL) --out results/nlu --no-plot
	$(PY) scripts/check_nlu_accuracy.py results/nlu

test-stories: setup $(MODEL) ## Test stories with --fail-on-prediction-errors
	$(RASA) test core --stories tests/stories --model $(MODEL) --out results/core --fail-on-prediction-errors --no-plot

test-e2e: setup $(MODEL) ## Conversations over REST (Rasa as make run starts it): e2e + conversation quality, one server
	$(PY) -m pytest -q tests/e2e tests/conversations

test-channels: setup $(MODEL) ## Website widget in headless Chromium; Telegram and WhatsApp webhooks on local API stand-ins
	$(PY) -m pytest -q tests/web tests/telegram tests/whatsapp

test-scale: setup $(MODEL) ## Scaled mode for real: PostgreSQL, Redis, 2 Rasa + 2 action servers, HAProxy (tests/scale)
	$(PY) -m pytest -q tests/scale

test: ## Set up and run every test, stage by stage, with the time of each
	@bash scripts/test_stages.sh setup lint validate test-unit train test-nlu test-stories test-e2e test-channels test-scale
	@echo "make test: all checks passed"

eval-nlu: setup ## Same 5 folds: configured pipeline vs TF-IDF+LR reference, held-out checks, train time -> reports/nlu/
	$(PY) scripts/eval_nlu.py

loadtest: setup $(MODEL) ## locust at 1, 10, 50 users: embedded, scaled and the stock rasa-init bot -> reports/load.md
	$(PY) -m scripts.loadtest

bench: setup $(MODEL) ## Huidbot next to the stock rasa-init bot and the scaled mode, one run, one client -> reports/bench.json
	$(PY) -m scripts.bench

clean: ## Remove trained models and test results (keeps .venv and conversations)
	rm -rf models results
