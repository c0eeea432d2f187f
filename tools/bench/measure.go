package main

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"time"

	"github.com/taskrocket/taskrocket/tools/bench/load"
	"github.com/taskrocket/taskrocket/tools/bench/report"
)

// scenario is one kind of request, measured at rising rates on both paths.
type scenario struct {
	name  string
	rates []int
	// ramp: stop raising the rate on a path once a step overloads it.
	ramp bool
	// request builds the request function against base (gateway or tasks URL).
	request func(base string) load.Request
}

// measure runs the list scenarios first (on exactly the seeded data set),
// then create-task. At each rate the gateway step runs right before the
// direct one, so both see the same machine conditions.
func measure(ctx context.Context, cfg config, fx *fixture, cpu *cpuSampler, gw, direct string,
	say func(string, ...any)) ([]report.Step, error) {
	lc := newClient(cfg.Concurrency)
	scenarios := []scenario{
		{name: report.ListFirst, rates: cfg.ListRates, request: func(base string) load.Request {
			u := fx.listURL(base, "")
			return func(ctx context.Context, _ int) error { return lc.send(ctx, http.MethodGet, u, nil, http.StatusOK) }
		}},
		{name: report.ListDeep, rates: cfg.ListRates, request: func(base string) load.Request {
			urls := make([]string, len(fx.deepCursors))
			for i, c := range fx.deepCursors {
				urls[i] = fx.listURL(base, c)
			}
			return func(ctx context.Context, seq int) error {
				return lc.send(ctx, http.MethodGet, urls[seq%len(urls)], nil, http.StatusOK)
			}
		}},
		{name: report.CreateTask, rates: cfg.CreateRates, ramp: true, request: func(base string) load.Request {
			u := base + "/api/v1/projects/" + fx.projectID + "/tasks"
			now := time.Now().UTC()
			return func(ctx context.Context, seq int) error {
				return lc.send(ctx, http.MethodPost, u, createBody(seq, now), http.StatusCreated)
			}
		}},
	}
	var steps []report.Step
	for _, sc := range scenarios {
		stopped := map[string]bool{}
		for _, rate := range sc.rates {
			for _, path := range []struct{ name, base string }{{report.Gateway, gw}, {report.Direct, direct}} {
				if stopped[path.name] {
					continue
				}
				tok, err := fx.token(ctx, gw)
				if err != nil {
					return steps, err
				}
				lc.token = tok // read by the workers of the next step only
				plan := load.Plan{Rate: float64(rate), Warmup: cfg.Warmup, Duration: cfg.Step,
					Concurrency: cfg.Concurrency, Timeout: cfg.Timeout, Drain: cfg.Timeout}
				before := cpu.sample()
				res, err := load.Run(ctx, plan, sc.request(path.base))
				if err != nil {
					return steps, fmt.Errorf("%s %s at %d/s: %w", sc.name, path.name, rate, err)
				}
				warm, _ := plan.Counts()
				st := stepOf(sc.name, path.name, res)
				st.CPU, st.BusyCores = cpuPerRequest(before, cpu.sample(), warm+res.Intended-res.Unsent)
				if sc.ramp && res.Overloaded(cfg.P99Limit) {
					st.StoppedRamp = true
					stopped[path.name] = true
				}
				steps = append(steps, st)
				say("%-15s %-7s %4d/s: achieved %6.1f/s, p50 %s ms, p99 %s ms, max %s ms, errors %d, "+
					"stack CPU %.1f ms/request, %.2f cores busy",
					sc.name, path.name, rate, st.Achieved, report.FormatMs(st.P50), report.FormatMs(st.P99),
					report.FormatMs(st.Max), st.Errors, report.StackCPU(st.CPU), st.BusyCores)
				if err := sleep(ctx, cfg.Pause); err != nil {
					return steps, err
				}
			}
		}
	}
	return steps, nil
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

// listURL is the first page of the project's tasks by priority, or the
// page after cursor.
func (fx *fixture) listURL(base, cursor string) string {
	q := url.Values{"sort": {listSort}, "limit": {"50"}}
	if cursor != "" {
		q.Set("cursor", cursor)
	}
	return base + "/api/v1/projects/" + fx.projectID + "/tasks?" + q.Encode()
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
