package e2e

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"
)

// A request through the gateway reaches every service by Dapr service
// invocation: the status page calls each service's /healthz through the
// gateway's sidecar, across mTLS and the access-control policy.
func TestGatewayReachesEveryServiceThroughDapr(t *testing.T) {
	r := do(t, http.MethodGet, suite.URL("gateway")+"/api/v1/status", "", nil)
	if r.Status != http.StatusOK {
		t.Fatalf("status page: %d %s", r.Status, r.Body)
	}
	services, _ := r.json(t)["services"].(map[string]any)
	for _, app := range []string{"users", "auth", "projects", "tasks", "invitations", "collaboration",
		"priorities", "calendar", "notifications", "audit", "search"} {
		st, _ := services[app].(map[string]any)
		if st["status"] != "ok" {
			t.Errorf("%s through the gateway: %v", app, st)
		}
	}
}

func TestGatewayEdgeBehaviour(t *testing.T) {
	gw := suite.URL("gateway")
	t.Run("protected-route-401-without-token", func(t *testing.T) {
		r := do(t, http.MethodGet, gw+"/api/v1/projects", "", nil)
		if r.Status != http.StatusUnauthorized || r.errorCode(t) != "token_missing" {
			t.Fatalf("got %d %s", r.Status, r.Body)
		}
		if !strings.HasPrefix(r.Header.Get("WWW-Authenticate"), "Bearer") {
			t.Errorf("missing WWW-Authenticate challenge")
		}
	})
	t.Run("forged-token-401-before-routing", func(t *testing.T) {
		forged := "eyJhbGciOiJub25lIiwidHlwIjoiYXQrand0In0.eyJzdWIiOiJ4In0."
		r := do(t, http.MethodGet, gw+"/api/v1/projects", "", map[string]string{"Authorization": "Bearer " + forged})
		if r.Status != http.StatusUnauthorized {
			t.Fatalf("got %d %s", r.Status, r.Body)
		}
	})
	t.Run("unknown-api-route-404-json", func(t *testing.T) {
		r := do(t, http.MethodGet, gw+"/api/v1/nothing-here", "", nil)
		if r.Status != http.StatusNotFound || r.errorCode(t) != "route_not_found" {
			t.Fatalf("got %d %s", r.Status, r.Body)
		}
	})
	t.Run("request-id-propagated", func(t *testing.T) {
		r := do(t, http.MethodGet, gw+"/api/v1/status", "", map[string]string{"X-Request-ID": "e2e-request-0001"})
		if got := r.Header.Get("X-Request-ID"); got != "e2e-request-0001" {
			t.Fatalf("X-Request-ID = %q", got)
		}
	})
	t.Run("cors-preflight-for-ui-dev-server", func(t *testing.T) {
		r := do(t, http.MethodOptions, gw+"/api/v1/projects", "", map[string]string{
			"Origin": "http://localhost:4200", "Access-Control-Request-Method": "POST"})
		if r.Status != http.StatusNoContent || r.Header.Get("Access-Control-Allow-Origin") != "http://localhost:4200" {
			t.Fatalf("got %d %v", r.Status, r.Header)
		}
	})
}

// The access-control policy in dapr/config.yaml is enforced by the target's
// sidecar on the caller's mTLS identity: the probe app may call nobody.
func TestAccessPolicyDeniesUnlistedCaller(t *testing.T) {
	invoke := func(caller, target string) response {
		url := fmt.Sprintf("http://127.0.0.1:%d/v1.0/invoke/%s/method/healthz", suite.DaprHTTPPort(caller), target)
		return do(t, http.MethodGet, url, "", map[string]string{"dapr-api-token": suite.APIToken(caller)})
	}
	if r := invoke("gateway", "users"); r.Status != http.StatusOK {
		t.Fatalf("gateway -> users should be allowed: %d %s", r.Status, r.Body)
	}
	r := invoke("probe", "users")
	if r.Status != http.StatusForbidden || !strings.Contains(string(r.Body), "access control policy has denied") {
		t.Fatalf("probe -> users should be denied by policy: %d %s", r.Status, r.Body)
	}
}

