package app

import (
	"context"
	"sync"
	"time"
)

// Scheduler re-evaluates tasks at the moment a time-based rule starts to
// hold for them: each task's next such moment is stored with it (an
// indexed column), and the scheduler sleeps until the earliest one,
// woken earlier when a change sets an earlier one. Nothing scans all
// tasks. With several instances each wakes for the same moments and the
// project lock makes the second one a no-op.
type Scheduler struct {
	App *App
	// Batch is how many due tasks are settled per pass (default 500).
	Batch int
	// Idle is the longest sleep when nothing is scheduled: it picks up
	// moments set by other instances (default 1 minute).
	Idle time.Duration

	mu   sync.Mutex
	next time.Time
	wake chan struct{}
}

// NewScheduler returns the scheduler of a and makes a's changes wake it.
func NewScheduler(a *App) *Scheduler {
	s := &Scheduler{App: a, Batch: 500, Idle: time.Minute, wake: make(chan struct{}, 1)}
	a.Wake = s.Wake
	return s
}

// Wake tells the scheduler that a task is due at at.
func (s *Scheduler) Wake(at time.Time) {
	s.mu.Lock()
	earlier := s.next.IsZero() || at.Before(s.next)
	if earlier {
		s.next = at
	}
	s.mu.Unlock()
	if earlier {
		select {
		case s.wake <- struct{}{}:
		default:
		}
	}
}

// Run settles due tasks until ctx ends.
func (s *Scheduler) Run(ctx context.Context) error {
	for {
		next, err := s.App.Reevaluate(ctx, s.Batch)
		if err != nil {
			s.App.Log.WarnContext(ctx, "time-based re-evaluation failed; trying again", "error", err)
			t := time.Now().Add(5 * time.Second)
			next = &t
		}
		s.mu.Lock()
		s.next = time.Time{}
		if next != nil {
			s.next = *next
		}
		s.mu.Unlock()
		if err := s.sleepUntilDue(ctx); err != nil {
			return err
		}
	}
}

// sleepUntilDue waits for the earliest moment known, which a Wake may
// bring forward meanwhile, or at most Idle.
func (s *Scheduler) sleepUntilDue(ctx context.Context) error {
	deadline := time.Now().Add(s.Idle)
	for {
		s.mu.Lock()
		due := s.next
		s.mu.Unlock()
		if !due.IsZero() && due.Before(deadline) {
			deadline = due
		}
		wait := time.Until(deadline)
		if wait <= 0 {
			return nil
		}
		timer := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			timer.Stop()
			return ctx.Err()
		case <-s.wake:
			timer.Stop()
		case <-timer.C:
			return nil
		}
	}
}
