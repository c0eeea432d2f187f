package report

import (
	"encoding/json"
	"strings"
	"testing"
	"time"
)

func step(sc, path string, rate, p50, p99 float64, sustained bool) Step {
	limit := 50.0
	if sc == CreateTask || sc == UIMix {
		limit = 100
	}
	return Step{Scenario: sc, Path: path, Target: rate, Achieved: rate, Intended: int(rate) * 10, OK: int(rate) * 10,
		Requests: int(rate) * 12, P50: p50, P95: p99 * 0.8, P99: p99, Max: p99 * 2, ServiceP99: p99, P99Limit: limit,
		SustainedOK: sustained}
}

// cpu is a step's CPU table: each sidecar and app on the request's way,
// the rest spread over other groups.
func cpu(gatewayDapr, tasksDapr, apps float64) map[string]float64 {
	return map[string]float64{"gateway": apps / 2, "gateway-dapr": gatewayDapr, "tasks": apps / 2, "tasks-dapr": tasksDapr,
		"control plane": 0.2, "postgres*": 1.5, "load client": 0.5, "rest of machine": 0.1}
}

func sample() Report {
	r := Report{
		Generated: time.Date(2026, 11, 26, 19, 0, 0, 0, time.UTC),
		Machine:   Machine{Cores: 2, CPU: "Test CPU", Commit: "abc1234", Postgres: "15.20", GoVersion: "go1.26"},
		Setup: Setup{Tasks: 100_000, SmallTasks: 1000, Members: 5, Concurrency: 32, StepS: 10, WarmupS: 2, NominalRate: 100,
			ListRates: []int{50, 100, 200}, SmallListRates: []int{100, 300, 400}, CreateRates: []int{50, 100, 200},
			UIRates: []int{50, 150}},
		Steps: []Step{
			step(ListFirst, Gateway, 50, 6, 15, true),
			step(ListFirst, Direct, 50, 4, 8, true),
			step(ListFirst, Gateway, 100, 7, 19, true),
			step(ListFirst, Direct, 100, 2, 6, true),
			step(ListFirst, Gateway, 200, 12, 55, false),
			step(ListDeep, Gateway, 100, 9, 25, true),
			step(ListSmall, Gateway, 100, 3, 9, true),
			step(ListSmall, Gateway, 300, 4, 30, true),
			step(ListSmall, Gateway, 400, 40, 900, false),
			step(CreateTask, Gateway, 50, 8, 20, true),
			step(CreateTask, Gateway, 100, 9, 40, true),
			step(CreateTask, Gateway, 200, 30, 1500, false),
			step(CreateTask, Direct, 50, 2, 5, true),
			step(CreateTask, Direct, 100, 3, 10, true),
			step(CreateTask, Direct, 200, 3, 12, true),
			step(UIMix, Gateway, 50, 10, 40, true),
			step(UIMix, Gateway, 150, 20, 90, true),
		},
		Baseline: &Baseline{Clients: 32, Threads: 2, Seconds: 10, TPS: 300, Script: "INSERT ..."},
	}
	r.Steps[2].CPU = cpu(0.8, 0.7, 3)  // list first page, gateway, 100/s: 4.70 in all
	r.Steps[6].CPU = cpu(0.9, 1.2, 2)  // list 1k, gateway, 100/s: tasks-dapr over the goal
	r.Steps[10].CPU = cpu(0.9, 0.9, 5) // create, gateway, 100/s: 7.00 in all
	r.Steps[15].CPU = cpu(0.5, 0.5, 2) // ui-mix, 50 page opens/s
	r.Steps[11].Errors, r.Steps[11].ErrorPercent, r.Steps[11].StoppedRamp = 40, 2, true
	r.Steps[11].ErrorKinds = map[string]int{"http 503": 40}
	r.Evaluate()
	return r
}

func target(t *testing.T, r Report, name string) Target {
	t.Helper()
	for _, x := range r.Targets {
		if x.Name == name {
			return x
		}
	}
	t.Fatalf("no target %q in %+v", name, r.Targets)
	return Target{}
}

func TestEvaluateJudgesTheTargets(t *testing.T) {
	t.Parallel()
	r := sample()
	tests := []struct {
		name string
		met  bool
		says string
	}{
		{"CPU per request through the gateway, whole stack", false, "list-first-page 4.70, list-first-page-1k 4.30, create-task 7.00, ui-mix 3.20 ms"},
		{"daprd CPU per handled request", false, "list-first-page-1k tasks-dapr 1.20"},
		{"list-first-page, gateway, 100 req/s", true, "p99 19.0 ms, 0.0% errors (direct: p99 6.00 ms)"},
		{"list-first-page, gateway, 200 req/s", false, "p99 55.0 ms"},
		{"list-deep-page, gateway, 100 req/s", false, "p99 25.0 ms"},
		{"list-first-page, added p50 over the direct path, 50 req/s", true, "2.00 ms"},
		{"create-task, gateway", false, "max sustained 100 req/s"},
		{"list-first-page-1k, gateway", true, "max sustained 300 req/s"},
		// 150 page opens/s is the top of the ramp: met, and flagged as a lower bound.
		{"ui-mix, gateway", true, "the real maximum may be higher"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got := target(t, r, tt.name)
			if got.Met != tt.met || !strings.Contains(got.Measured, tt.says) {
				t.Errorf("met %v, measured %q; want %v and %q", got.Met, got.Measured, tt.met, tt.says)
			}
		})
	}
	if got := target(t, r, "ui-mix, gateway").Goal; !strings.Contains(got, "page opens/s") || !strings.Contains(got, "p99 <= 100 ms") {
		t.Errorf("ui-mix goal %q", got)
	}
}

