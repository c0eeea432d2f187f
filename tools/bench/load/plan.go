// Package load is an open-loop, constant-rate load generator.
//
// Every request has an intended send time fixed in advance by the plan
// (start + i/rate), whatever the server does. Latency is measured from that
// intended time, not from the moment the request actually left: when the
// server stalls, the requests that should have been sent meanwhile wait in
// the client and their wait counts. A closed-loop tool (send, wait for the
// answer, send the next) would instead send less while the server is slow
// and hide the stall ("coordinated omission").
package load

import (
	"errors"
	"fmt"
	"time"
)

// Plan is one step: a fixed rate for a bounded time.
type Plan struct {
	Rate        float64       // intended requests per second
	Warmup      time.Duration // sent at Rate first, not recorded
	Duration    time.Duration // measured window, after the warm-up
	Concurrency int           // requests in flight at most; later ones queue in the client (and that wait counts)
	Timeout     time.Duration // per request, from its actual send
	// Drain bounds the run: requests still queued Drain after the last
	// intended send time are not sent and count as unsent.
	Drain time.Duration
}

// MaxRequests bounds the requests of one plan (warm-up included).
const MaxRequests = 100_000

// Validate reports a plan that cannot run.
func (p Plan) Validate() error {
	switch {
	case p.Rate <= 0:
		return errors.New("plan: rate must be positive")
	case p.Duration <= 0 || p.Warmup < 0:
		return errors.New("plan: duration must be positive and warm-up not negative")
	case p.Concurrency <= 0:
		return errors.New("plan: concurrency must be positive")
	case p.Timeout <= 0 || p.Drain < 0:
		return errors.New("plan: timeout must be positive and drain not negative")
	}
	if w, m := p.Counts(); w+m > MaxRequests {
		return fmt.Errorf("plan: %d requests, more than %d", w+m, MaxRequests)
	}
	return nil
}

// Counts is how many requests the warm-up and the measured window hold.
func (p Plan) Counts() (warmup, measured int) {
	return count(p.Rate, p.Warmup), count(p.Rate, p.Duration)
}

func count(rate float64, d time.Duration) int {
	return int(rate*d.Seconds() + 1e-9)
}

// Offset is the intended send time of request i, from the start of the run.
// It is computed from i (not by adding intervals) so rounding never drifts.
func (p Plan) Offset(i int) time.Duration {
	return time.Duration(float64(i) * float64(time.Second) / p.Rate)
}

// Schedule lists the intended send offsets of every request of the plan,
// warm-up first; the measured window starts at index warmup.
func (p Plan) Schedule() (offsets []time.Duration, warmup int) {
	w, m := p.Counts()
	offsets = make([]time.Duration, w+m)
	for i := range offsets {
		offsets[i] = p.Offset(i)
	}
	return offsets, w
}
