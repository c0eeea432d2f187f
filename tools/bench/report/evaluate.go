package report

import (
	"fmt"
	"strings"
)

// Scenarios.
const (
	CreateTask = "create-task"
	ListFirst  = "list-first-page"    // first page of the 100,000-task project
	ListDeep   = "list-deep-page"     // a page half-way through it
	ListSmall  = "list-first-page-1k" // first page of the 1,000-task project
	UIMix      = "ui-mix"             // open a project, edit a task, create a task
)

// scenarioOrder is the order of the summary tables.
var scenarioOrder = []string{ListFirst, ListDeep, ListSmall, CreateTask, UIMix}

// Goals (issue 15).
const (
	StackCPUGoalMs     = 6.0   // CPU of the whole stack per request through the gateway
	SidecarCPUGoalMs   = 1.0   // CPU of one daprd per request it handles
	ListP99GoalMs      = 20.0  // list first page p99 at 100 req/s (100k tasks)
	ListP99At200GoalMs = 50.0  // ... at 200 req/s
	AddedP50GoalMs     = 3.0   // gateway p50 - direct p50, list first page at 50 req/s
	CreateGoalRate     = 300.0 // create-task through the gateway, sustained
	SmallListGoalRate  = 300.0 // list first page at 1,000 tasks, sustained
	UIMixGoalRate      = 150.0 // page opens per second, sustained (p99 within its limit)
)

