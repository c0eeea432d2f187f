package main

import (
	"context"
	"fmt"
	"os"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/taskrocket/taskrocket/tools/bench/load"
	"github.com/taskrocket/taskrocket/tools/launcher/stack"
)

// sample is every process's usage at one moment of the run.
type sample struct {
	At    time.Duration // since the load started
	Usage map[string]usage
}

// soakReport is what the run measured.
type soakReport struct {
	Config   config
	Started  time.Time
	Load     load.Result
	Samples  []sample
	Restarts map[string]int
	LoadAvg  [2]string // at the start and the end
	CPUs     int
}

// soak runs the load for warm-up plus duration while sampling every
// process, and returns the measurements.
func soak(ctx context.Context, cfg config, st *stack.Stack, w *workload, say func(string, ...any)) (*soakReport, error) {
	rep := &soakReport{Config: cfg, Started: time.Now(), CPUs: runtime.NumCPU(), LoadAvg: [2]string{loadAvg(), ""}}
	runCtx, cancel := context.WithCancel(ctx)
	defer cancel()
	go w.keepSignedIn(runCtx)

	plan := load.Plan{Rate: cfg.Rate, Warmup: cfg.Warmup, Duration: cfg.Duration, Concurrency: 32,
		Timeout: 10 * time.Second, Drain: 30 * time.Second}
	done := make(chan struct{})
	var res load.Result
	var runErr error
	go func() {
		defer close(done)
		res, runErr = load.Run(runCtx, plan, w.request)
	}()

	began := time.Now()
	tick := time.NewTicker(cfg.Interval)
	defer tick.Stop()
	take := func() {
		s := sample{At: time.Since(began), Usage: map[string]usage{}}
		for name, pid := range st.Processes() {
			u := sampleGroup(pid)
			if url := metricsURL(st, name); url != "" {
				u.Goroutines = goroutines(ctx, url)
			}
			s.Usage[name] = u
		}
		rep.Samples = append(rep.Samples, s)
	}
	take()
	for {
		select {
		case <-tick.C:
			take()
			if n := len(rep.Samples); n%10 == 0 {
				say("%d samples, %s under load", n, time.Since(began).Round(time.Second))
			}
			continue
		case <-done:
		}
		break
	}
	take()
	rep.Load, rep.LoadAvg[1] = res, loadAvg()
	if runErr != nil && ctx.Err() == nil {
		return rep, runErr
	}
	return rep, nil
}

// metricsURL is the Prometheus endpoint of an app (its own port) or of a
// sidecar (its metrics port); "" for the other parts.
func metricsURL(st *stack.Stack, part string) string {
	if app, ok := strings.CutSuffix(part, "-daprd"); ok {
		if p := st.Ports(app).Metrics; p > 0 {
			return "http://127.0.0.1:" + strconv.Itoa(p) + "/metrics"
		}
		return ""
	}
	if u := st.URL(part); u != "" {
		return u + "/metrics"
	}
	return ""
}

func loadAvg() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "?"
	}
	f := strings.Fields(string(b))
	if len(f) < 3 {
		return "?"
	}
	return strings.Join(f[:3], " ")
}

// trend compares the mean of the first third of the samples taken after
// the warm-up with the mean of the last third.
type trend struct {
	First, Last, Max float64
}

func (t trend) growth() float64 {
	if t.First == 0 {
		return 0
	}
	return (t.Last - t.First) / t.First
}

func (r *soakReport) trendOf(name string, get func(usage) float64) trend {
	var xs []float64
	for _, s := range r.Samples {
		if s.At < r.Config.Warmup {
			continue
		}
		if u, ok := s.Usage[name]; ok {
			xs = append(xs, get(u))
		}
	}
	if len(xs) == 0 {
		return trend{}
	}
	third := max(len(xs)/3, 1)
	return trend{First: mean(xs[:third]), Last: mean(xs[len(xs)-third:]), Max: slices.Max(xs)}
}

func mean(xs []float64) float64 {
	sum := 0.0
	for _, x := range xs {
		sum += x
	}
	return sum / float64(len(xs))
}

// flat is the verdict on one measure: it grew by at most 10% and at most
// by a small absolute amount between the first and the last third (a few
// MiB of memory, a few goroutines or files come and go with the load).
func flat(t trend, slack float64) bool {
	return t.Last-t.First <= max(0.10*t.First, slack)
}

func (r *soakReport) names() []string {
	seen := map[string]bool{}
	for _, s := range r.Samples {
		for n := range s.Usage {
			seen[n] = true
		}
	}
	out := make([]string, 0, len(seen))
	for n := range seen {
		out = append(out, n)
	}
	slices.Sort(out)
	return out
}

func (r *soakReport) summaryText() string {
	var b strings.Builder
	fmt.Fprintf(&b, "\nload: %d intended, %d ok, %d errors, p99 %s\n", r.Load.Intended, r.Load.OK, r.Load.Errors, r.Load.Latency.P99.Round(time.Millisecond))
	for _, n := range r.names() {
		m := r.trendOf(n, func(u usage) float64 { return float64(u.RSSKiB) / 1024 })
		fmt.Fprintf(&b, "  %-20s RSS %6.1f -> %6.1f MiB (%+.1f%%)\n", n, m.First, m.Last, 100*m.growth())
	}
	return b.String()
}
