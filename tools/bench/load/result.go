package load

import (
	"math"
	"slices"
	"time"
)

// Result summarises the measured window of one plan.
type Result struct {
	Plan     Plan
	Intended int // requests the measured window was meant to send
	OK       int
	Errors   int // failed answers and unsent requests
	Unsent   int // never sent: still queued at the end of the drain time, or the run was cancelled
	// ErrorKinds counts errors by message; at most MaxErrorKinds messages
	// are kept, the rest is counted under OtherErrors.
	ErrorKinds map[string]int
	Latency    Summary       // successful requests, from their intended send time
	Service    Summary       // successful requests, from their actual send time
	Elapsed    time.Duration // start of the measured window -> last answer (at least Plan.Duration)
	// MaxDispatchLag is how late the dispatcher released a request: a
	// measure of the client's own health (a busy client inflates latency).
	MaxDispatchLag time.Duration
}

// MaxErrorKinds bounds the distinct error messages a Result keeps.
const MaxErrorKinds = 8

// OtherErrors is the ErrorKinds key of errors beyond MaxErrorKinds.
const OtherErrors = "other errors"

// Summary is a latency distribution.
type Summary struct {
	Count              int
	P50, P95, P99, Max time.Duration
}

// Summarize builds the Result of a plan from the records of its measured
// window, which starts at measuredFrom.
func Summarize(plan Plan, records []Record, measuredFrom time.Time, maxLag time.Duration) Result {
	_, intended := plan.Counts()
	r := Result{Plan: plan, Intended: intended, ErrorKinds: map[string]int{}, MaxDispatchLag: maxLag}
	var lat, svc []time.Duration
	last := measuredFrom
	for _, rec := range records {
		if rec.Done.After(last) {
			last = rec.Done
		}
		if rec.Unsent {
			r.Unsent++
		}
		if rec.Err != "" {
			r.Errors++
			r.addErrorKind(rec.Err)
			continue
		}
		r.OK++
		lat = append(lat, rec.Latency)
		svc = append(svc, rec.Service)
	}
	if missing := intended - len(records); missing > 0 { // cancelled before they were released
		r.Unsent += missing
		r.Errors += missing
		r.addErrorKindN("not sent: run cancelled", missing)
	}
	r.Elapsed = max(last.Sub(measuredFrom), plan.Duration)
	r.Latency, r.Service = Summarise(lat), Summarise(svc)
	return r
}

func (r *Result) addErrorKind(msg string) { r.addErrorKindN(msg, 1) }

func (r *Result) addErrorKindN(msg string, n int) {
	if _, ok := r.ErrorKinds[msg]; !ok && len(r.ErrorKinds) >= MaxErrorKinds {
		msg = OtherErrors
	}
	r.ErrorKinds[msg] += n
}

// Achieved is the rate of successful answers over the measured window.
func (r Result) Achieved() float64 {
	if r.Elapsed <= 0 {
		return 0
	}
	return float64(r.OK) / r.Elapsed.Seconds()
}

// ErrorRate is the share of the intended requests that failed or were not sent.
func (r Result) ErrorRate() float64 {
	if r.Intended == 0 {
		return 0
	}
	return float64(r.Errors) / float64(r.Intended)
}

// Sustained says the step kept its rate: fewer than 1% errors and at least
// 95% of the intended rate achieved.
func (r Result) Sustained() bool {
	return r.Intended > 0 && r.ErrorRate() < 0.01 && r.Achieved() >= 0.95*r.Plan.Rate
}

// Overloaded says escalating further is pointless: more than 1% errors or
// a p99 above p99Limit.
func (r Result) Overloaded(p99Limit time.Duration) bool {
	return r.ErrorRate() > 0.01 || r.Latency.P99 > p99Limit
}

// Summarise computes the distribution of samples (which it sorts).
func Summarise(samples []time.Duration) Summary {
	if len(samples) == 0 {
		return Summary{}
	}
	slices.Sort(samples)
	return Summary{
		Count: len(samples),
		P50:   Percentile(samples, 50),
		P95:   Percentile(samples, 95),
		P99:   Percentile(samples, 99),
		Max:   samples[len(samples)-1],
	}
}

// Percentile is the nearest-rank p-th percentile (0 < p <= 100) of sorted
// samples: the smallest sample with at least p% of all samples at or below
// it. Nearest rank never interpolates, so every reported value was observed.
func Percentile(sorted []time.Duration, p float64) time.Duration {
	n := len(sorted)
	if n == 0 {
		return 0
	}
	rank := int(math.Ceil(p*float64(n)/100 - 1e-9)) // p*n first: exact for whole p
	return sorted[min(max(rank, 1), n)-1]
}
