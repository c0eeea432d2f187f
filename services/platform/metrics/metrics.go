// Package metrics owns each process's Prometheus registry: Go runtime and
// process collectors, the HTTP server histogram, and whatever collectors the
// service adds (outbox backlog, cache hit ratio, ...).
package metrics

import (
	"net/http"
	"strconv"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// Registry is a service's metric registry.
type Registry struct {
	*prometheus.Registry
	labelled prometheus.Registerer // adds the service label
	requests *prometheus.HistogramVec
}

// New creates a registry with runtime collectors and the HTTP histogram,
// every series labelled with the service name.
func New(service string) *Registry {
	reg := prometheus.NewRegistry()
	wrapped := prometheus.WrapRegistererWith(prometheus.Labels{"service": service}, reg)
	wrapped.MustRegister(collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	requests := prometheus.NewHistogramVec(prometheus.HistogramOpts{
		Name:    "http_server_request_duration_seconds",
		Help:    "Duration of HTTP requests handled by the service, by route template.",
		Buckets: []float64{.001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5},
	}, []string{"method", "route", "status"})
	wrapped.MustRegister(requests)
	return &Registry{Registry: reg, labelled: wrapped, requests: requests}
}

// Register adds collectors under the service label.
func (r *Registry) Register(cs ...prometheus.Collector) {
	r.labelled.MustRegister(cs...)
}

// ObserveRequest records one handled request.
func (r *Registry) ObserveRequest(method, route string, status int, elapsed time.Duration) {
	if route == "" {
		route = "unmatched"
	}
	r.requests.WithLabelValues(method, route, strconv.Itoa(status)).Observe(elapsed.Seconds())
}

// Handler serves the registry in the Prometheus exposition format.
func (r *Registry) Handler() http.Handler {
	return promhttp.HandlerFor(r.Registry, promhttp.HandlerOpts{Registry: r.Registry})
}
