# TaskRocket developer commands. `make help` lists them.
SHELL := /bin/bash
.DEFAULT_GOAL := help

BIN      := $(CURDIR)/.bin
VERSION  ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
LDFLAGS  := -X github.com/taskrocket/taskrocket/services/platform/buildinfo.Version=$(VERSION)
SERVICES := gateway users auth projects tasks invitations collaboration priorities calendar notifications audit search
UI_INDEX := ui/dist/taskrocket/browser/index.html
UI_SRC   := $(shell find ui/src ui/public -type f 2>/dev/null) $(wildcard ui/angular.json ui/tsconfig*.json)
GO_PKGS  := github.com/taskrocket/taskrocket/services/... github.com/taskrocket/taskrocket/tools/launcher/... github.com/taskrocket/taskrocket/tools/bench/... github.com/taskrocket/taskrocket/tools/soak/...

.PHONY: help run test test-unit test-ui test-e2e test-matrix bench bench-tasks bench-comments bench-notifications bench-priorities bench-calendar bench-search build sidecar ui ui-if-npm ui-size validate-deploy vet fmt tidy clean fuzz controlplane faults soak

help: ## List the targets
	@awk 'BEGIN {FS = ":.*## "} /^[a-z0-9-]+:.*## / {printf "  \033[1m%-16s\033[0m %s\n", $$1, $$2}' $(MAKEFILE_LIST)

run: ui-if-npm ## Start the whole product locally (sidecars, control plane, Mailpit, all services, the UI)
	@go build -o $(BIN)/launcher ./tools/launcher
	@$(BIN)/launcher run

controlplane: ## For `dapr run -f dapr/dapr.yaml`: sentry, placement, scheduler (mTLS) and Mailpit on the CLI's ports; writes .data/run/cli.env
	@go build -o $(BIN)/launcher ./tools/launcher
	@$(BIN)/launcher controlplane

test: test-unit test-ui test-e2e ## Run every test: unit, integration (Postgres, Redis), the UI's component tests and end-to-end (real sidecars)

test-unit: ## Unit and integration tests of the services, platform and launcher
	go vet $(GO_PKGS) github.com/taskrocket/taskrocket/e2e/...
	go test -count=1 -race $(GO_PKGS)

test-ui: ui/node_modules/.package-lock.json ## The UI's component tests (ng test: Vitest in headless Chromium, CHROME_BIN or /usr/bin/chromium)
	@npm --prefix ui run --silent test

test-e2e: sidecar ui ## End-to-end tests: the stack with real daprd sidecars, on ports offset by 1000
	go test -count=1 -timeout 35m github.com/taskrocket/taskrocket/e2e/...

# Fuzz targets (package:target). Their seed corpora (testdata/fuzz) run with
# every `go test`; `make fuzz` explores beyond them for FUZZTIME each.
FUZZTIME ?= 30s
FUZZ_TARGETS := services/gateway:FuzzGatewayRouting services/users/ports:FuzzUsersAPI \
	services/auth/ports:FuzzAuthAPI services/projects/ports:FuzzProjectsAPI \
	services/tasks/ports:FuzzTasksAPI services/invitations/ports:FuzzInvitationsAPI \
	services/collaboration/ports:FuzzCommentsAPI services/collaboration/domain:FuzzCheckEmoji \
	services/audit/ports:FuzzActivityAPI services/calendar/domain:FuzzParseRule \
	services/calendar/adapters/ical:FuzzWriteText services/priorities/ports:FuzzPrioritiesAPI \
	services/calendar/ports:FuzzCalendarAPI