func TestOverheadPairsGatewayWithDirectAtTheSameRate(t *testing.T) {
	t.Parallel()
	r := sample()
	var create100 *Overhead
	for i, o := range r.Overhead {
		if o.Scenario == CreateTask && o.Rate == 100 {
			create100 = &r.Overhead[i]
		}
		if o.Scenario == ListDeep {
			t.Errorf("deep page has no direct step, yet an overhead row: %+v", o)
		}
	}
	if create100 == nil || create100.P50Ratio != 3 || create100.P99Ratio != 4 || create100.AddedP50 != 6 {
		t.Fatalf("create 100/s overhead %+v", create100)
	}
	if len(r.Overhead) != 5 { // create 50, 100, 200 and list first page 50, 100
		t.Errorf("%d overhead rows: %+v", len(r.Overhead), r.Overhead)
	}
}

func TestMarkdownShowsEverythingTheLeadPastes(t *testing.T) {
	t.Parallel()
	md := sample().Markdown()
	for _, want := range []string{
		"# TaskRocket benchmark report",
		"| CPU | 2 cores, Test CPU |",
		"| create-task | gateway | 200 | 200.0 | 2000 | 40 (2.0%) | 30.0 | 1200 | 1500 | 3000 | 1500 | no, ramp stopped |",
		"| create-task | 100 | 3.00x | 4.00x | 6.00 ms |",
		"| create-task | direct | >= 200 req/s | 100 ms |",
		"| ui-mix | gateway | >= 150 page opens/s | 100 ms |",
		"-> **300 tps**",
		"create-task, gateway: 100 req/s sustained = 33% of pgbench",
		"- create-task gateway 200/s: 40 x http 503",
		"| list-deep-page, gateway, 100 req/s | p99 <= 20 ms (100000 tasks), < 1% errors |",
		"Two projects: 100000 tasks (the large one) and 1000 tasks with 5 members",
	} {
		if !strings.Contains(md, want) {
			t.Errorf("markdown lacks %q\n%s", want, md)
		}
	}
}

func TestJSONKeepsTheNumbers(t *testing.T) {
	t.Parallel()
	b, err := sample().JSON()
	if err != nil {
		t.Fatal(err)
	}
	var back Report
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	if len(back.Steps) != 17 || back.Steps[10].P99 != 40 || back.Baseline.TPS != 300 || len(back.Targets) != 9 {
		t.Errorf("round trip lost data: %s", b)
	}
	if !strings.Contains(string(b), `"p99Ms": 40`) {
		t.Errorf("JSON field names: %s", b)
	}
}

func TestFormatMs(t *testing.T) {
	t.Parallel()
	for in, want := range map[float64]string{0.456: "0.46", 12.34: "12.3", 1234.5: "1234"} {
		if got := FormatMs(in); got != want {
			t.Errorf("FormatMs(%v) = %q, want %q", in, got, want)
		}
	}
}

func TestCPUTableKeepsTheRequestPathOrderAndDropsIdleGroups(t *testing.T) {
	t.Parallel()
	r := sample()
	for i := range r.Steps {
		r.Steps[i].CPU = nil
	}
	r.Steps[0].CPU = map[string]float64{"tasks": 2, "gateway": 1.5, "gateway-dapr": 1, "users": 0.01,
		"postgres*": 0.5, "rest of machine": 0.25}
	r.Steps[0].BusyCores = 0.4 // users (0.01) gets no column but counts in the stack total
	table := r.CPUTable()
	for _, want := range []string{
		"| Scenario | Path | Rate | gateway | gateway-dapr | tasks | postgres* | rest of machine | stack total | busy cores |",
		"| list-first-page | gateway | 50 | 1.50 | 1.00 | 2.00 | 0.50 | 0.25 | 4.51 | 0.40 |",
	} {
		if !strings.Contains(table, want) {
			t.Errorf("CPU table lacks %q:\n%s", want, table)
		}
	}
	if strings.Count(table, "\n") != 3 {
		t.Errorf("steps without CPU numbers must not get rows:\n%s", table)
	}
	if (Report{}).CPUTable() != "" {
		t.Error("a report without CPU numbers must have no CPU table")
	}
}
