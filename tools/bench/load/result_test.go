package load

import (
	"fmt"
	"testing"
	"time"
)

func ms(n int) time.Duration { return time.Duration(n) * time.Millisecond }

// oneToHundred is 1 ms .. 100 ms, shuffled.
func oneToHundred() []time.Duration {
	s := make([]time.Duration, 100)
	for i := range s {
		s[i] = ms((i*37)%100 + 1)
	}
	return s
}

func TestPercentileNearestRank(t *testing.T) {
	t.Parallel()
	sorted := Summarise(oneToHundred())
	tests := []struct {
		name    string
		samples []time.Duration
		p       float64
		want    time.Duration
	}{
		{"p50-of-100-is-the-50th", nil, 50, ms(50)},
		{"p99-of-100-is-the-99th-not-the-max", nil, 99, ms(99)},
		{"p100-is-the-max", nil, 100, ms(100)},
		{"tiny-p-is-the-min", nil, 0.001, ms(1)},
		{"p99-of-10-is-the-max", []time.Duration{ms(1), ms(2), ms(3), ms(4), ms(5), ms(6), ms(7), ms(8), ms(9), ms(10)}, 99, ms(10)},
		{"p50-of-two-is-the-lower", []time.Duration{ms(1), ms(9)}, 50, ms(1)},
		{"empty-is-zero", []time.Duration{}, 99, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			s := tt.samples
			if s == nil {
				s = make([]time.Duration, 0, 100)
				for i := 1; i <= 100; i++ {
					s = append(s, ms(i))
				}
			}
			if got := Percentile(s, tt.p); got != tt.want {
				t.Errorf("Percentile(%v) = %v, want %v", tt.p, got, tt.want)
			}
		})
	}
	if sorted.P50 != ms(50) || sorted.P95 != ms(95) || sorted.P99 != ms(99) || sorted.Max != ms(100) || sorted.Count != 100 {
		t.Errorf("Summarise of shuffled 1..100 ms = %+v", sorted)
	}
}

func TestSummarizeCountsErrorsUnsentAndRates(t *testing.T) {
	t.Parallel()
	plan := Plan{Rate: 100, Duration: time.Second, Concurrency: 4, Timeout: time.Second}
	from := time.Unix(1000, 0)
	var recs []Record
	for i := range 95 {
		recs = append(recs, Record{Latency: ms(i + 1), Service: ms(1), Done: from.Add(ms(10 * i))})
	}
	recs = append(recs,
		Record{Err: "http 500", Done: from.Add(ms(990))},
		Record{Err: "http 500", Done: from.Add(ms(995))},
		Record{Err: "not sent", Unsent: true, Done: from.Add(ms(1500))},
	) // 98 records of 100 intended: 2 never released

	r := Summarize(plan, recs, from, ms(3))
	if r.Intended != 100 || r.OK != 95 || r.Errors != 5 || r.Unsent != 3 {
		t.Fatalf("counts: intended %d ok %d errors %d unsent %d", r.Intended, r.OK, r.Errors, r.Unsent)
	}
	if r.ErrorKinds["http 500"] != 2 || r.ErrorKinds["not sent: run cancelled"] != 2 {
		t.Errorf("error kinds %v", r.ErrorKinds)
	}
	if r.Elapsed != ms(1500) {
		t.Errorf("elapsed %v, want 1.5s (last answer)", r.Elapsed)
	}
	if got := r.Achieved(); got < 63.3 || got > 63.4 {
		t.Errorf("achieved %.2f/s, want 95/1.5s", got)
	}
	if r.ErrorRate() != 0.05 || r.Sustained() || !r.Overloaded(time.Second) {
		t.Errorf("5%% errors must be neither sustained nor below the escalation limit")
	}
	if r.Latency.P99 != ms(95) || r.Service.Max != ms(1) {
		t.Errorf("latency %+v service %+v", r.Latency, r.Service)
	}
}

func TestSustainedNeedsFewErrorsAndTheRate(t *testing.T) {
	t.Parallel()
	plan := Plan{Rate: 100, Duration: 10 * time.Second}
	tests := []struct {
		name       string
		ok, errors int
		elapsed    time.Duration
		p99        time.Duration
		sustained  bool
		overloaded bool
	}{
		{"kept-up", 1000, 0, 10 * time.Second, ms(20), true, false},
		{"one-error-in-a-thousand", 999, 1, 10 * time.Second, ms(20), true, false},
		{"two-percent-errors", 980, 20, 10 * time.Second, ms(20), false, true},
		{"fell-behind-without-errors", 1000, 0, 11 * time.Second, ms(800), false, false},
		{"slow-tail", 1000, 0, 10 * time.Second, 2 * time.Second, true, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			r := Result{Plan: plan, Intended: 1000, OK: tt.ok, Errors: tt.errors, Elapsed: tt.elapsed,
				Latency: Summary{P99: tt.p99}}
			if r.Sustained() != tt.sustained || r.Overloaded(time.Second) != tt.overloaded {
				t.Errorf("sustained %v overloaded %v, want %v %v", r.Sustained(), r.Overloaded(time.Second),
					tt.sustained, tt.overloaded)
			}
		})
	}
}

func TestErrorKindsAreBounded(t *testing.T) {
	t.Parallel()
	plan := Plan{Rate: 20, Duration: time.Second}
	var recs []Record
	for i := range 20 {
		recs = append(recs, Record{Err: fmt.Sprintf("error %d", i)})
	}
	r := Summarize(plan, recs, time.Now(), 0)
	if len(r.ErrorKinds) != MaxErrorKinds+1 || r.ErrorKinds[OtherErrors] != 20-MaxErrorKinds {
		t.Errorf("kinds %v", r.ErrorKinds)
	}
}
