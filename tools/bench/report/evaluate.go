package report

import (
	"fmt"
	"strings"
)

// Scenarios.
const (
	CreateTask = "create-task"
	ListFirst  = "list-first-page"
	ListDeep   = "list-deep-page"
)

// Goals.
const (
	ListP99GoalMs        = 20.0 // list p99 at 100k tasks
	CreateShareOfPgbench = 0.5  // create-task throughput / pgbench single-row insert rate
)

// Evaluate derives the sidecar overhead, the maximum sustained rates and
// the targets from the steps and the baseline.
func (r *Report) Evaluate() {
	r.Overhead = overheads(r.Steps)
	r.Sustained = nil
	for _, sc := range []string{CreateTask, ListFirst, ListDeep} {
		for _, p := range []string{Gateway, Direct} {
			if steps := r.StepsOf(sc, p); len(steps) > 0 {
				r.Sustained = append(r.Sustained, maxSustained(sc, p, steps))
			}
		}
	}
	r.Targets = nil
	for _, sc := range []string{ListFirst, ListDeep} {
		for _, p := range []string{Gateway, Direct} {
			if steps := r.StepsOf(sc, p); len(steps) > 0 {
				r.Targets = append(r.Targets, listTarget(sc, p, steps, float64(r.Setup.NominalRate), r.Setup.Tasks))
			}
		}
	}
	for _, s := range r.Sustained {
		if s.Scenario == CreateTask {
			r.Targets = append(r.Targets, createTarget(s, r.Baseline))
		}
	}
}

// overheads pairs gateway and direct steps of the same scenario and rate.
func overheads(steps []Step) []Overhead {
	var out []Overhead
	for _, g := range steps {
		if g.Path != Gateway {
			continue
		}
		for _, d := range steps {
			if d.Path != Direct || d.Scenario != g.Scenario || d.Target != g.Target || d.OK == 0 || g.OK == 0 {
				continue
			}
			out = append(out, Overhead{Scenario: g.Scenario, Rate: g.Target,
				P50Ratio: ratio(g.P50, d.P50), P99Ratio: ratio(g.P99, d.P99), AddedP50: g.P50 - d.P50})
		}
	}
	return out
}

func ratio(a, b float64) float64 {
	if b <= 0 {
		return 0
	}
	return a / b
}

// maxSustained is the highest rate whose step was sustained (< 1% errors,
// achieved >= 95% of the target).
func maxSustained(scenario, path string, steps []Step) Sustained {
	s := Sustained{Scenario: scenario, Path: path}
	top := 0.0
	for _, st := range steps {
		top = max(top, st.Target)
		if st.SustainedOK && st.Target > s.Rate {
			s.Rate = st.Target
		}
	}
	s.AtTop = s.Rate > 0 && s.Rate == top
	return s
}

func listTarget(scenario, path string, steps []Step, nominal float64, tasks int) Target {
	t := Target{
		Name: fmt.Sprintf("%s, %s", scenario, path),
		Goal: fmt.Sprintf("p99 <= %.0f ms at %.0f req/s (%d tasks), < 1%% errors", ListP99GoalMs, nominal, tasks),
	}
	var at *Step
	best := 0.0
	var all []string
	for i, st := range steps {
		if st.Target == nominal {
			at = &steps[i]
		}
		if st.SustainedOK && st.P99 <= ListP99GoalMs {
			best = max(best, st.Target)
		}
		all = append(all, fmt.Sprintf("%.0f/s: %s ms", st.Target, FormatMs(st.P99)))
	}
	if at == nil {
		t.Measured = "no step at the nominal rate (" + strings.Join(all, ", ") + ")"
		return t
	}
	t.Met = at.SustainedOK && at.P99 <= ListP99GoalMs
	t.Measured = fmt.Sprintf("p99 %s ms, %.1f%% errors at %.0f/s; p99 by rate: %s; highest rate meeting it: %s",
		FormatMs(at.P99), at.ErrorPercent, nominal, strings.Join(all, ", "), rateOrNone(best))
	return t
}

func createTarget(s Sustained, b *Baseline) Target {
	t := Target{
		Name: fmt.Sprintf("%s throughput, %s", CreateTask, s.Path),
		Goal: fmt.Sprintf(">= %.0f%% of pgbench's single-row insert rate", CreateShareOfPgbench*100),
	}
	bound := ""
	if s.AtTop {
		bound = " (the top of the ramp: the real maximum may be higher)"
	}
	if b == nil || b.TPS <= 0 {
		t.Measured = fmt.Sprintf("max sustained %s%s; no pgbench baseline", rateOrNone(s.Rate), bound)
		return t
	}
	goal := CreateShareOfPgbench * b.TPS
	t.Met = s.Rate > 0 && s.Rate >= goal
	t.Measured = fmt.Sprintf("max sustained %s%s = %.0f%% of pgbench %.0f tps (goal %.0f req/s)",
		rateOrNone(s.Rate), bound, 100*s.Rate/b.TPS, b.TPS, goal)
	return t
}

func rateOrNone(r float64) string {
	if r <= 0 {
		return "none (not even the lowest rate)"
	}
	return fmt.Sprintf("%.0f req/s", r)
}

// FormatMs prints milliseconds with precision that suits their size.
func FormatMs(v float64) string {
	switch {
	case v < 10:
		return fmt.Sprintf("%.2f", v)
	case v < 100:
		return fmt.Sprintf("%.1f", v)
	default:
		return fmt.Sprintf("%.0f", v)
	}
}
