package main

import (
	"context"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"time"

	"github.com/taskrocket/taskrocket/tools/launcher/stack"
)

// stackOffset moves every port of the bench stack away from `make run`
// (offset 0) and the end-to-end suite (offset 1000).
const stackOffset = 2000

// startStack starts the bench's own stack with isolated data.
func startStack(ctx context.Context, cfg config) (*stack.Stack, error) {
	if err := os.MkdirAll(cfg.DataDir, 0o755); err != nil {
		return nil, fmt.Errorf("data dir: %w", err)
	}
	// The apps inherit this process's environment (the template's own
	// settings win). The gateway's per-client rate limit (100/s from one
	// address) would refuse most of a single load client's requests; real
	// traffic comes from many addresses, so the bench switches it off.
	if err := os.Setenv("GATEWAY_RATE_LIMIT_RPS", "0"); err != nil {
		return nil, fmt.Errorf("environment: %w", err)
	}
	// With a database suffix the launcher flushes Redis database 1 at
	// start, the one the end-to-end suite uses. Pointing it at a loopback
	// port where nothing listens makes it start a private Redis under the
	// data folder instead, so a bench never wipes a running e2e stack.
	if os.Getenv("TASKROCKET_REDIS_URL") == "" {
		port, err := unusedPort()
		if err != nil {
			return nil, err
		}
		if err := os.Setenv("TASKROCKET_REDIS_URL", "redis://127.0.0.1:"+strconv.Itoa(port)); err != nil {
			return nil, fmt.Errorf("environment: %w", err)
		}
	}
	logFile, err := os.Create(filepath.Join(cfg.DataDir, "stack.log"))
	if err != nil {
		return nil, fmt.Errorf("stack log: %w", err)
	}
	// The stack writes to the log until it has stopped; the process ends
	// soon after, which closes the file.
	startCtx, cancel := context.WithTimeout(ctx, 15*time.Minute)
	defer cancel()
	st, err := stack.Start(startCtx, stack.Options{
		Root:           cfg.Root,
		Template:       filepath.Join(cfg.Root, "dapr", "dapr.yaml"),
		Offset:         stackOffset,
		DataDir:        cfg.DataDir,
		DatabaseSuffix: "_bench",
		Only:           []string{"gateway", "users", "auth", "projects", "tasks"}, // what the measured calls need
		Stdout:         logFile,
		Profile:        cfg.Profile.Rate > 0,
	})
	if err != nil {
		_ = logFile.Close()
		return nil, fmt.Errorf("start stack (log: %s): %w", logFile.Name(), err)
	}
	return st, nil
}

// unusedPort is a loopback port nothing listens on right now.
func unusedPort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, fmt.Errorf("find an unused port: %w", err)
	}
	port := l.Addr().(*net.TCPAddr).Port
	if err := l.Close(); err != nil {
		return 0, fmt.Errorf("find an unused port: %w", err)
	}
	return port, nil
}
