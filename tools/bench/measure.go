package main

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"path/filepath"
	"slices"
	"time"

	"github.com/taskrocket/taskrocket/tools/bench/load"
	"github.com/taskrocket/taskrocket/tools/bench/report"
)

// scenario is one kind of request, measured at rising rates.
type scenario struct {
	name  string
	rates []int
	// ramp: stop raising the rate on a path once a step overloads it.
	ramp bool
	// gatewayOnly: no direct step (the scenario spans several services).
	gatewayOnly bool
	// p99Limit: a step counts as sustained only with its p99 within it.
	p99Limit time.Duration
	// perRate is how many load units the generator sends per unit of rate
	// (ui-mix: two actions per page open); 0 means 1.
	perRate int
	// request builds the request function against base (gateway or tasks URL).
	request func(base string) load.Request
}

// scenarios are the measured scenarios, in order: the lists of the large
// project first (on exactly the seeded data set), then the project of the
// usual size, then the writes.
func (fx *fixture) scenarios(cfg config, lc *client) []scenario {
	const listLimit, writeLimit = 50 * time.Millisecond, 100 * time.Millisecond
	return []scenario{
		{name: report.ListFirst, rates: cfg.ListRates, p99Limit: listLimit, request: func(base string) load.Request {
			u := fx.listURL(base, fx.projectID, "")
			return func(ctx context.Context, _ int) error { return lc.send(ctx, http.MethodGet, u, nil, http.StatusOK) }
		}},
		{name: report.ListDeep, rates: cfg.ListRates, p99Limit: listLimit, request: func(base string) load.Request {
			urls := make([]string, len(fx.deepCursors))
			for i, c := range fx.deepCursors {
				urls[i] = fx.listURL(base, fx.projectID, c)
			}
			return func(ctx context.Context, seq int) error {
				return lc.send(ctx, http.MethodGet, urls[seq%len(urls)], nil, http.StatusOK)
			}
		}},
		{name: report.ListSmall, rates: cfg.SmallRates, ramp: true, p99Limit: listLimit, request: func(base string) load.Request {
			u := fx.listURL(base, fx.small.id, "")
			return func(ctx context.Context, _ int) error { return lc.send(ctx, http.MethodGet, u, nil, http.StatusOK) }
		}},
		{name: report.CreateTask, rates: cfg.CreateRates, ramp: true, p99Limit: writeLimit, request: func(base string) load.Request {
			u := base + "/api/v1/projects/" + fx.projectID + "/tasks"
			now := time.Now().UTC()
			return func(ctx context.Context, seq int) error {
				return lc.send(ctx, http.MethodPost, u, createBody(seq, now), http.StatusCreated)
			}
		}},
		{name: report.UIMix, rates: cfg.UIRates, ramp: true, gatewayOnly: true, p99Limit: writeLimit, perRate: uiActionsPerOpen,
			request: func(base string) load.Request { return fx.uiMix(lc, base) }},
	}
}

// measure runs every scenario. At each rate the gateway step runs right
// before the direct one, so both see the same machine conditions.
func measure(ctx context.Context, cfg config, fx *fixture, cpu *cpuSampler, gw, direct string,
	say func(string, ...any)) ([]report.Step, error) {
	lc := newClient(cfg.Concurrency)
	var steps []report.Step
	for _, sc := range fx.scenarios(cfg, lc) {
		if len(cfg.Only) > 0 && !slices.Contains(cfg.Only, sc.name) {
			continue
		}
		paths := []struct{ name, base string }{{report.Gateway, gw}, {report.Direct, direct}}
		if sc.gatewayOnly {
			paths = paths[:1]
		}
		stopped := map[string]bool{}
		for _, rate := range sc.rates {
			for _, path := range paths {
				if stopped[path.name] {
					continue
				}
				st, err := runStep(ctx, cfg, fx, lc, cpu, sc, path.name, path.base, rate)
				if err != nil {
					return steps, err
				}
				if sc.ramp && st.StoppedRamp {
					stopped[path.name] = true
				}
				steps = append(steps, st)
				say("%-18s %-7s %4d/s: achieved %6.1f/s, p50 %s ms, p99 %s ms, max %s ms, errors %d, "+
					"stack CPU %.1f ms/request, %.2f cores busy",
					sc.name, path.name, rate, st.Achieved, report.FormatMs(st.P50), report.FormatMs(st.P99),
					report.FormatMs(st.Max), st.Errors, report.StackCPU(st.CPU), st.BusyCores)
				for kind, n := range st.ErrorKinds {
					say("  %d x %s", n, kind)
				}
				if err := sleep(ctx, cfg.Pause); err != nil {
					return steps, err
				}
			}
		}
	}
	return steps, nil
}

