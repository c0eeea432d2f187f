package report

import (
	"fmt"
	"maps"
	"slices"
	"strings"
)

// Markdown renders the whole report.
func (r Report) Markdown() string {
	var b strings.Builder
	b.WriteString("# TaskRocket benchmark report\n\n")
	fmt.Fprintf(&b, "Generated %s from commit `%s`. How to read it: docs/benchmarks/README.md.\n\n",
		r.Generated.UTC().Format("2006-01-02 15:04 MST"), r.Machine.Commit)

	b.WriteString("## Machine\n\n| | |\n|---|---|\n")
	m := r.Machine
	for _, row := range [][2]string{
		{"CPU", fmt.Sprintf("%d cores, %s", m.Cores, m.CPU)}, {"OS", m.OS}, {"Go", m.GoVersion},
		{"Postgres", m.Postgres}, {"Dapr", m.Dapr}, {"Commit", m.Commit},
	} {
		fmt.Fprintf(&b, "| %s | %s |\n", row[0], row[1])
	}

	s := r.Setup
	b.WriteString("\n## Setup\n\n")
	fmt.Fprintf(&b, "- Two projects: %d tasks (the large one) and %d tasks with %d members (the usual size), "+
		"seeded in %.1f s by bulk SQL inserts (not through the API), then ANALYZE.\n",
		s.Tasks, s.SmallTasks, s.Members, s.SeedSeconds)
	fmt.Fprintf(&b, "- Open-loop constant rate; latency from each request's intended send time. "+
		"%.0f s warm-up (not recorded) then %.0f s measured per step; at most %d requests in flight; %.0f s timeout.\n",
		s.WarmupS, s.StepS, s.Concurrency, s.TimeoutS)
	fmt.Fprintf(&b, "- Rates: %s and %s %v req/s; %s %v req/s and %s %v req/s (escalation stops at > 1%% errors "+
		"or p99 > 1 s); %s %v page opens/s (two actions per page open).\n",
		ListFirst, ListDeep, s.ListRates, ListSmall, s.SmallListRates, CreateTask, s.CreateRates, UIMix, s.UIRates)

	b.WriteString("\n## Targets\n\n| Target | Goal | Measured | Met |\n|---|---|---|---|\n")
	for _, t := range r.Targets {
		fmt.Fprintf(&b, "| %s | %s | %s | %s |\n", t.Name, t.Goal, t.Measured, yesNo(t.Met))
	}

	b.WriteString("\n## Results\n\n")
	b.WriteString(r.Table())

	if len(r.Overhead) > 0 {
		b.WriteString("\n## Sidecar overhead (gateway path / direct path)\n\n")
		b.WriteString("| Scenario | Rate | p50 ratio | p99 ratio | added p50 |\n|---|---:|---:|---:|---:|\n")
		for _, o := range r.Overhead {
			fmt.Fprintf(&b, "| %s | %.0f | %.2fx | %.2fx | %s ms |\n", o.Scenario, o.Rate, o.P50Ratio, o.P99Ratio, FormatMs(o.AddedP50))
		}
	}

	if t := r.CPUTable(); t != "" {
		b.WriteString("\n## CPU per request (ms)\n\n")
		b.WriteString("CPU time each process group spent over the step (warm-up included) divided by the requests " +
			"sent. `-dapr` is that app's sidecar; `postgres*` is the whole server, other users' queries included; " +
			"`rest of machine` is every other process. Two cores give 2000 ms of CPU per second: " +
			"2000 / (all columns) is the rate at which this machine runs out.\n\n")
		b.WriteString(t)
	}

	if len(r.Sustained) > 0 {
		b.WriteString("\n## Maximum sustained throughput\n\n(< 1% errors, achieved >= 95% of the target rate, " +
			"and p99 within the scenario's limit)\n\n")
		b.WriteString("| Scenario | Path | Rate | p99 limit |\n|---|---|---:|---:|\n")
		for _, x := range r.Sustained {
			unit := "req/s"
			if x.Scenario == UIMix {
				unit = "page opens/s"
			}
			rate := rateOrNone(x.Rate, unit)
			if x.AtTop {
				rate = ">= " + rate
			}
			limit := ""
			if steps := r.StepsOf(x.Scenario, x.Path); len(steps) > 0 {
				limit = FormatMs(steps[0].P99Limit) + " ms"
			}
			fmt.Fprintf(&b, "| %s | %s | %s | %s |\n", x.Scenario, x.Path, rate, limit)
		}
	}

	if bl := r.Baseline; bl != nil {
		b.WriteString("\n## pgbench baseline\n\n")
		for _, x := range r.Sustained {
			if x.Scenario == CreateTask && bl.TPS > 0 {
				fmt.Fprintf(&b, "create-task, %s: %s sustained = %.0f%% of pgbench's single-row insert rate.\n\n",
					x.Path, rateOrNone(x.Rate, "req/s"), 100*x.Rate/bl.TPS)
			}
		}
		fmt.Fprintf(&b, "Single-row inserts into a scratch table shaped like a task row (same columns and indexes), "+
			"same Postgres, closed loop with as many clients as the load generator's concurrency: "+
			"`pgbench -n -f insert.sql -c %d -j %d -T %d` -> **%.0f tps**, average latency %s ms, %d failed.\n\n",
			bl.Clients, bl.Threads, bl.Seconds, bl.TPS, FormatMs(bl.LatencyAvg), bl.Failed)
		fmt.Fprintf(&b, "```sql\n%s\n```\n", strings.TrimSpace(bl.Script))
	}

	if errs := r.errorLines(); len(errs) > 0 {
		b.WriteString("\n## Errors\n\n")
		for _, l := range errs {
			fmt.Fprintf(&b, "- %s\n", l)
		}
	}
	if len(r.Notes) > 0 {
		b.WriteString("\n## Notes\n\n")
		for _, n := range r.Notes {
			fmt.Fprintf(&b, "- %s\n", n)
		}
	}
	return b.String()
}

