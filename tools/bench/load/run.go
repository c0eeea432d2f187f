package load

import (
	"context"
	"sync"
	"time"
)

// Request sends request number seq (0-based over the whole run, warm-up
// included) and reports whether it succeeded. It must honour ctx.
type Request func(ctx context.Context, seq int) error

// Record is the outcome of one request of the measured window.
type Record struct {
	Latency time.Duration // intended send time -> answer (what a user waits)
	Service time.Duration // actual send -> answer (what the server took)
	Err     string        // "" on success
	Unsent  bool          // still queued when the drain time ran out
	Done    time.Time
}

type slot struct {
	seq      int
	intended time.Time
}

// Run executes plan: a dispatcher releases each request at its intended
// time into a queue, Concurrency workers send them. The queue holds the
// whole plan, so the dispatcher never waits for the server: the schedule is
// kept whatever the latency, which is what makes the load open-loop.
// It returns early, with what was measured so far, when ctx ends.
func Run(ctx context.Context, plan Plan, do Request) (Result, error) {
	if err := plan.Validate(); err != nil {
		return Result{}, err
	}
	offsets, warmup := plan.Schedule()
	queue := make(chan slot, len(offsets))
	// A short lead so the first intended time is not already in the past.
	start := time.Now().Add(5 * time.Millisecond)
	measuredFrom := start.Add(plan.Offset(warmup))
	deadline := start.Add(plan.Offset(len(offsets)) + plan.Drain)

	perWorker := make([][]Record, plan.Concurrency)
	var wg sync.WaitGroup
	for w := range plan.Concurrency {
		wg.Go(func() {
			for s := range queue {
				rec := send(ctx, plan, do, s, deadline)
				if s.seq >= warmup {
					perWorker[w] = append(perWorker[w], rec)
				}
			}
		})
	}

	var maxLag time.Duration
	timer := time.NewTimer(time.Hour)
	defer timer.Stop()
dispatch:
	for i, off := range offsets {
		at := start.Add(off)
		if wait := time.Until(at); wait > 0 {
			timer.Reset(wait)
			select {
			case <-ctx.Done():
				break dispatch
			case <-timer.C:
			}
		}
		if i >= warmup {
			maxLag = max(maxLag, time.Since(at))
		}
		queue <- slot{seq: i, intended: at}
	}
	close(queue)
	wg.Wait()

	var records []Record
	for _, rs := range perWorker {
		records = append(records, rs...)
	}
	return Summarize(plan, records, measuredFrom, maxLag), ctx.Err()
}

// send sends one request unless the run is over, and records the outcome.
func send(ctx context.Context, plan Plan, do Request, s slot, deadline time.Time) Record {
	now := time.Now()
	if ctx.Err() != nil || now.After(deadline) {
		return Record{Unsent: true, Err: "not sent: client queue still full at the end of the drain time", Done: now}
	}
	rctx, cancel := context.WithTimeout(ctx, plan.Timeout)
	err := do(rctx, s.seq)
	cancel()
	done := time.Now()
	rec := Record{Latency: done.Sub(s.intended), Service: done.Sub(now), Done: done}
	if err != nil {
		rec.Err = err.Error()
	}
	return rec
}
