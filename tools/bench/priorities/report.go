package main

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"time"

	"github.com/taskrocket/taskrocket/tools/bench/load"

	"github.com/taskrocket/taskrocket/tools/bench/proc"
)

func ms(d time.Duration) string { return fmt.Sprintf("%.1f", float64(d.Microseconds())/1000) }

func summary(ds []time.Duration) load.Summary {
	s := slices.Clone(ds)
	slices.Sort(s)
	return load.Summarise(s)
}

func stepRow(name string, s step) string {
	h, m := summary(s.hits), summary(s.misses)
	ratio := 0.0
	if n := len(s.hits) + len(s.misses); n > 0 {
		ratio = float64(len(s.hits)) / float64(n)
	}
	return fmt.Sprintf("| %s | %.0f | %.0f%% | %d | %d | %.1f%% | %s | %s | %s | %s | %s | %s | %d | %d |\n", name,
		s.load.Achieved(), s.writeShare*100, len(s.hits)+len(s.misses), s.writes, ratio*100,
		ms(h.P50), ms(h.P99), ms(m.P50), ms(m.P99), ms(s.load.Latency.P50), ms(s.load.Latency.P99), s.readErrors, s.writeFailures)
}

func report(o options, r results) error {
	cold := summary(r.cold)
	fresh := load.Summarise(r.fresh.samples)
	cachedP99 := summary(r.cached.hits).P99
	verdict := func(ok bool) string {
		if ok {
			return "met"
		}
		return "NOT met"
	}
	var b strings.Builder
	fmt.Fprintf(&b, `# Priorities: next up on %d tasks

%d projects of %d tasks (about 60%% open), seeded into the tasks service's
database; %d members in every project, each task assigned to one of them.
Reads are GET /api/v1/priorities/next-up?limit=20 straight to the
priorities app (the direct path: as the gateway's sidecar reaches it),
half of them a member's own next up across the projects, half a
project's. Edits are PATCH /api/v1/tasks/{id} (a new priority) on the
tasks app; their task.updated events reach the priorities service through
pub/sub and invalidate the cached answers they change. %d CPUs (%s; load
average before the run %s, after %s: figures taken on a busy machine are
not the service's).

## Cold load (a project the service has not seen: its open tasks loaded from the tasks service)

| projects | p50 ms | max ms |
|---|---|---|
| %d | %s | %s |

## Next up under load (open loop, %s measured after %s warm-up)

Cached / computed: reads answered from the cache (X-Cache: hit) or
computed from the projection (a miss after an invalidation), from their
actual send time; "all" is every request from its intended send time.

| step | achieved req/s | edits | reads | edits sent | hit ratio | cached p50 ms | cached p99 ms | computed p50 ms | computed p99 ms | all p50 ms | all p99 ms | read errors | edit errors |
|---|---|---|---|---|---|---|---|---|---|---|---|---|---|
`, o.tasks, o.projects, o.tasks/o.projects, o.members, runtime.NumCPU(), time.Now().UTC().Format(time.RFC3339), o.loadBefore, proc.LoadAverage(),
		len(r.cold), ms(cold.P50), ms(cold.Max), o.duration, o.warmup)
	b.WriteString(stepRow("reads only", r.cached))
	b.WriteString(stepRow("mixed", r.mixed))
	fmt.Fprintf(&b, `
## Event -> fresh answer

An edit makes a task urgent and due before every other task of its
project; next up is asked every 2 ms until it shows the task first. Time
from the edit's answer (the commit) to the first such answer.

| edits | p50 ms | p95 ms | p99 ms | max ms | not fresh after 10 s |
|---|---|---|---|---|---|
| %d | %s | %s | %s | %s | %d |

## Targets

- cached p99 ≤ 5 ms on the direct path: %s (%s ms);
- event -> fresh answer p99 ≤ 1 s: %s (%s ms).
`, len(r.fresh.samples), ms(fresh.P50), ms(fresh.P95), ms(fresh.P99), ms(fresh.Max), r.fresh.timeouts,
		verdict(cachedP99 <= 5*time.Millisecond && len(r.cached.hits) > 0), ms(cachedP99),
		verdict(fresh.P99 <= time.Second && r.fresh.timeouts == 0), ms(fresh.P99))
	text := b.String()
	fmt.Print(text)
	out := filepath.Join(o.root, o.out)
	if err := os.MkdirAll(filepath.Dir(out), 0o755); err != nil {
		return err
	}
	return os.WriteFile(out, []byte(text), 0o644)
}
