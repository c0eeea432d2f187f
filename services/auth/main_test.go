package main

import (
	"encoding/json"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/goccy/go-yaml"

	"github.com/taskrocket/taskrocket/services/auth/adapters"
	"github.com/taskrocket/taskrocket/services/auth/app"
	platformconfig "github.com/taskrocket/taskrocket/services/platform/config"
	"github.com/taskrocket/taskrocket/services/platform/httpserver"
	"github.com/taskrocket/taskrocket/services/platform/metrics"
)

func loadConfig(t *testing.T, env map[string]string) config {
	t.Helper()
	var cfg config
	if err := platformconfig.LoadFrom(func(k string) (string, bool) { v, ok := env[k]; return v, ok }, "AUTH", &cfg); err != nil {
		t.Fatal(err)
	}
	return cfg
}

// server builds the service's HTTP surface as serve does, over memory.
func server(t *testing.T) *httpserver.Server {
	t.Helper()
	cfg := loadConfig(t, nil)
	log := slog.New(slog.DiscardHandler)
	store := adapters.NewMemoryStore(nil)
	a, err := app.New(cfg.options(log), store, store)
	if err != nil {
		t.Fatal(err)
	}
	srv := httpserver.New(httpserver.Options{Service: "auth", Addr: "127.0.0.1:0", Logger: log, Metrics: metrics.New("auth")})
	if err := cfg.register(srv, a, "token", log); err != nil {
		t.Fatal(err)
	}
	return srv
}

func TestConfigDefaultsAreValidAndLongAccessTokensRejected(t *testing.T) {
	t.Parallel()
	cfg := loadConfig(t, nil)
	if cfg.Port != 8102 || cfg.Auth.Issuer != "taskrocket" || cfg.Auth.Audience != "taskrocket-api" || cfg.PublicURL != "http://127.0.0.1:8080" {
		t.Fatalf("defaults %+v", cfg)
	}
	if err := cfg.options(nil).Validate(); err != nil {
		t.Fatalf("defaults rejected: %v", err)
	}
	long := loadConfig(t, map[string]string{"AUTH_ACCESS_TOKEN_TTL": "16m"})
	if err := long.options(nil).Validate(); err == nil || !strings.Contains(err.Error(), "15m") {
		t.Fatalf("AUTH_ACCESS_TOKEN_TTL=16m accepted: %v", err)
	}
}

type openAPIDoc struct {
	Paths map[string]map[string]any `yaml:"paths" json:"paths"`
}

var ginParam = regexp.MustCompile(`:([A-Za-z0-9_]+)`)

// Every route the service answers is documented, and every documented
// operation is served.
func TestOpenAPIDescribesExactlyTheRoutes(t *testing.T) {
	t.Parallel()
	var doc openAPIDoc
	if err := yaml.Unmarshal(openAPI, &doc); err != nil {
		t.Fatal(err)
	}
	var documented, served []string
	for path, ops := range doc.Paths {
		for method := range ops {
			documented = append(documented, strings.ToUpper(method)+" "+path)
		}
	}
	for _, r := range server(t).Engine.Routes() {
		served = append(served, r.Method+" "+ginParam.ReplaceAllString(r.Path, "{$1}"))
	}
	slices.Sort(documented)
	slices.Sort(served)
	for _, s := range served {
		if !slices.Contains(documented, s) {
			t.Errorf("route %s is not in openapi.yaml", s)
		}
	}
	for _, d := range documented {
		if !slices.Contains(served, d) {
			t.Errorf("openapi.yaml documents %s, which is not served", d)
		}
	}
}

func TestOpenAPIServedAsJSON(t *testing.T) {
	t.Parallel()
	rec := httptest.NewRecorder()
	server(t).Engine.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/openapi.json", nil))
	var doc struct {
		OpenAPI string         `json:"openapi"`
		Paths   map[string]any `json:"paths"`
	}
	if err := json.Unmarshal(rec.Body.Bytes(), &doc); err != nil || rec.Code != http.StatusOK {
		t.Fatalf("%d %v", rec.Code, err)
	}
	if doc.OpenAPI != "3.1.0" || doc.Paths["/api/v1/auth/refresh"] == nil || rec.Header().Get("Content-Type") != "application/json" {
		t.Fatalf("served document: openapi %q, %d paths, %s", doc.OpenAPI, len(doc.Paths), rec.Header().Get("Content-Type"))
	}
}