// runStep measures one scenario on one path at one rate, taking CPU
// profiles when it is the -profile step.
func runStep(ctx context.Context, cfg config, fx *fixture, lc *client, cpu *cpuSampler, sc scenario,
	path, base string, rate int) (report.Step, error) {
	tok, err := fx.token(ctx, fx.stack.URL("gateway"))
	if err != nil {
		return report.Step{}, err
	}
	lc.token = tok // read by the workers of the next step only
	per := max(sc.perRate, 1)
	plan := load.Plan{Rate: float64(rate * per), Warmup: cfg.Warmup, Duration: cfg.Step,
		Concurrency: cfg.Concurrency, Timeout: cfg.Timeout, Drain: cfg.Timeout}
	var profiled func() error
	if cfg.Profile == (profileTarget{sc.name, rate}) && path == report.Gateway {
		profiled = profileStep(ctx, fx.stack, filepath.Join(cfg.OutDir, "profiles"), cfg.Warmup+cfg.Step)
	}
	before, sentBefore := cpu.sample(), lc.requests.Load()
	res, err := load.Run(ctx, plan, sc.request(base))
	if err != nil {
		return report.Step{}, fmt.Errorf("%s %s at %d/s: %w", sc.name, path, rate, err)
	}
	requests := int(lc.requests.Load() - sentBefore)
	st := stepOf(sc.name, path, res)
	st.Target, st.Achieved = float64(rate), res.Achieved()/float64(per)
	st.Requests, st.P99Limit = requests, report.Ms(sc.p99Limit)
	st.SustainedOK = res.Sustained() && res.Latency.P99 <= sc.p99Limit
	st.CPU, st.BusyCores = cpuPerRequest(before, cpu.sample(), requests)
	st.StoppedRamp = sc.ramp && res.Overloaded(cfg.P99Limit)
	if profiled != nil {
		if err := profiled(); err != nil {
			return st, fmt.Errorf("profiles: %w", err)
		}
	}
	return st, nil
}

// createBody is a small, realistic create-task body; priorities and due
// dates vary with seq.
func createBody(seq int, now time.Time) []byte {
	priorities := [...]string{"none", "low", "medium", "medium", "high", "urgent"}
	due := now.Add(time.Duration(24+seq%720) * time.Hour).Truncate(time.Hour).Format(time.RFC3339)
	return fmt.Appendf(nil, `{"title":"Prepare the sprint review notes %d","description":"Collect the demo `+
		`items and the open questions from the team.","status":"todo","priority":%q,"dueAt":%q}`,
		seq, priorities[seq%len(priorities)], due)
}

// stepOf turns a load result into a report step.
func stepOf(scenario, path string, r load.Result) report.Step {
	return report.Step{
		Scenario: scenario, Path: path, Target: r.Plan.Rate, Achieved: r.Achieved(),
		Intended: r.Intended, OK: r.OK, Errors: r.Errors, Unsent: r.Unsent, ErrorPercent: 100 * r.ErrorRate(),
		P50: report.Ms(r.Latency.P50), P95: report.Ms(r.Latency.P95), P99: report.Ms(r.Latency.P99),
		Max: report.Ms(r.Latency.Max), ServiceP50: report.Ms(r.Service.P50), ServiceP99: report.Ms(r.Service.P99),
		DispatchLag: report.Ms(r.MaxDispatchLag), SustainedOK: r.Sustained(), ErrorKinds: r.ErrorKinds,
	}
}

// listURL is the first page of a project's tasks by priority, or the
// page after cursor.
func (fx *fixture) listURL(base, projectID, cursor string) string {
	q := url.Values{"sort": {listSort}, "limit": {"50"}}
	if cursor != "" {
		q.Set("cursor", cursor)
	}
	return base + "/api/v1/projects/" + projectID + "/tasks?" + q.Encode()
}

func sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}
