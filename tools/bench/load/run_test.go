package load

import (
	"context"
	"errors"
	"slices"
	"sync"
	"testing"
	"time"
)

func TestScheduleIsFixedInAdvance(t *testing.T) {
	t.Parallel()
	p := Plan{Rate: 3, Warmup: time.Second, Duration: 2 * time.Second}
	offsets, warmup := p.Schedule()
	if warmup != 3 || len(offsets) != 9 {
		t.Fatalf("warm-up %d, total %d; want 3 and 9", warmup, len(offsets))
	}
	if offsets[1] != 333333333 || offsets[3] != time.Second || offsets[8] != 2666666666 {
		t.Errorf("offsets %v", offsets)
	}
	// No drift over a long step: request 4000 at 400/s is due at exactly 10 s.
	if got := (Plan{Rate: 400}).Offset(4000); got != 10*time.Second {
		t.Errorf("Offset(4000) at 400/s = %v", got)
	}
}

func TestValidateRefusesUnboundedPlans(t *testing.T) {
	t.Parallel()
	ok := Plan{Rate: 10, Duration: time.Second, Concurrency: 1, Timeout: time.Second}
	if err := ok.Validate(); err != nil {
		t.Fatalf("valid plan refused: %v", err)
	}
	for name, mutate := range map[string]func(*Plan){
		"no-rate":        func(p *Plan) { p.Rate = 0 },
		"no-duration":    func(p *Plan) { p.Duration = 0 },
		"no-concurrency": func(p *Plan) { p.Concurrency = 0 },
		"no-timeout":     func(p *Plan) { p.Timeout = 0 },
		"too-many":       func(p *Plan) { p.Rate, p.Duration = 10_000, time.Minute },
	} {
		p := ok
		mutate(&p)
		if p.Validate() == nil {
			t.Errorf("%s: accepted %+v", name, p)
		}
	}
}

func TestWarmupIsSentButNotRecorded(t *testing.T) {
	t.Parallel()
	var mu sync.Mutex
	var seen []int
	p := Plan{Rate: 200, Warmup: 100 * time.Millisecond, Duration: 200 * time.Millisecond, Concurrency: 4,
		Timeout: time.Second, Drain: time.Second}
	r, err := Run(t.Context(), p, func(_ context.Context, seq int) error {
		mu.Lock()
		defer mu.Unlock()
		seen = append(seen, seq)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(seen)
	if len(seen) != 60 || seen[0] != 0 || seen[59] != 59 {
		t.Errorf("sent %d requests (%v…), want seq 0..59", len(seen), seen[:min(3, len(seen))])
	}
	if r.Intended != 40 || r.OK != 40 || r.Errors != 0 {
		t.Errorf("recorded intended %d ok %d errors %d, want 40 40 0", r.Intended, r.OK, r.Errors)
	}
}

// A server at half the offered rate: the requests queue in the client, and
// their wait must show in the latency (no coordinated omission) while the
// service time stays that of one request.
func TestStalledServerWaitCountsInLatency(t *testing.T) {
	t.Parallel()
	p := Plan{Rate: 200, Duration: 500 * time.Millisecond, Concurrency: 1, Timeout: time.Second, Drain: 3 * time.Second}
	r, err := Run(t.Context(), p, func(ctx context.Context, _ int) error {
		time.Sleep(10 * time.Millisecond)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if r.OK != 100 {
		t.Fatalf("ok %d, want all 100 sent within the drain time", r.OK)
	}
	if r.Latency.Max < 300*time.Millisecond || r.Latency.P99 < 2*r.Service.P99 {
		t.Errorf("latency %+v does not include the queueing (service %+v)", r.Latency, r.Service)
	}
	if r.Sustained() {
		t.Errorf("achieved %.0f/s of 200/s reported as sustained", r.Achieved())
	}
}

func TestDrainBoundsTheRun(t *testing.T) {
	t.Parallel()
	p := Plan{Rate: 100, Duration: 300 * time.Millisecond, Concurrency: 1, Timeout: time.Second,
		Drain: 100 * time.Millisecond}
	began := time.Now()
	r, err := Run(t.Context(), p, func(ctx context.Context, _ int) error {
		time.Sleep(50 * time.Millisecond)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if took := time.Since(began); took > 2*time.Second {
		t.Errorf("run took %v despite the drain limit", took)
	}
	if r.Unsent == 0 || r.OK+r.Unsent != 30 || r.Errors != r.Unsent {
		t.Errorf("ok %d unsent %d errors %d of 30", r.OK, r.Unsent, r.Errors)
	}
}

func TestFailuresAndTimeoutsAreErrors(t *testing.T) {
	t.Parallel()
	p := Plan{Rate: 100, Duration: 200 * time.Millisecond, Concurrency: 8, Timeout: 20 * time.Millisecond,
		Drain: time.Second}
	r, err := Run(t.Context(), p, func(ctx context.Context, seq int) error {
		switch seq % 4 {
		case 0:
			return errors.New("http 503")
		case 1:
			<-ctx.Done() // a request that hangs until its timeout
			return ctx.Err()
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if r.OK != 10 || r.Errors != 10 || r.ErrorKinds["http 503"] != 5 || r.ErrorKinds[context.DeadlineExceeded.Error()] != 5 {
		t.Errorf("ok %d errors %d kinds %v", r.OK, r.Errors, r.ErrorKinds)
	}
}

func TestCancelReturnsWhatWasMeasured(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithTimeout(t.Context(), 150*time.Millisecond)
	defer cancel()
	p := Plan{Rate: 100, Duration: 5 * time.Second, Concurrency: 2, Timeout: time.Second, Drain: time.Second}
	began := time.Now()
	r, err := Run(ctx, p, func(context.Context, int) error { return nil })
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("err %v, want the context's", err)
	}
	if time.Since(began) > 2*time.Second || r.OK == 0 || r.Unsent != r.Intended-r.OK {
		t.Errorf("after cancel: ok %d unsent %d intended %d", r.OK, r.Unsent, r.Intended)
	}
}
