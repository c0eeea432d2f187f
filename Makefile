# TaskRocket developer commands. `make help` lists them.
SHELL := /bin/bash
.DEFAULT_GOAL := help

BIN      := $(CURDIR)/.bin
VERSION  ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
LDFLAGS  := -X github.com/taskrocket/taskrocket/services/platform/buildinfo.Version=$(VERSION)
SERVICES := gateway users auth projects tasks invitations collaboration priorities calendar notifications audit search
GO_PKGS  := github.com/taskrocket/taskrocket/services/... github.com/taskrocket/taskrocket/tools/launcher/... github.com/taskrocket/taskrocket/tools/bench/...

.PHONY: help run test test-unit test-e2e bench build sidecar validate-deploy vet fmt tidy clean

help: ## List the targets
	@awk 'BEGIN {FS = ":.*## "} /^[a-z0-9-]+:.*## / {printf "  \033[1m%-16s\033[0m %s\n", $$1, $$2}' $(MAKEFILE_LIST)

run: ## Start the whole product locally (sidecars, control plane, Mailpit, all services)
	@go build -o $(BIN)/launcher ./tools/launcher
	@$(BIN)/launcher run

test: test-unit test-e2e ## Run every test: unit, integration (Postgres, Redis) and end-to-end (real sidecars)

test-unit: ## Unit and integration tests of the services, platform and launcher
	go vet $(GO_PKGS) github.com/taskrocket/taskrocket/e2e/...
	go test -count=1 -race $(GO_PKGS)

test-e2e: sidecar ## End-to-end tests: the stack with real daprd sidecars, on ports offset by 1000
	go test -count=1 -timeout 20m github.com/taskrocket/taskrocket/e2e/...

bench: ## Benchmark the task API on its own stack (ports +2000, 100k tasks); writes bench/out/report.md
	go run ./tools/bench

build: ## Build every service binary into .bin/
	go build -trimpath -ldflags "$(LDFLAGS)" -o $(BIN)/ $(addprefix ./services/,$(SERVICES))

sidecar: ## Build daprd, placement, scheduler and sentry 1.16.0 into .bin/ (first time: a few minutes)
	@tools/sidecar/build.sh $(BIN)

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
	rm -rf $(BIN) .data
