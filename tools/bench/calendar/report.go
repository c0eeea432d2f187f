package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"time"

	"github.com/taskrocket/taskrocket/tools/bench/load"
)

func ms(d time.Duration) string { return fmt.Sprintf("%.1f", float64(d.Microseconds())/1000) }

func verdict(ok bool) string {
	if ok {
		return "met"
	}
	return "NOT met"
}

// cpuRows lists the CPU each part spent over a span, in seconds, in
// cores (seconds per second) and in milliseconds per occurrence.
func cpuRows(b *strings.Builder, d cpuDelta, occurrences int, unit string) {
	names := make([]string, 0, len(d.by))
	for name := range d.by {
		names = append(names, name)
	}
	slices.SortFunc(names, func(a, b string) int { return int(d.by[b] - d.by[a]) })
	fmt.Fprintf(b, "| part | CPU s | cores | ms per %s |\n|---|---|---|---|\n", unit)
	var total time.Duration
	for _, name := range names {
		total += d.by[name]
	}
	for _, name := range append(names, "all of the stack") {
		t := total
		if name != "all of the stack" {
			t = d.by[name]
		}
		per := "–"
		if occurrences > 0 {
			per = fmt.Sprintf("%.2f", t.Seconds()*1000/float64(occurrences))
		}
		fmt.Fprintf(b, "| %s | %.2f | %.3f | %s |\n", name, t.Seconds(), t.Seconds()/d.wall.Seconds(), per)
	}
}

func report(o options, r results) error {
	sp, bu := load.Summarise(r.spread.latencies), load.Summarise(r.burst.latencies)
	rl := r.rng.load
	var b strings.Builder
	if o.rangeOnly {
		fmt.Fprintf(&b, "# Calendar: the range query alone\n\nAt commit `%s`, run %s on %d CPUs: %s. Load average at the start %s, at the end %s.\n",
			commit(o.root), r.started.UTC().Format(time.RFC3339), runtime.NumCPU(), cpuModel(), r.loadBefore, r.loadAfter)
		fmt.Fprintf(&b, "\n| range query, month of %d items, %.0f req/s | p50 %s | p95 %s | p99 %s | max %s ms | ok %d / errors %d |\n",
			o.items, o.rangeRate, ms(rl.Latency.P50), ms(rl.Latency.P95), ms(rl.Latency.P99), ms(rl.Latency.Max), rl.OK, rl.Errors)
	} else {
		recurringReport(&b, o, r, sp, bu)
	}
	rangeReport(&b, o, r)
	text := b.String()
	fmt.Print(text)
	out := filepath.Join(o.root, o.out)
	if err := os.MkdirAll(filepath.Dir(out), 0o755); err != nil {
		return err
	}
	return os.WriteFile(out, []byte(text), 0o644)
}

