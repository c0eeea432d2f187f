package main

import (
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func builtUI(t testing.TB) string {
	t.Helper()
	dir := t.TempDir()
	for name, body := range map[string]string{
		"index.html":            `<!doctype html><html><body><app-root></app-root></body></html>`,
		"main-4XK2Q7.js":        `console.log("app")`,
		"assets/logo.svg":       `<svg/>`,
		"favicon.ico":           "icon",
		"assets/sub/readme.txt": "nested",
	} {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func get(t *testing.T, url string) (*http.Response, string) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp, string(b)
}

// The UI's files, its client-side routes (reloaded or bookmarked), and the
// API beside it: API paths never fall back to the UI's entry page.
func TestUIServedBesideTheAPI(t *testing.T) {
	t.Parallel()
	g := newGatewayWithUI(t, 0, builtUI(t))

	for _, tc := range []struct {
		path, want, cache string
	}{
		{"/", "<app-root>", "no-cache"},
		{"/projects/p1/tasks", "<app-root>", "no-cache"},
		{"/main-4XK2Q7.js", `console.log("app")`, "immutable"},
		{"/assets/logo.svg", "<svg/>", "immutable"},
		{"/favicon.ico", "icon", ""},
	} {
		resp, body := get(t, g.srv.URL+tc.path)
		if resp.StatusCode != http.StatusOK || !strings.Contains(body, tc.want) {
			t.Errorf("GET %s: %d %q, want %q", tc.path, resp.StatusCode, body, tc.want)
		}
		if cc := resp.Header.Get("Cache-Control"); !strings.Contains(cc, tc.cache) || (tc.cache == "" && cc != "") {
			t.Errorf("GET %s: Cache-Control %q, want %q", tc.path, cc, tc.cache)
		}
	}

	// A path climbing out of the UI's folder is refused.
	if resp, body := get(t, g.srv.URL+"/../../etc/passwd"); resp.StatusCode != http.StatusBadRequest || strings.Contains(body, "root:") {
		t.Errorf("GET /../../etc/passwd: %d %q, want 400", resp.StatusCode, body)
	}

	// An API read goes to the service, not to index.html.
	resp, body := g.do(t, http.MethodGet, "/api/v1/projects/p1/tasks", g.token(t, "s1"), nil)
	if resp.StatusCode != http.StatusOK || body["app"] != "tasks" {
		t.Fatalf("GET API with a UI: %d %v, want the tasks service's answer", resp.StatusCode, body)
	}
	// Unknown API paths and well-known documents stay JSON errors.
	resp, body = g.do(t, http.MethodGet, "/api/v1/nowhere", g.token(t, "s1"), nil)
	if resp.StatusCode != http.StatusNotFound || code(body) != "route_not_found" {
		t.Fatalf("GET unknown API path with a UI: %d %v, want 404 route_not_found", resp.StatusCode, body)
	}
	// Writes outside the API are not the UI's.
	resp, body = g.do(t, http.MethodPost, "/projects", "", nil)
	if resp.StatusCode != http.StatusNotFound || code(body) != "route_not_found" {
		t.Fatalf("POST /projects: %d %v, want 404 route_not_found", resp.StatusCode, body)
	}
}

// Without a built UI, everything outside the API is a JSON 404.
func TestNoUIMeansNotFound(t *testing.T) {
	t.Parallel()
	g := newGateway(t, 0)
	resp, body := g.do(t, http.MethodGet, "/projects", "", nil)
	if resp.StatusCode != http.StatusNotFound || code(body) != "route_not_found" {
		t.Fatalf("GET /projects without a UI: %d %v, want 404 route_not_found", resp.StatusCode, body)
	}
}

// Dapr's own callbacks and the sidecar-only paths of an app are never the
// UI's: the gateway's sidecar asks /dapr/subscribe and /dapr/config at
// start and must get a JSON answer it understands, not index.html.
func TestDaprPathsNeverReachTheUI(t *testing.T) {
	t.Parallel()
	g := newGatewayWithUI(t, 0, builtUI(t))
	for _, path := range []string{"/dapr/subscribe", "/dapr/config", "/dapr/anything/else", "/actors/a/b/method/m",
		"/internal/x", "/events/y"} {
		resp, body := get(t, g.srv.URL+path)
		if resp.StatusCode != http.StatusNotFound || strings.Contains(body, "<app-root>") ||
			!strings.HasPrefix(resp.Header.Get("Content-Type"), "application/json") {
			t.Errorf("GET %s: %d %s %q, want a JSON 404", path, resp.StatusCode, resp.Header.Get("Content-Type"), body)
		}
	}
}