// Evaluate derives the sidecar overhead, the maximum sustained rates and
// the targets from the steps.
func (r *Report) Evaluate() {
	r.Overhead = overheads(r.Steps)
	r.Sustained = nil
	for _, sc := range scenarioOrder {
		for _, p := range []string{Gateway, Direct} {
			if steps := r.StepsOf(sc, p); len(steps) > 0 {
				r.Sustained = append(r.Sustained, maxSustained(sc, p, steps))
			}
		}
	}
	nominal := float64(r.Setup.NominalRate)
	r.Targets = []Target{
		r.stackCPUTarget(nominal),
		r.sidecarCPUTarget(nominal),
		r.listTarget(ListFirst, nominal, ListP99GoalMs),
		r.listTarget(ListFirst, 2*nominal, ListP99At200GoalMs),
		r.listTarget(ListDeep, nominal, ListP99GoalMs),
		r.addedP50Target(nominal / 2),
		r.rateTarget(CreateTask, CreateGoalRate, "req/s"),
		r.rateTarget(ListSmall, SmallListGoalRate, "req/s"),
		r.rateTarget(UIMix, UIMixGoalRate, "page opens/s"),
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

// maxSustained is the highest rate whose step was sustained.
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

// step returns the step of a scenario on a path at a rate.
func (r Report) step(scenario, path string, rate float64) (Step, bool) {
	for _, s := range r.StepsOf(scenario, path) {
		if s.Target == rate {
			return s, true
		}
	}
	return Step{}, false
}

// stackCPUTarget: CPU of the whole stack per request, every gateway
// scenario at the nominal rate (ui-mix at half of it: two actions per page
// open).
func (r Report) stackCPUTarget(nominal float64) Target {
	t := Target{Name: "CPU per request through the gateway, whole stack",
		Goal: fmt.Sprintf("<= %.0f ms (apps, sidecars, control plane, Redis; not Postgres)", StackCPUGoalMs)}
	var parts []string
	worst := -1.0
	for _, sc := range scenarioOrder {
		rate := nominal
		if sc == UIMix {
			rate = nominal / 2
		}
		s, ok := r.step(sc, Gateway, rate)
		if !ok || len(s.CPU) == 0 {
			continue
		}
		v := StackCPU(s.CPU)
		worst = max(worst, v)
		parts = append(parts, fmt.Sprintf("%s %s", sc, FormatMs(v)))
	}
	if worst < 0 {
		t.Measured = "no CPU numbers"
		return t
	}
	t.Met = worst <= StackCPUGoalMs
	t.Measured = fmt.Sprintf("%s ms at %.0f req/s", strings.Join(parts, ", "), nominal)
	return t
}

// sidecarCPUTarget: each daprd on the way of a list request (the
// gateway's and tasks') per request, at the nominal rate.
func (r Report) sidecarCPUTarget(nominal float64) Target {
	t := Target{Name: "daprd CPU per handled request",
		Goal: fmt.Sprintf("<= %.0f ms for each sidecar a request crosses", SidecarCPUGoalMs)}
	var parts []string
	worst := -1.0
	for _, sc := range []string{ListSmall, ListFirst, CreateTask} {
		s, ok := r.step(sc, Gateway, nominal)
		if !ok || len(s.CPU) == 0 {
			continue
		}
		for _, sidecar := range []string{"gateway-dapr", "tasks-dapr"} {
			v := s.CPU[sidecar]
			worst = max(worst, v)
			parts = append(parts, fmt.Sprintf("%s %s %s", sc, sidecar, FormatMs(v)))
		}
	}
	if worst < 0 {
		t.Measured = "no CPU numbers"
		return t
	}
	t.Met = worst <= SidecarCPUGoalMs
	t.Measured = fmt.Sprintf("%s ms at %.0f req/s", strings.Join(parts, ", "), nominal)
	return t
}

// listTarget: p99 of a list scenario through the gateway at a rate, with
// fewer than 1% errors.
func (r Report) listTarget(scenario string, rate, goalMs float64) Target {
	t := Target{
		Name: fmt.Sprintf("%s, gateway, %.0f req/s", scenario, rate),
		Goal: fmt.Sprintf("p99 <= %.0f ms (%d tasks), < 1%% errors", goalMs, r.Setup.Tasks),
	}
	s, ok := r.step(scenario, Gateway, rate)
	if !ok {
		t.Measured = "not measured at this rate"
		return t
	}
	t.Met = s.ErrorPercent < 1 && s.Achieved >= 0.95*s.Target && s.P99 <= goalMs
	t.Measured = fmt.Sprintf("p99 %s ms, %.1f%% errors", FormatMs(s.P99), s.ErrorPercent)
	if d, ok := r.step(scenario, Direct, rate); ok {
		t.Measured += fmt.Sprintf(" (direct: p99 %s ms)", FormatMs(d.P99))
	}
	return t
}

// addedP50Target: what the gateway path adds to the direct one at the
// median, list first page.
func (r Report) addedP50Target(rate float64) Target {
	t := Target{Name: fmt.Sprintf("%s, added p50 over the direct path, %.0f req/s", ListFirst, rate),
		Goal: fmt.Sprintf("<= %.0f ms", AddedP50GoalMs)}
	for _, o := range r.Overhead {
		if o.Scenario == ListFirst && o.Rate == rate {
			t.Met = o.AddedP50 <= AddedP50GoalMs
			t.Measured = fmt.Sprintf("%s ms (p50 ratio %.2fx)", FormatMs(o.AddedP50), o.P50Ratio)
			return t
		}
	}
	t.Measured = "not measured at this rate on both paths"
	return t
}

// rateTarget: the highest rate a scenario sustained through the gateway
// (fewer than 1% errors, at least 95% achieved, p99 within its limit).
func (r Report) rateTarget(scenario string, goal float64, unit string) Target {
	steps := r.StepsOf(scenario, Gateway)
	limit := ""
	if len(steps) > 0 {
		limit = fmt.Sprintf(", p99 <= %s ms", FormatMs(steps[0].P99Limit))
	}
	t := Target{Name: scenario + ", gateway", Goal: fmt.Sprintf(">= %.0f %s sustained (< 1%% errors%s)", goal, unit, limit)}
	if len(steps) == 0 {
		t.Measured = "not measured"
		return t
	}
	s := maxSustained(scenario, Gateway, steps)
	t.Met = s.Rate >= goal
	var all []string
	for _, st := range steps {
		all = append(all, fmt.Sprintf("%.0f: p99 %s ms, %.1f%% errors", st.Target, FormatMs(st.P99), st.ErrorPercent))
	}
	t.Measured = fmt.Sprintf("max sustained %s (%s)", rateOrNone(s.Rate, unit), strings.Join(all, "; "))
	if s.AtTop {
		t.Measured += "; the top of the ramp: the real maximum may be higher"
	}
	return t
}

func rateOrNone(r float64, unit string) string {
	if r <= 0 {
		return "none (not even the lowest rate)"
	}
	return fmt.Sprintf("%.0f %s", r, unit)
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