// A sidecar refuses calls from processes that do not hold its API token.
func TestSidecarRequiresAPIToken(t *testing.T) {
	url := fmt.Sprintf("http://127.0.0.1:%d/v1.0/invoke/users/method/healthz", suite.DaprHTTPPort("gateway"))
	if r := do(t, http.MethodGet, url, "", nil); r.Status != http.StatusUnauthorized {
		t.Fatalf("call without dapr-api-token: %d %s", r.Status, r.Body)
	}
}

// An event stored through the transactional outbox is relayed to pub/sub
// and delivered to the declarative subscription's route.
func TestOutboxEventReachesDeclarativeSubscriber(t *testing.T) {
	probe := suite.URL("probe")
	before := do(t, http.MethodGet, probe+"/received", "", nil).json(t)["distinct"].(float64)
	if r := do(t, http.MethodPost, probe+"/emit?count=3", "", nil); r.Status != http.StatusOK {
		t.Fatalf("emit: %d %s", r.Status, r.Body)
	}
	eventually(t, 20*time.Second, "3 events delivered", func() bool {
		got := do(t, http.MethodGet, probe+"/received", "", nil).json(t)["distinct"].(float64)
		return got >= before+3
	})
}

// State saved with a TTL reads back, then disappears once the TTL passes.
func TestStateRoundTripWithTTL(t *testing.T) {
	probe := suite.URL("probe")
	key := fmt.Sprintf("ttl-%d", time.Now().UnixNano())
	if r := do(t, http.MethodPut, probe+"/state/"+key+"?ttl=2", `{"hello":"world"}`, nil); r.Status != http.StatusNoContent {
		t.Fatalf("save: %d %s", r.Status, r.Body)
	}
	r := do(t, http.MethodGet, probe+"/state/"+key, "", nil)
	if r.Status != http.StatusOK || string(r.Body) != `{"hello":"world"}` {
		t.Fatalf("read back: %d %s", r.Status, r.Body)
	}
	eventually(t, 15*time.Second, "the value to expire", func() bool {
		return do(t, http.MethodGet, probe+"/state/"+key, "", nil).Status == http.StatusNotFound
	})
}

// Killing the app while its relay is publishing loses no event: what was
// committed to the outbox is published after the restart, and consumers
// see every event exactly once (duplicates are absorbed by the inbox).
func TestOutboxRelayKilledMidwayLosesNothing(t *testing.T) {
	probe := suite.URL("probe")
	before := do(t, http.MethodGet, probe+"/received", "", nil).json(t)["distinct"].(float64)
	const n = 3000
	if r := do(t, http.MethodPost, probe+fmt.Sprintf("/emit?count=%d", n), "", nil); r.Status != http.StatusOK {
		t.Fatalf("emit: %d %s", r.Status, r.Body)
	}
	var pending float64
	eventually(t, 30*time.Second, "the relay to start publishing", func() bool {
		st := do(t, http.MethodGet, probe+"/outbox", "", nil).json(t)
		pending = st["pending"].(float64)
		return pending < n
	})
	if err := suite.Kill("probe"); err != nil {
		t.Fatal(err)
	}
	t.Logf("killed the probe with %v of %d events still pending", pending, n)
	if pending == 0 {
		t.Log("the relay finished before the kill; the restart path below still runs")
	}
	if err := suite.StartApp(t.Context(), "probe"); err != nil {
		t.Fatal(err)
	}
	var final map[string]any
	defer func() {
		if t.Failed() {
			t.Logf("received before the emit %v, at the end %v; outbox %s", before, final,
				do(t, http.MethodGet, probe+"/outbox", "", nil).Body)
		}
	}()
	eventually(t, 90*time.Second, fmt.Sprintf("all %d events delivered after the restart", n), func() bool {
		final = do(t, http.MethodGet, probe+"/received", "", nil).json(t)
		return final["distinct"].(float64) >= before+n
	})
	if st := do(t, http.MethodGet, probe+"/outbox", "", nil).json(t); st["pending"].(float64) != 0 {
		t.Fatalf("outbox still has pending events: %v", st)
	}
	t.Logf("deliveries %v for %v distinct events", final["deliveries"], final["distinct"])
}
