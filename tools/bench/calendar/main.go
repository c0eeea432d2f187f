// Command calendar measures the calendar service's recurring tasks at
// scale: -series active series on one calendar instance (each a Dapr
// actor with a durable reminder, kept by the Dapr scheduler) whose first
// occurrences fall due spread over -window, the time from each due
// instant to its task being created in the tasks service; -burst series
// due in the same second, the time until all their tasks exist; the CPU
// of the calendar app and its sidecar (and the rest of the stack) per
// occurrence; and the range query of a month holding -items meetings
// and tasks at a fixed rate, straight to the calendar app. It starts its
// own stack on ports moved by -offset and writes a Markdown report.
//
//	go run ./tools/bench/calendar -offset 13000 -series 10000 -window 10m
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
		fmt.Fprintln(os.Stderr, "calendar bench:", err)
		os.Exit(1)
	}
}

type options struct {
	root, out      string
	offset         int
	series, burst  int
	window, grace  time.Duration
	lead           time.Duration
	workers        int
	items          int
	rangeRate      float64
	warmup, rangeD time.Duration
	rangeOnly      bool
}

// apps are the parts of TaskRocket the calendar needs: tokens (users,
// auth), membership (projects), the occurrences' home (tasks); the
// gateway is started but the bench calls the apps directly.
var apps = []string{"gateway", "users", "auth", "projects", "tasks", "calendar"}

func run(ctx context.Context) error {
	var o options
	flag.IntVar(&o.offset, "offset", 13000, "port offset of the stack (a multiple of 1000; not one another stack uses)")
	flag.IntVar(&o.series, "series", 10_000, "active series whose occurrences fall due spread over -window")
	flag.DurationVar(&o.window, "window", 10*time.Minute, "the span their due times are spread over")
	flag.DurationVar(&o.grace, "grace", time.Minute, "wait after the window before counting missing occurrences")
	flag.IntVar(&o.burst, "burst", 1000, "series due in the same second, after the window")
	flag.DurationVar(&o.lead, "lead", 0, "time from the start of the series' creation to the first due time (0: from the measured creation rate)")
	flag.IntVar(&o.workers, "workers", 8, "concurrent series creations")
	flag.IntVar(&o.items, "items", 1000, "meetings and tasks in the month of the range query (three quarters meetings)")
	flag.Float64Var(&o.rangeRate, "range-rate", 50, "range queries per second")
	flag.DurationVar(&o.warmup, "range-warmup", 5*time.Second, "range query warm-up, not measured")
	flag.DurationVar(&o.rangeD, "range-duration", 30*time.Second, "range query measured window")
	flag.BoolVar(&o.rangeOnly, "range-only", false, "measure the range query alone (no series)")
	flag.StringVar(&o.out, "out", "docs/benchmarks/calendar.md", "report file (relative to the repository root)")
	flag.Parse()
	root, err := filepath.Abs(".")
	if err != nil {
		return err
	}
	o.root = root
	st, stop, err := benchstack.Start(ctx, root, benchstack.Options{Name: "calendar", Offset: o.offset,
		DatabaseSuffix: "_benchcal", Apps: apps})
	if err != nil {
		return err
	}
	defer stop()
	r := results{loadBefore: proc.LoadAverage(), started: time.Now()}
	w, err := newWorld(ctx, st)
	if err != nil {
		return err
	}
	if !o.rangeOnly {
		if err := w.recurring(ctx, o, &r); err != nil {
			return err
		}
	}
	if r.rng, err = w.rangeQuery(ctx, o); err != nil {
		return err
	}
	r.loadAfter = proc.LoadAverage()
	return report(o, r)
}
