package metrics

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"
)

func scrape(t *testing.T, r *Registry) string {
	t.Helper()
	rec := httptest.NewRecorder()
	r.Handler().ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/metrics", nil))
	body, _ := io.ReadAll(rec.Body)
	return string(body)
}

func TestServiceLabelOnEverySeries(t *testing.T) {
	t.Parallel()
	r := New("tasks")
	backlog := prometheus.NewGauge(prometheus.GaugeOpts{Name: "outbox_pending_events", Help: "x"})
	r.Register(backlog)
	backlog.Set(3)
	r.ObserveRequest(http.MethodGet, "/tasks/:id", 200, 5*time.Millisecond)

	out := scrape(t, r)
	for _, want := range []string{
		`outbox_pending_events{service="tasks"} 3`,
		`http_server_request_duration_seconds_count{method="GET",route="/tasks/:id",service="tasks",status="200"} 1`,
		`go_goroutines{service="tasks"}`,
	} {
		if !strings.Contains(out, want) {
			t.Fatalf("scrape lacks %s:\n%s", want, out)
		}
	}
}

func TestUnmatchedRouteIsOneSeries(t *testing.T) {
	t.Parallel()
	r := New("tasks")
	r.ObserveRequest(http.MethodGet, "", 404, time.Millisecond)
	r.ObserveRequest(http.MethodGet, "", 404, time.Millisecond)
	if out := scrape(t, r); !strings.Contains(out, `route="unmatched",service="tasks",status="404"} 2`) {
		t.Fatalf("requests without a route are not grouped under route=unmatched:\n%s", out)
	}
}
