// Command priorities measures the priorities service's next up on 100,000
// tasks (10 projects of 10,000, seeded straight into the tasks service's
// database, each task assigned to one of 10 members): the cold load of a
// project from the tasks service, next up cached and computed under a
// mixed read/write load (open loop, tools/bench/load; reads straight to
// the app, as the gateway's sidecar reaches it; writes are task edits on
// the tasks app, whose events invalidate the cache), the cache's hit
// ratio, and the time from a task edit to the first next-up answer that
// shows it. It starts its own stack on ports moved by -offset and writes
// a Markdown report.
//
//	go run ./tools/bench/priorities -offset 2000
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"
	"time"

	"github.com/taskrocket/taskrocket/tools/bench/benchstack"
	"github.com/taskrocket/taskrocket/tools/bench/proc"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx); err != nil {
		fmt.Fprintln(os.Stderr, "priorities bench:", err)
		os.Exit(1)
	}
}

type options struct {
	root, out        string
	offset           int
	tasks, projects  int
	members          int
	rate, writeShare float64
	warmup, duration time.Duration
	freshness        int
	loadBefore       string
}

func run(ctx context.Context) error {
	var o options
	flag.IntVar(&o.offset, "offset", 2000, "port offset of the stack (a multiple of 1000; 2000 is make bench's, do not run both)")
	flag.IntVar(&o.tasks, "tasks", 100_000, "tasks seeded in all")
	flag.IntVar(&o.projects, "projects", 10, "projects they are spread over")
	flag.IntVar(&o.members, "members", 10, "members of every project; each task is assigned to one")
	flag.Float64Var(&o.rate, "rate", 200, "requests per second of the mixed load")
	flag.Float64Var(&o.writeShare, "writes", 0.1, "share of the mixed load that are task edits")
	flag.DurationVar(&o.warmup, "warmup", 10*time.Second, "warm-up of each load step, not measured")
	flag.DurationVar(&o.duration, "duration", 30*time.Second, "measured window of each load step")
	flag.IntVar(&o.freshness, "freshness", 100, "edits whose event -> fresh answer time is measured")
	flag.StringVar(&o.out, "out", "bench/out/priorities.md", "report file (relative to the repository root)")
	flag.Parse()
	root, err := filepath.Abs(".")
	if err != nil {
		return err
	}
	o.root = root
	_ = os.Setenv("GATEWAY_RATE_LIMIT_RPS", "0")
	st, stop, err := benchstack.Start(ctx, root, benchstack.Options{Name: "priorities", Offset: o.offset,
		DatabaseSuffix: "_benchp", Apps: []string{"gateway", "users", "auth", "projects", "tasks", "priorities"}})
	if err != nil {
		return err
	}
	defer stop()
	o.loadBefore = proc.LoadAverage()
	w, err := seedWorld(ctx, st, o)
	if err != nil {
		return err
	}
	var r results
	if r.cold, err = w.coldLoads(ctx); err != nil {
		return err
	}
	if r.cached, err = w.mixed(ctx, o, 0); err != nil {
		return err
	}
	if r.mixed, err = w.mixed(ctx, o, o.writeShare); err != nil {
		return err
	}
	if r.fresh, err = w.freshness(ctx, o.freshness); err != nil {
		return err
	}
	return report(o, r)
}
