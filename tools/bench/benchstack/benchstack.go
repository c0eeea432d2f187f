// Package benchstack starts a benchmark's own stack beside any other one:
// ports moved by an offset, its own databases, Redis database and data
// folder (.data/bench-<name>-<offset/1000>), the stack's console in
// stack.log there.
package benchstack

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/taskrocket/taskrocket/tools/launcher/stack"
)

// Options name the benchmark and what its stack runs.
type Options struct {
	Name           string // the data folder's name: bench-<Name>-<Offset/1000>
	Offset         int
	DatabaseSuffix string // followed by Offset/1000
	Apps           []string
}

// Start starts the stack of the apps in o from the repository at root and
// returns it with the function that stops it. Starting may take up to 15
// minutes (a first build).
func Start(ctx context.Context, root string, o Options) (*stack.Stack, func(), error) {
	data := filepath.Join(root, ".data", fmt.Sprintf("bench-%s-%d", o.Name, o.Offset/1000))
	if err := os.MkdirAll(data, 0o755); err != nil {
		return nil, nil, err
	}
	logFile, err := os.Create(filepath.Join(data, "stack.log"))
	if err != nil {
		return nil, nil, err
	}
	fmt.Printf("starting the stack (ports +%d; log %s)\n", o.Offset, logFile.Name())
	startCtx, cancel := context.WithTimeout(ctx, 15*time.Minute)
	defer cancel()
	st, err := stack.Start(startCtx, stack.Options{
		Root: root, Template: filepath.Join(root, "dapr", "dapr.yaml"), Offset: o.Offset, DataDir: data,
		DatabaseSuffix: fmt.Sprintf("%s%d", o.DatabaseSuffix, o.Offset/1000), RedisDB: o.Offset / 1000,
		Only: o.Apps, Stdout: logFile,
	})
	if err != nil {
		_ = logFile.Close()
		return nil, nil, fmt.Errorf("start stack (log %s): %w", logFile.Name(), err)
	}
	stop := func() {
		stopCtx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		_ = st.Stop(stopCtx)
		_ = logFile.Close()
	}
	return st, stop, nil
}
