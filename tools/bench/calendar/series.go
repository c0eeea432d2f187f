package main

import (
	"context"
	"fmt"
	"net/http"
	"sync"
	"sync/atomic"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/taskrocket/taskrocket/tools/bench/proc"
)

// results is everything the run measured.
type results struct {
	started               time.Time
	loadBefore, loadAfter string
	calibration           int
	createRate            float64 // series created per second, setup
	createdLate           int     // series created less than 2 s before their due time
	t0, burstAt           time.Time
	spread                spread
	burst                 burst
	cpuSpread, cpuBurst   cpuDelta
	rng                   rangeResult
}

type spread struct {
	latencies []time.Duration // due -> task created, sorted
	missing   int             // no task at the end of the window plus the grace
	loadAvg   string          // at the end of the window
}

type burst struct {
	latencies []time.Duration // due -> task created, sorted
	allAfter  time.Duration   // due -> the last one created (0: not all)
	missing   int
	loadAvg   string
}

// cpuDelta is the CPU time each part of the stack spent over a span.
type cpuDelta struct {
	by   map[string]time.Duration
	wall time.Duration
}

// recurring creates the series through the calendar app (as the
// project's owner, with a valid token: what the gateway's sidecar
// would forward), waits for their occurrences and reads, from the tasks
// service's database, when each occurrence's task was created.
func (w *world) recurring(ctx context.Context, o options, r *results) error {
	owner, err := w.signUp(ctx, "owner")
	if err != nil {
		return err
	}
	pid, err := owner.project(ctx, "Recurring", "REC")
	if err != nil {
		return err
	}
	create := func(i int, due time.Time) error {
		body := map[string]any{"projectId": pid, "title": fmt.Sprintf("Recurring %d", i),
			"start": due.UTC().Format("2006-01-02T15:04:05"), "timezone": "UTC", "rrule": "FREQ=DAILY"}
		return owner.as(ctx, http.MethodPost, w.calen+"/api/v1/calendar/series", body, nil, http.StatusCreated)
	}
	// The calendar learns of the project from the projects topic; then a
	// few series due tomorrow measure the creation rate the lead time is
	// reckoned from.
	tomorrow := time.Now().Add(24 * time.Hour).Truncate(time.Second)
	if err := eventually(ctx, 30*time.Second, func() error { return create(-1, tomorrow) }); err != nil {
		return fmt.Errorf("first series: %w", err)
	}
	r.calibration = 4 * o.workers
	began := time.Now()
	if err := w.createAll(ctx, o.workers, r.calibration, func(i int) time.Time { return tomorrow }, create, nil); err != nil {
		return err
	}
	rate := float64(r.calibration) / time.Since(began).Seconds()
	lead := o.lead
	if lead == 0 {
		lead = time.Duration(float64(o.series+o.burst)/rate*1.3*float64(time.Second)) + 30*time.Second
	}
	r.t0 = time.Now().Add(lead).Truncate(time.Second).Add(time.Second)
	r.burstAt = r.t0.Add(o.window + o.grace)
	dueOf := func(i int) time.Time {
		if i >= o.series {
			return r.burstAt
		}
		return r.t0.Add(time.Duration(int64(o.window) * int64(i) / int64(o.series))).Truncate(time.Second)
	}
	fmt.Printf("creating %d + %d series at about %.0f/s; the first due at %s (lead %s), the burst at %s\n",
		o.series, o.burst, rate, r.t0.Format(time.TimeOnly), lead.Round(time.Second), r.burstAt.Format(time.TimeOnly))
	var late atomic.Int64
	began = time.Now()
	if err := w.createAll(ctx, o.workers, o.series+o.burst, dueOf, create, &late); err != nil {
		return err
	}
	r.createRate = float64(o.series+o.burst) / time.Since(began).Seconds()
	r.createdLate = int(late.Load())
	fmt.Printf("created in %s (%.0f/s; %d less than 2 s before their due time)\n", time.Since(began).Round(time.Second), r.createRate, r.createdLate)

	conn, err := pgx.Connect(ctx, w.tasksDB)
	if err != nil {
		return fmt.Errorf("connect to the tasks database: %w", err)
	}
	defer conn.Close(context.WithoutCancel(ctx))

	if err := sleepUntil(ctx, r.t0); err != nil {
		return err
	}
	before := w.cpu()
	if err := sleepUntil(ctx, r.burstAt.Add(-500*time.Millisecond)); err != nil {
		return err
	}
	r.cpuSpread = w.cpu().since(before)
	r.spread.loadAvg = proc.LoadAverage()
	lat, err := createdAfterDue(ctx, conn, pid, r.t0, r.t0.Add(o.window))
	if err != nil {
		return err
	}
	r.spread.latencies, r.spread.missing = lat, o.series-len(lat)
	fmt.Printf("window over: %d of %d occurrences created, waiting for the burst of %d\n", len(lat), o.series, o.burst)

	before = w.cpu()
	deadline := r.burstAt.Add(max(2*time.Minute, o.grace))
	for {
		var n int
		if err := conn.QueryRow(ctx, `SELECT count(*) FROM tasks WHERE project_id = $1 AND due_at = $2`, pid, r.burstAt).Scan(&n); err != nil {
			return err
		}
		if n >= o.burst || time.Now().After(deadline) {
			break
		}
		if err := sleepUntil(ctx, time.Now().Add(100*time.Millisecond)); err != nil {
			return err
		}
	}
	r.cpuBurst = w.cpu().since(before)
	r.burst.loadAvg = proc.LoadAverage()
	if lat, err = createdAfterDue(ctx, conn, pid, r.burstAt, r.burstAt.Add(time.Second)); err != nil {
		return err
	}
	r.burst.latencies, r.burst.missing = lat, o.burst-len(lat)
	if r.burst.missing == 0 && len(lat) > 0 {
		r.burst.allAfter = lat[len(lat)-1]
	}
	fmt.Printf("burst: %d of %d created, all after %s\n", len(lat), o.burst, r.burst.allAfter)
	return nil
}

