# Fugong (复工): run `make help` for the targets.
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON_BIN ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
LOCAL := deploy/local

# KAFKA_NODES=3 (or FUGONG_KAFKA_NODES=3): a local three-node Kafka cluster instead of one node.
# Its topics get three replicas, two of which must have every write, and the services all three
# bootstrap servers; a setting given explicitly still wins.
KAFKA_NODES ?= $(or $(FUGONG_KAFKA_NODES),1)
export FUGONG_KAFKA_NODES := $(KAFKA_NODES)
# KAFKA_SECURITY=plaintext (or FUGONG_KAFKA_SECURITY): a development broker without TLS or users.
KAFKA_SECURITY ?= $(or $(FUGONG_KAFKA_SECURITY),sasl_ssl)
export FUGONG_KAFKA_SECURITY := $(KAFKA_SECURITY)
ifneq ($(KAFKA_NODES),1)
export FUGONG_KAFKA_BOOTSTRAP_SERVERS ?= $(shell $(LOCAL)/kafka.sh bootstrap)
export FUGONG_TOPIC_REPLICATION_FACTOR ?= 3
export FUGONG_TOPIC_MIN_INSYNC_REPLICAS ?= 2
endif

.PHONY: help setup up down status run demo posters test test-cluster check lint format typecheck unit integration e2e bench bench-ingest bench-matching bench-notify client clean

help: ## List the targets
	@awk 'BEGIN {FS = ":.*## "} /^[a-zA-Z_-]+:.*## / {printf "  \033[1m%-12s\033[0m %s\n", $$1, $$2}' $(MAKEFILE_LIST)

$(STAMP): pyproject.toml
	@$(LOCAL)/system-packages.sh
	@test -x $(PY) || $(PYTHON_BIN) -m venv $(VENV) || python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

setup: $(STAMP) ## Install what is missing: Debian packages (as root), the venv, the Kafka jars, ECharts
	@$(LOCAL)/system-packages.sh
	@$(LOCAL)/kafka.sh fetch
	@$(LOCAL)/console-assets.sh

# Runs a command with a Kafka user's settings (written by kafka.sh start): $(call as_kafka_user,admin)
as_kafka_user = set -a && . "$$($(LOCAL)/kafka.sh client-env $(1))" && set +a &&

.PHONY: infra migrate
infra: setup ## Start PostgreSQL and Kafka (SASL_SSL; KAFKA_SECURITY=plaintext for none), create the topics and ACLs, migrate the schemas
	@$(LOCAL)/postgres.sh start
	@$(LOCAL)/kafka.sh start
	@$(call as_kafka_user,admin) $(PY) -m services.platform.topics
	@$(call as_kafka_user,admin) $(PY) -m services.platform.kafka_acls apply
	@$(MAKE) --no-print-directory migrate

migrate: setup ## Apply every service's migrations and grants, as the privileged role (FUGONG_MIGRATION_DATABASE_URL)
	@$(PY) -m services.platform.migrate

up: infra ## Start the whole stack: Kafka, PostgreSQL, every service, Prometheus
	@$(LOCAL)/services.sh start
	@$(LOCAL)/prometheus.sh start

down: ## Stop Prometheus, every service, Kafka and PostgreSQL
	@$(LOCAL)/prometheus.sh stop
	@$(LOCAL)/services.sh stop
	@$(LOCAL)/kafka.sh stop
	@$(LOCAL)/postgres.sh stop

status: ## Report what is running
	@$(LOCAL)/postgres.sh status
	@$(LOCAL)/kafka.sh status
	@$(LOCAL)/services.sh status
	@$(LOCAL)/prometheus.sh status

demo: ## Load the demo city (2,000 enterprises, reports W06-W12, postings, a campaign, job seekers, labour sharing, a job fair) into a running stack
	@$(PY) $(LOCAL)/demo.py

run: up demo ## From a fresh machine: set up, start the stack, load the demo, print where to look

posters: setup ## Each district's service posters (PDF and PNG, QR codes) from the running stack, into .state/posters/
	$(PY) -m services.gateway.posters .state/posters

lint: setup ## ruff lint and format check
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: setup ## Format the code
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

typecheck: setup ## mypy --strict
	$(VENV)/bin/mypy

unit: setup ## Unit tests only (no IO)
	$(PY) -m pytest tests/unit -q

check: lint typecheck ## Lint and type-check

test: infra check ## Set up, start Kafka and PostgreSQL, then lint, type-check and run every test
	$(PY) -m pytest -q --durations=25

test-cluster: infra ## Only the failure tests on a private three-node Kafka cluster, counts printed
	$(PY) -m pytest -q -s -m cluster

bench: infra ## Run the monitoring benchmark (see bench/README.md)
	$(PY) bench/monitoring_throughput.py

bench-ingest: infra ## Bulk ingestion through the gateway vs a bare producer, and freshness
	$(PY) bench/ingest.py

bench-notify: infra ## One bulk send (default 1,000,000 recipients) through notify and the provider simulator
	$(PY) bench/notify.py

bench-matching: setup ## Recommendation top 10 over 100,000 postings and screening throughput (pure, no infra)
	$(PY) bench/matching.py

client: setup ## Generate the OpenAPI document and the Python client for enterprise systems into clients/
	$(PY) -m clients.generate

clean: ## Stop everything and delete local state (broker and database data, logs, venv)
	@$(LOCAL)/prometheus.sh stop
	@$(LOCAL)/services.sh stop
	@$(LOCAL)/kafka.sh reset
	@$(LOCAL)/postgres.sh reset
	rm -rf .state $(VENV)