// Table is the step table (also printed on the console).
func (r Report) Table() string {
	var b strings.Builder
	b.WriteString("| Scenario | Path | Target/s | Achieved/s | OK | Errors | p50 ms | p95 ms | p99 ms | max ms | svc p99 ms | Sustained |\n")
	b.WriteString("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|\n")
	for _, s := range r.Steps {
		errs := fmt.Sprintf("%d", s.Errors)
		if s.Errors > 0 {
			errs = fmt.Sprintf("%d (%.1f%%)", s.Errors, s.ErrorPercent)
		}
		sus := yesNo(s.SustainedOK)
		if s.StoppedRamp {
			sus += ", ramp stopped"
		}
		fmt.Fprintf(&b, "| %s | %s | %.0f | %.1f | %d | %s | %s | %s | %s | %s | %s | %s |\n",
			s.Scenario, s.Path, s.Target, s.Achieved, s.OK, errs,
			FormatMs(s.P50), FormatMs(s.P95), FormatMs(s.P99), FormatMs(s.Max), FormatMs(s.ServiceP99), sus)
	}
	return b.String()
}

// TargetsText is the targets as plain lines, for the console.
func (r Report) TargetsText() string {
	var b strings.Builder
	for _, t := range r.Targets {
		fmt.Fprintf(&b, "[%s] %s: %s (goal: %s)\n", strings.ToUpper(yesNo(t.Met)), t.Name, t.Measured, t.Goal)
	}
	return b.String()
}

func (r Report) errorLines() []string {
	var out []string
	for _, s := range r.Steps {
		for _, k := range slices.Sorted(maps.Keys(s.ErrorKinds)) {
			out = append(out, fmt.Sprintf("%s %s %.0f/s: %d x %s", s.Scenario, s.Path, s.Target, s.ErrorKinds[k], k))
		}
	}
	return out
}

func yesNo(ok bool) string {
	if ok {
		return "yes"
	}
	return "no"
}
