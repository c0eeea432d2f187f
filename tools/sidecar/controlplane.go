//go:build tools

// This file keeps the control-plane entry points (placement, scheduler,
// sentry) in go.mod and go.sum so build.sh can compile them from the same
// pinned module graph as daprd. It is never compiled.
package main

import (
	_ "github.com/dapr/dapr/cmd/placement/app"
	_ "github.com/dapr/dapr/cmd/scheduler/app"
	_ "github.com/dapr/dapr/cmd/sentry/app"
)
