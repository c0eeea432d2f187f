package main

import (
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"net/http"
	"slices"
	"sync"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/taskrocket/taskrocket/tools/bench/load"
)

type results struct {
	cold   []time.Duration
	cached step
	mixed  step
	fresh  freshness
}

// step is one load step: the load generator's view, and the reads split
// by whether the cache answered (X-Cache), from their actual send time.
type step struct {
	load          load.Result
	writeShare    float64
	hits, misses  []time.Duration
	writes        int
	readErrors    int
	writeFailures int
}

type freshness struct {
	samples  []time.Duration
	timeouts int
}

type nextUp struct {
	Items []struct {
		TaskID    string `json:"taskId"`
		Effective string `json:"effective"`
	} `json:"items"`
}

// read asks next up as p (the project's when projectID is set) and says
// whether the cache answered.
func (w *world) read(ctx context.Context, p person, projectID string, limit int) (nextUp, bool, error) {
	url := fmt.Sprintf("%s/api/v1/priorities/next-up?limit=%d", w.priorities, limit)
	if projectID != "" {
		url += "&projectId=" + projectID
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return nextUp{}, false, err
	}
	req.Header.Set("Authorization", "Bearer "+p.Token)
	resp, err := w.client.Do(req)
	if err != nil {
		return nextUp{}, false, err
	}
	defer resp.Body.Close()
	var out nextUp
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil || resp.StatusCode != http.StatusOK {
		return nextUp{}, false, fmt.Errorf("next up: http %d", resp.StatusCode)
	}
	return out, resp.Header.Get("X-Cache") == "hit", nil
}

// edit changes a task through the tasks app, as the owner.
func (w *world) edit(ctx context.Context, taskID string, body map[string]any) error {
	return call(ctx, w.client, http.MethodPatch, w.tasks+"/api/v1/tasks/"+taskID, w.owner.Token, body, nil, http.StatusOK)
}

// openTasks samples up to n open task ids per project.
func (w *world) openTasks(ctx context.Context, n int) (map[string][]string, error) {
	conn, err := pgx.Connect(ctx, w.tasksDB)
	if err != nil {
		return nil, err
	}
	defer conn.Close(context.WithoutCancel(ctx))
	out := map[string][]string{}
	for _, pid := range w.projects {
		rows, err := conn.Query(ctx, `SELECT id::text FROM tasks WHERE project_id = $1 AND status <> 'done' ORDER BY random() LIMIT $2`, pid, n)
		if err != nil {
			return nil, err
		}
		ids, err := pgx.CollectRows(rows, pgx.RowTo[string])
		if err != nil {
			return nil, err
		}
		out[pid] = ids
	}
	return out, nil
}

// coldLoads is the first next up of each project: the service loads the
// project's open tasks from the tasks service (cold miss), then answers.
func (w *world) coldLoads(ctx context.Context) ([]time.Duration, error) {
	var out []time.Duration
	for _, pid := range w.projects {
		start := time.Now()
		if _, _, err := w.read(ctx, w.owner, pid, 20); err != nil {
			return nil, fmt.Errorf("cold load: %w", err)
		}
		out = append(out, time.Since(start))
	}
	for _, m := range w.members { // the members' own next up, warm
		if _, _, err := w.read(ctx, m, "", 20); err != nil {
			return nil, err
		}
	}
	fmt.Printf("cold loads done: %v\n", out)
	return out, nil
}

// mixed runs reads (each member's own next up or a project's, at random)
// with writeShare of the requests being task edits.
func (w *world) mixed(ctx context.Context, o options, writeShare float64) (step, error) {
	sample, err := w.openTasks(ctx, 500)
	if err != nil {
		return step{}, err
	}
	s := step{writeShare: writeShare}
	var mu sync.Mutex
	every := 0
	if writeShare > 0 {
		every = max(1, int(1/writeShare+0.5))
	}
	levels := []string{"none", "low", "medium", "high", "urgent"}
	plan := load.Plan{Rate: o.rate, Warmup: o.warmup, Duration: o.duration, Concurrency: 64, Timeout: 5 * time.Second, Drain: 10 * time.Second}
	measuredFrom := o.warmup
	started := time.Now()
	fmt.Printf("load step: %.0f req/s, %.0f%% edits, %s\n", o.rate, writeShare*100, o.duration)
	res, err := load.Run(ctx, plan, func(ctx context.Context, seq int) error {
		rng := rand.New(rand.NewPCG(uint64(seq), 7))
		measured := time.Since(started) >= measuredFrom
		if every > 0 && seq%every == 0 {
			pid := w.projects[rng.IntN(len(w.projects))]
			ids := sample[pid]
			err := w.edit(ctx, ids[rng.IntN(len(ids))], map[string]any{"priority": levels[rng.IntN(len(levels))]})
			if measured {
				mu.Lock()
				s.writes++
				if err != nil {
					s.writeFailures++
				}
				mu.Unlock()
			}
			return err
		}
		m := w.members[rng.IntN(len(w.members))]
		pid := ""
		if rng.IntN(2) == 0 {
			pid = w.projects[rng.IntN(len(w.projects))]
		}
		start := time.Now()
		_, hit, err := w.read(ctx, m, pid, 20)
		took := time.Since(start)
		if measured {
			mu.Lock()
			switch {
			case err != nil:
				s.readErrors++
			case hit:
				s.hits = append(s.hits, took)
			default:
				s.misses = append(s.misses, took)
			}
			mu.Unlock()
		}
		return err
	})
	s.load = res
	return s, err
}

// freshness edits a task so that it must come first in its project's
// next up (urgent, due before every other task) and asks next up until it
// does: the time from the edit's answer to the first fresh answer.
func (w *world) freshness(ctx context.Context, n int) (freshness, error) {
	sample, err := w.openTasks(ctx, n)
	if err != nil {
		return freshness{}, err
	}
	var f freshness
	base := time.Date(1990, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := range n {
		pid := w.projects[i%len(w.projects)]
		ids := sample[pid]
		id := ids[(i/len(w.projects))%len(ids)]
		due := base.Add(-time.Duration(i) * time.Hour).Format(time.RFC3339)
		if err := w.edit(ctx, id, map[string]any{"priority": "urgent", "dueAt": due}); err != nil {
			return f, err
		}
		edited := time.Now()
		deadline := edited.Add(10 * time.Second)
		for {
			got, _, err := w.read(ctx, w.owner, pid, 1)
			if err == nil && len(got.Items) == 1 && got.Items[0].TaskID == id && got.Items[0].Effective == "urgent" {
				f.samples = append(f.samples, time.Since(edited))
				break
			}
			if time.Now().After(deadline) {
				f.timeouts++
				break
			}
			time.Sleep(2 * time.Millisecond)
		}
	}
	slices.Sort(f.samples)
	return f, nil
}