func recurringReport(b *strings.Builder, o options, r results, sp, bu load.Summary) {
	rl := r.rng.load
	fmt.Fprintf(b, `# Calendar: recurring tasks at scale, and the range query

`+"`make bench-calendar`"+` (tools/bench/calendar) at commit `+"`%s`"+`, run %s on %d CPUs: %s.
Load average (1, 5, 15 min) at the start %s, at the end of the window %s, after the burst %s, at the end %s.

**What ran.** One stack on ports +%d: %s, each beside its own daprd,
with the Dapr placement and scheduler (actor reminders are kept by the
scheduler), the machine's Postgres and a Redis database of its own. The
bench calls the apps directly with a valid access token (as the
gateway's sidecar would forward it), not through the gateway, so the
setup measures the calendar and not the edge.

**Series.** %d series (`+"`FREQ=DAILY`"+`, zone UTC, no source task) created
through `+"`POST /api/v1/calendar/series`"+` on the calendar app (%d
workers, %.0f series/s, %d created less than 2 s before their due time),
their first occurrences due from %s over %s (about %.1f a second, whole
seconds), then %d series due at the same second, %s (after the window
and a grace of %s). %d more series (due tomorrow) measured the creation
rate first, so %d series were active during the window.

**How "due → created" is measured.** From the tasks service's database:
each occurrence task's `+"`created_at`"+` (the tasks app's clock, taken as it
creates the task, in the transaction that claims the occurrence's key)
minus its `+"`due_at`"+` (the occurrence's instant). Same machine, same
clock: exact to the transaction's commit (milliseconds). Missing: no task
at the end of the window plus the grace.

## Results

| figure | value | target |
|---|---|---|
| occurrences due in the window | %d | |
| created by the end of window + grace | %d (missing %d) | all |
| due → created p50 | %s ms | |
| due → created p95 | %s ms | |
| due → created p99 | %s ms | ≤ 1000 ms: %s |
| due → created max | %s ms | |
| burst of %d due in the same second: created | %d (missing %d) | all |
| burst: due → created p50 / p99 | %s / %s ms | |
| burst: time until all exist | %s | ≤ 10 s: %s |
| calendar app CPU, window | %.1f s (%.2f ms per occurrence) | |
| calendar daprd CPU, window | %.1f s (%.2f ms per occurrence) | |
| calendar app CPU, burst | %.1f s (%.2f ms per occurrence) | |
| calendar daprd CPU, burst | %.1f s (%.2f ms per occurrence) | |
| range query, month of %d items (%d meetings, %d tasks), %.0f req/s: p50 / p95 / p99 / max | %s / %s / %s / %s ms | |
| range query: ok / errors (%d sent) | %d / %d | |

## CPU during the window (%s, %d occurrences)

`, commit(o.root), r.started.UTC().Format(time.RFC3339), runtime.NumCPU(), cpuModel(), r.loadBefore, r.spread.loadAvg, r.burst.loadAvg, r.loadAfter,
		o.offset, strings.Join(apps, ", "),
		o.series+o.burst, o.workers, r.createRate, r.createdLate, r.t0.UTC().Format(time.TimeOnly), o.window,
		float64(o.series)/o.window.Seconds(), o.burst, r.burstAt.UTC().Format(time.TimeOnly), o.grace, r.calibration+1,
		o.series+o.burst+r.calibration+1,
		o.series, len(r.spread.latencies), r.spread.missing, ms(sp.P50), ms(sp.P95), ms(sp.P99),
		verdict(sp.P99 <= time.Second && r.spread.missing == 0 && sp.Count > 0), ms(sp.Max),
		o.burst, len(r.burst.latencies), r.burst.missing, ms(bu.P50), ms(bu.P99), allAfter(r.burst),
		verdict(r.burst.missing == 0 && r.burst.allAfter <= 10*time.Second),
		r.cpuSpread.by["calendar"].Seconds(), perOcc(r.cpuSpread.by["calendar"], len(r.spread.latencies)),
		r.cpuSpread.by["calendar-daprd"].Seconds(), perOcc(r.cpuSpread.by["calendar-daprd"], len(r.spread.latencies)),
		r.cpuBurst.by["calendar"].Seconds(), perOcc(r.cpuBurst.by["calendar"], len(r.burst.latencies)),
		r.cpuBurst.by["calendar-daprd"].Seconds(), perOcc(r.cpuBurst.by["calendar-daprd"], len(r.burst.latencies)),
		o.items, r.rng.meetings, r.rng.tasks, o.rangeRate, ms(rl.Latency.P50), ms(rl.Latency.P95), ms(rl.Latency.P99), ms(rl.Latency.Max),
		rl.Intended, rl.OK, rl.Errors,
		r.cpuSpread.wall.Round(time.Second), len(r.spread.latencies))
	cpuRows(b, r.cpuSpread, len(r.spread.latencies), "occurrence")
	fmt.Fprintf(b, "\n## CPU during the burst (%s, %d occurrences)\n\n", r.cpuBurst.wall.Round(100*time.Millisecond), len(r.burst.latencies))
	cpuRows(b, r.cpuBurst, len(r.burst.latencies), "occurrence")
	fmt.Fprintf(b, `
CPU is user + system time from /proc/<pid>/stat of each process the
stack started (Processes()), between the first due time and the end of
the grace (window) and from the burst's second until all its tasks
existed (burst); "cores" is CPU seconds per second of that span.
Postgres is shared with the machine and not counted.
`)
}

func rangeReport(b *strings.Builder, o options, r results) {
	rl := r.rng.load
	fmt.Fprintf(b, `
## Range query

`+"`GET /api/v1/calendar?from=%s&to=%s`"+` straight to the calendar app, as
the owner of %d meetings and of a project with %d tasks due that month
(the calendar's tasks view, fed by the tasks topic); every answer is
checked to hold all %d entries. Open loop at %.0f req/s, %s measured
after %s of warm-up (tools/bench/load: latency from each request's
intended send time; service p99 from its actual send %s ms).
`, r.rng.month.Format(time.RFC3339), r.rng.month.AddDate(0, 1, 0).Format(time.RFC3339), r.rng.meetings, r.rng.tasks, o.items,
		o.rangeRate, o.rangeD, o.warmup, ms(rl.Service.P99))
	if sent := rl.Intended + int(o.rangeRate*o.warmup.Seconds()); sent > 0 {
		fmt.Fprintf(b, "\nCPU per range query (warm-up and measured window, %d requests sent):\n\n", sent)
		cpuRows(b, r.rng.cpu, sent, "query")
	}
	for kind, n := range rl.ErrorKinds {
		fmt.Fprintf(b, "\n- %d × %s", n, kind)
	}
}

func perOcc(d time.Duration, n int) float64 {
	if n == 0 {
		return 0
	}
	return d.Seconds() * 1000 / float64(n)
}

func allAfter(b burst) string {
	if b.missing > 0 || len(b.latencies) == 0 {
		return fmt.Sprintf("not all (%d missing)", b.missing)
	}
	return fmt.Sprintf("%.2f s", b.allAfter.Seconds())
}

// commit is the short commit of the tree the bench ran from.
func commit(root string) string {
	out, err := exec.Command("git", "-C", root, "rev-parse", "--short", "HEAD").Output()
	if err != nil {
		return "unknown"
	}
	return strings.TrimSpace(string(out))
}

func cpuModel() string {
	raw, err := os.ReadFile("/proc/cpuinfo")
	if err != nil {
		return "unknown CPU"
	}
	for line := range strings.SplitSeq(string(raw), "\n") {
		if k, v, ok := strings.Cut(line, ":"); ok && strings.TrimSpace(k) == "model name" {
			return strings.TrimSpace(v)
		}
	}
	return "unknown CPU"
}