// createAll creates n series, in order of their index, with the given
// number of workers; late counts those created less than 2 s before
// their due time.
func (w *world) createAll(ctx context.Context, workers, n int, dueOf func(int) time.Time, create func(int, time.Time) error, late *atomic.Int64) error {
	next := atomic.Int64{}
	var first error
	var once sync.Once
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for {
				i := int(next.Add(1) - 1)
				if i >= n || ctx.Err() != nil {
					return
				}
				due := dueOf(i)
				if err := create(i, due); err != nil {
					once.Do(func() { first = err })
					next.Store(int64(n))
					return
				}
				if late != nil && time.Until(due) < 2*time.Second {
					late.Add(1)
				}
			}
		})
	}
	wg.Wait()
	if first != nil {
		return fmt.Errorf("create series: %w", first)
	}
	return ctx.Err()
}

// createdAfterDue reads, for each occurrence task of the project due in
// [from, to), its creation time (set by the tasks service as it creates
// the task, in the transaction that claims the occurrence) minus its due
// time, sorted.
func createdAfterDue(ctx context.Context, conn *pgx.Conn, projectID string, from, to time.Time) ([]time.Duration, error) {
	rows, err := conn.Query(ctx, `SELECT extract(epoch FROM created_at - due_at)::float8 FROM tasks WHERE project_id = $1 AND due_at >= $2 AND due_at < $3 ORDER BY 1`,
		projectID, from, to)
	if err != nil {
		return nil, err
	}
	return pgx.CollectRows(rows, func(row pgx.CollectableRow) (time.Duration, error) {
		var secs float64
		err := row.Scan(&secs)
		return time.Duration(secs * float64(time.Second)), err
	})
}

// cpuSample is the CPU time every running part of the stack has used.
type cpuSample struct {
	by map[string]time.Duration
	at time.Time
}

func (w *world) cpu() cpuSample {
	s := cpuSample{by: map[string]time.Duration{}, at: time.Now()}
	for name, pid := range w.st.Processes() {
		if t, ok := proc.CPU(pid); ok {
			s.by[name] = t.Self + t.Children
		}
	}
	return s
}

func (s cpuSample) since(a cpuSample) cpuDelta {
	d := cpuDelta{by: map[string]time.Duration{}, wall: s.at.Sub(a.at)}
	for name, t := range s.by {
		d.by[name] = max(t-a.by[name], 0)
	}
	return d
}

func sleepUntil(ctx context.Context, t time.Time) error {
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-time.After(time.Until(t)):
		return nil
	}
}