fuzz: ## Fuzz every API for FUZZTIME each (default 30s); a failing input is saved under the package's testdata/fuzz
	@set -e; for t in $(FUZZ_TARGETS); do pkg=$${t%%:*}; name=$${t##*:}; \
	  echo "fuzz: $$name ($$pkg) for $(FUZZTIME)"; \
	  go test -run '^$$' -fuzz "^$$name$$" -fuzztime $(FUZZTIME) ./$$pkg; done

faults: sidecar ## Kill every part of a stack under load in turn (the full matrix; make test kills a subset)
	TASKROCKET_FAULTS=all go test -count=1 -timeout 60m -run 'TestFaultsUnderLoad' -v github.com/taskrocket/taskrocket/e2e/...

soak: sidecar ## 30 minutes at half the sustained rate; memory, goroutines and open files per process into docs/benchmarks/soak.md
	go run ./tools/soak

# The swap matrix: the end-to-end tests of the event-driven services, on
# every pub/sub and state store the components folders offer, chosen only
# by the folder the launcher is given. One variant at a time (they share
# the machine's RabbitMQ queues and JetStream stream).
MATRIX_TESTS    ?= TestNotifications|TestActivity|TestPriorities
MATRIX_OFFSET   ?= 11000
MATRIX_VARIANTS ?= components/local components/variants/rabbitmq components/variants/jetstream \
                   components/variants/notifications-state-redis components/variants/postgres-priorities-cache

test-matrix: sidecar ## The notifications, activity and priorities e2e tests on Redis Streams, RabbitMQ, JetStream and on Postgres and Redis state
	@failed=""; for v in $(MATRIX_VARIANTS); do \
	  echo "== $$v"; \
	  TASKROCKET_E2E_COMPONENTS=$$v TASKROCKET_E2E_OFFSET=$(MATRIX_OFFSET) \
	    go test -count=1 -timeout 30m github.com/taskrocket/taskrocket/e2e/... -run '$(MATRIX_TESTS)' || failed="$$failed $$v"; \
	done; \
	if [ -n "$$failed" ]; then echo "test-matrix failed on:$$failed"; exit 1; fi; echo "test-matrix: every variant passed"

bench: sidecar ## Every benchmark, one after the other: the task API (bench/out/report.md), comments, notifications, priorities, search
	go run ./tools/bench
	go run ./tools/bench/comments
	go run ./tools/bench/notifylatency
	go run ./tools/bench/priorities
	go run ./services/search/bench

bench-tasks: sidecar ## The task API on its own stack (ports +2000, 100k- and 1k-task projects, UI mix); writes bench/out/report.md
	go run ./tools/bench $(BENCH_ARGS)

bench-comments: sidecar ## Comment list on the direct path at 100 req/s (own stack, ports +2000: not beside make bench); writes bench/out/comments.md
	go run ./tools/bench/comments $(BENCH_ARGS)

bench-notifications: sidecar ## Event to in-app stream, e-mail and MQTT push latency (own stack, ports +12000); writes bench/out/notifications.md
	go run ./tools/bench/notifylatency $(BENCH_ARGS)

bench-priorities: sidecar ## Next up on 100,000 tasks: cold load, cached and computed p50/p99 and hit ratio under mixed reads and edits, event to fresh answer (own stack, ports +2000); writes bench/out/priorities.md
	go run ./tools/bench/priorities $(BENCH_ARGS)

bench-calendar: sidecar ## 10,000 recurring tasks on one calendar: due -> created p50/p99, a burst of 1,000 in one second, CPU of the app and its sidecar, the range query of a month of 1,000 items (own stack, ports +13000, about 20 minutes); writes docs/benchmarks/calendar.md
	go run ./tools/bench/calendar $(BENCH_ARGS)

bench-search: ## Search in process: index build of 100,000 tasks with comments, query p50/p99 at 50 and 100 req/s, event to searchable; writes bench/out/search.md
	go run ./services/search/bench $(BENCH_ARGS)

build: ## Build every service binary into .bin/
	go build -trimpath -ldflags "$(LDFLAGS)" -o $(BIN)/ $(addprefix ./services/,$(SERVICES))

sidecar: ## Build daprd, placement, scheduler and sentry 1.16.0 into .bin/ (first time: a few minutes)
	@tools/sidecar/build.sh $(BIN)

ui: $(UI_INDEX) ## Build the Angular UI into ui/dist (npm ci on first use; again only when its sources change)

ui/node_modules/.package-lock.json: ui/package-lock.json
	@echo "ui: npm ci (first time: about a minute)"
	@npm --prefix ui ci --no-audit --no-fund --loglevel=error

$(UI_INDEX): ui/node_modules/.package-lock.json $(UI_SRC)
	@echo "ui: building"
	@npm --prefix ui run --silent build

ui-size: ui ## The production bundle's initial size, gzipped (what a first visit downloads)
	@node ui/scripts/bundle-size.mjs

# make run serves the UI when Node.js is there to build it, and the API alone
# (with a note) when it is not.
ui-if-npm:
	@if command -v npm >/dev/null; then $(MAKE) --no-print-directory -s ui; \
	else echo "ui: npm not found; starting without the UI (install Node.js 20+ and npm for it)"; fi

validate-deploy: ## Render and check the Helm chart, Kustomize overlays, Dapr/Istio resources and Tiltfile
	deploy/validate.sh

vet: ## Static checks
	go vet $(GO_PKGS) github.com/taskrocket/taskrocket/e2e/...
	@test -z "$$(gofmt -l services tools e2e)" || { gofmt -l services tools e2e; echo "gofmt needed"; exit 1; }

fmt: ## Format the Go code
	gofmt -w services tools e2e

tidy: ## go mod tidy in every module
	@for m in services/* tools/launcher e2e; do [ -f $$m/go.mod ] && (cd $$m && go mod tidy) || true; done
	@cd tools/sidecar && GOWORK=off go mod tidy

clean: ## Remove build output and local data
	rm -rf $(BIN) .data ui/dist ui/.angular
