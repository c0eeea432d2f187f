package membership

import (
	"bytes"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/gin-gonic/gin"
)

// The route the Subscription delivers to: only the sidecar may call it,
// and a malformed event is dropped rather than retried.
func TestTheSubscriptionRouteAppliesEventsFromTheSidecarOnly(t *testing.T) {
	t.Parallel()
	w := newWorld()
	w.create(t, id(1), id(10))
	w.add(t, id(1), id(11))
	v := NewWithSource(w, Options{})
	mustRole(t, v, id(1), id(11), RoleParticipant)
	gin.SetMode(gin.ReleaseMode)
	e := gin.New()
	v.Subscribe(e, slog.New(slog.DiscardHandler), "app-token")
	post := func(body []byte, token string) (int, string) {
		req := httptest.NewRequest(http.MethodPost, RouteProjectEvents, bytes.NewReader(body))
		req.Header.Set("Content-Type", "application/cloudevents+json")
		if token != "" {
			req.Header.Set("dapr-api-token", token)
		}
		rec := httptest.NewRecorder()
		e.ServeHTTP(rec, req)
		raw, _ := io.ReadAll(rec.Body)
		var out struct{ Status string }
		_ = json.Unmarshal(raw, &out)
		return rec.Code, out.Status
	}
	removed, _ := json.Marshal(w.remove(t, id(1), id(11)))
	if code, _ := post(removed, ""); code != http.StatusUnauthorized {
		t.Fatalf("without the app token: HTTP %d, want 401", code)
	}
	mustRole(t, v, id(1), id(11), RoleParticipant)
	if code, status := post(removed, "app-token"); code != http.StatusOK || status != "SUCCESS" {
		t.Fatalf("delivery: HTTP %d %s", code, status)
	}
	mustRole(t, v, id(1), id(11), "")

	tests := []struct {
		name, body, want string
	}{
		{"not-a-cloudevent", `{"x":1}`, "DROP"},
		{"bad-payload", `{"specversion":"1.0","id":"e1","source":"/projects","type":"taskrocket.project.member_removed.v1","data":{"projectId":7}}`, "DROP"},
		{"no-project", `{"specversion":"1.0","id":"e2","source":"/projects","type":"taskrocket.project.member_removed.v1","data":{"userId":"u"}}`, "DROP"},
		{"other-topic-type", `{"specversion":"1.0","id":"e3","source":"/users","type":"taskrocket.user.deleted.v1","data":{}}`, "SUCCESS"},
	}
	for _, tc := range tests {
		if _, status := post([]byte(tc.body), "app-token"); status != tc.want {
			t.Errorf("%s: %s, want %s", tc.name, status, tc.want)
		}
	}
	if n := w.callCount(); n != 2 {
		t.Fatalf("%d calls, want 2 (the load, and the refusal confirmed)", n)
	}
}
