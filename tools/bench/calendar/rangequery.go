package main

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"time"

	"github.com/taskrocket/taskrocket/tools/bench/load"
)

type rangeResult struct {
	meetings, tasks int
	month           time.Time
	load            load.Result
	cpu             cpuDelta // over the warm-up and the measured window
}

// rangeQuery fills a month of a new user's calendar with meetings (they
// organise) and tasks of their project (the calendar learns of them from
// the tasks topic), then asks for that month at a fixed rate, straight
// to the calendar app, checking every answer holds every item.
func (w *world) rangeQuery(ctx context.Context, o options) (rangeResult, error) {
	now := time.Now().UTC()
	month := time.Date(now.Year(), now.Month()+2, 1, 0, 0, 0, 0, time.UTC)
	res := rangeResult{month: month, meetings: o.items * 3 / 4}
	res.tasks = o.items - res.meetings
	u, err := w.signUp(ctx, "range")
	if err != nil {
		return res, err
	}
	pid, err := u.project(ctx, "Range", "RNG")
	if err != nil {
		return res, err
	}
	fmt.Printf("range query: %d meetings and %d tasks in %s\n", res.meetings, res.tasks, month.Format("January 2006"))
	days := month.AddDate(0, 1, 0).Sub(month).Hours() / 24
	for i := range res.meetings {
		start := month.AddDate(0, 0, i%int(days)).Add(7*time.Hour + time.Duration(i/int(days))*12*time.Minute)
		body := map[string]any{"title": fmt.Sprintf("Meeting %d", i), "timezone": "UTC",
			"start": start.Format("2006-01-02T15:04"), "end": start.Add(10 * time.Minute).Format("2006-01-02T15:04")}
		if err := u.as(ctx, http.MethodPost, w.calen+"/api/v1/calendar/meetings", body, nil, http.StatusCreated); err != nil {
			return res, err
		}
	}
	for i := range res.tasks {
		due := month.AddDate(0, 0, i%int(days)).Add(17*time.Hour + time.Duration(i/int(days))*time.Minute)
		body := map[string]any{"title": fmt.Sprintf("Task %d", i), "dueAt": due.Format(time.RFC3339)}
		if err := u.as(ctx, http.MethodPost, w.tasks+"/api/v1/projects/"+pid+"/tasks", body, nil, http.StatusCreated); err != nil {
			return res, err
		}
	}
	url := fmt.Sprintf("%s/api/v1/calendar?from=%s&to=%s", w.calen, month.Format(time.RFC3339), month.AddDate(0, 1, 0).Format(time.RFC3339))
	get := func(ctx context.Context, token string) error {
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
		if err != nil {
			return err
		}
		req.Header.Set("Authorization", "Bearer "+token)
		resp, err := w.client.Do(req)
		if err != nil {
			return err
		}
		defer resp.Body.Close()
		var cal struct{ Entries []json.RawMessage }
		if err := json.NewDecoder(resp.Body).Decode(&cal); err != nil || resp.StatusCode != http.StatusOK {
			return fmt.Errorf("range: http %d", resp.StatusCode)
		}
		if len(cal.Entries) != o.items {
			return fmt.Errorf("range: %d entries, want %d", len(cal.Entries), o.items)
		}
		return nil
	}
	token, err := u.Token(ctx)
	if err != nil {
		return res, err
	}
	if err := eventually(ctx, 60*time.Second, func() error { return get(ctx, token) }); err != nil {
		return res, fmt.Errorf("the month never held every item: %w", err)
	}
	plan := load.Plan{Rate: o.rangeRate, Warmup: o.warmup, Duration: o.rangeD, Concurrency: 16, Timeout: 5 * time.Second, Drain: 10 * time.Second}
	fmt.Printf("measuring GET %s at %.0f/s for %s\n", url, o.rangeRate, o.rangeD)
	before := w.cpu()
	res.load, err = load.Run(ctx, plan, func(ctx context.Context, _ int) error { return get(ctx, token) })
	res.cpu = w.cpu().since(before)
	return res, err
}
