package main

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers/gorillamux"

	"github.com/taskrocket/taskrocket/services/platform/httpserver"
)

// The gateway's document is valid, lists exactly the endpoints the gateway
// answers itself, and describes what they really return.
func TestOpenAPIDocumentMatchesResponses(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	doc, err := openapi3.NewLoader().LoadFromData(openAPIDocument)
	if err != nil {
		t.Fatal(err)
	}
	if err := doc.Validate(ctx); err != nil {
		t.Fatalf("invalid OpenAPI document: %v", err)
	}
	want := map[string]bool{"/api/v1/status": true, "/api/v1/openapi/{service}": true, "/openapi.json": true,
		"/api/v1/notifications/stream": true}
	for _, p := range doc.Paths.InMatchingOrder() {
		if !want[p] {
			t.Errorf("documented path %s is not answered by the gateway", p)
		}
		delete(want, p)
	}
	for p := range want {
		t.Errorf("gateway path %s is not documented", p)
	}

	g := newGateway(t, 0)
	g.sidecar.down["search"] = true
	sc := g.sidecarClient
	srv := httpserver.New(httpserver.Options{Service: "gateway", Addr: "127.0.0.1:0", Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	srv.Engine.GET("/api/v1/status", statusHandler(sc))
	srv.Engine.GET("/api/v1/openapi/:service", serviceOpenAPI(sc))
	if err := httpserver.ServeOpenAPI(srv.Engine, openAPIDocument); err != nil {
		t.Fatal(err)
	}
	router, err := gorillamux.NewRouter(doc)
	if err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{"/api/v1/status", "/api/v1/openapi/nope", "/api/v1/openapi/search", "/openapi.json"} {
		req := httptest.NewRequest(http.MethodGet, "http://127.0.0.1:8080"+path, nil)
		rec := httptest.NewRecorder()
		srv.Engine.ServeHTTP(rec, req)
		route, params, err := router.FindRoute(req)
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		in := &openapi3filter.RequestValidationInput{Request: req, PathParams: params, Route: route}
		out := &openapi3filter.ResponseValidationInput{RequestValidationInput: in, Status: rec.Code,
			Header: rec.Header(), Body: io.NopCloser(strings.NewReader(rec.Body.String()))}
		if err := openapi3filter.ValidateResponse(ctx, out); err != nil {
			t.Errorf("GET %s -> %d does not match the document: %v\n%s", path, rec.Code, err, rec.Body)
		}
	}
}
