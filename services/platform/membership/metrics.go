package membership

import "github.com/prometheus/client_golang/prometheus"

// outcome is what an event did to the view, in increasing order of
// consequence.
type outcome int

const (
	ignored     outcome = iota // nothing held was concerned, or it was seen already
	applied                    // a held project or list changed
	invalidated                // something held was dropped, to be loaded again
)

func (o outcome) String() string {
	return [...]string{"ignored", "applied", "invalidated"}[o]
}

type viewMetrics struct {
	lookups *prometheus.CounterVec
	fetches *prometheus.CounterVec
	events  *prometheus.CounterVec
}

func newViewMetrics() viewMetrics {
	return viewMetrics{
		lookups: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "membership_lookups_total",
			Help: "Membership questions: answered from the view (cached), after a call on a miss (fetched), or confirmed with a call before a refusal (confirmed).",
		}, []string{"answer"}),
		fetches: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "membership_fetches_total",
			Help: "Calls to the projects service by what was loaded (project, user) and outcome (ok, not_found, stale, error).",
		}, []string{"kind", "outcome"}),
		events: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "membership_events_total",
			Help: "Projects events received by the view, by what they did (ignored, applied, invalidated: a held project dropped).",
		}, []string{"outcome"}),
	}
}

func (m viewMetrics) collectors() []prometheus.Collector {
	return []prometheus.Collector{m.lookups, m.fetches, m.events}
}
