package e2e

import (
	"context"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// uiDist is the built UI the gateway serves (dapr/dapr.yaml points
// GATEWAY_UI_DIR at it); `make ui` builds it.
func uiDist(t *testing.T) string {
	t.Helper()
	dir, err := filepath.Abs(filepath.Join("..", "ui", "dist", "taskrocket", "browser"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, "index.html")); err != nil {
		t.Fatalf("the UI is not built (%v): run `make ui` (make test-e2e does)", err)
	}
	return dir
}

// The gateway serves the UI: its entry page at / and at any client-side
// route, so a bookmarked or reloaded page opens; the API stays the API.
func TestGatewayServesTheUI(t *testing.T) {
	uiDist(t)
	for _, path := range []string{"/", "/login", "/projects/0b6c3a52-4b8e-4c3f-9d2a-1f0e8c7b6a59"} {
		r := do(t, http.MethodGet, suite.URL("gateway")+path, "", nil)
		if r.Status != http.StatusOK || !strings.Contains(string(r.Body), "<tr-root") {
			t.Fatalf("GET %s: HTTP %d, want the UI's entry page; body %.200q", path, r.Status, r.Body)
		}
	}
	r := do(t, http.MethodGet, suite.URL("gateway")+"/api/v1/no-such-thing", "", nil)
	if r.Status != http.StatusNotFound || r.errorCode(t) == "" {
		t.Fatalf("unknown API path: HTTP %d %q, want a 404 JSON error", r.Status, r.Body)
	}
}

// The user flows in a real browser (Debian's Chromium, driven by
// ui/e2e/run.mjs) against this stack's gateway: axe-core on every screen,
// screenshots and axe results in ui/e2e/out.
func TestBrowserFlows(t *testing.T) {
	uiDist(t)
	if _, err := os.Stat("/usr/bin/chromium"); err != nil {
		t.Fatal("Chromium is not installed: apt-get install -y chromium (.ci/run does)")
	}
	ctx, cancel := context.WithTimeout(t.Context(), 12*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, "npm", "--prefix", filepath.Join("..", "ui"), "run", "--silent", "e2e")
	cmd.Env = append(os.Environ(), "BASE_URL="+suite.URL("gateway"), "MAILPIT_URL="+suite.MailpitURL())
	out, err := cmd.CombinedOutput()
	t.Logf("ui/e2e/run.mjs:\n%s", out)
	if err != nil {
		t.Fatalf("browser flows failed: %v (screenshots and axe results in ui/e2e/out)", err)
	}
}
