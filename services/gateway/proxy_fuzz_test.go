package main

import (
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/taskrocket/taskrocket/services/platform/apitest"
	"github.com/taskrocket/taskrocket/services/platform/authn"
)

// FuzzGatewayRouting sends arbitrary methods, paths, queries and bodies
// through the gateway (edge middleware, routing, token check, proxying to
// a fake sidecar, the UI fallback): no answer may be a server error, every
// refusal has the error shape, and whatever reaches the sidecar is an
// invocation of the app the route table names for the path, of a method
// under /api/v1 or /.well-known, without dot segments that a server could
// resolve to another resource (an app's /internal routes). The seed corpus
// is in testdata/fuzz/FuzzGatewayRouting; `make fuzz` explores further.
func FuzzGatewayRouting(f *testing.F) {
	g := newGatewayWithUI(f, 0, builtUI(f))
	router := newRouter(routeTable())
	fz := apitest.FuzzEnv{Handler: overHTTP(g.srv.URL), Token: g.token(f, "s1")}
	f.Fuzz(func(t *testing.T, method uint8, target string, body []byte, auth uint8) {
		g.sidecar.mu.Lock()
		before := len(g.sidecar.calls)
		g.sidecar.mu.Unlock()
		fz.Serve(t, method, target, body, auth)
		g.sidecar.mu.Lock()
		calls := append([]*http.Request(nil), g.sidecar.calls[before:]...)
		g.sidecar.mu.Unlock()
		for _, c := range calls {
			app, forwarded, _ := strings.Cut(strings.TrimPrefix(c.URL.EscapedPath(), "/v1.0/invoke/"), "/method/")
			if app == "auth" && (forwarded == strings.TrimPrefix(authn.JWKSPath, "/") || strings.HasPrefix(forwarded, "internal/sessions/")) {
				continue // the gateway's own token and session checks
			}
			if !strings.HasPrefix(forwarded, "api/v1/") && !strings.HasPrefix(forwarded, ".well-known/") {
				t.Fatalf("%s reached %s method %q", target, app, forwarded)
			}
			if rt, ok := router.match(c.Method, "/"+forwarded); !ok || rt.app != app {
				t.Fatalf("%s reached %s, the route table says %+v", target, app, rt)
			}
			for seg := range strings.SplitSeq(strings.ToLower(forwarded), "/") {
				if seg == "." || seg == ".." || strings.Trim(strings.ReplaceAll(seg, "%2e", "."), ".") == "" && seg != "" {
					t.Fatalf("%s reached %s with a dot segment: %q", target, app, forwarded)
				}
			}
		}
	})
}

// overHTTP sends each request to the gateway's real server with its
// target exactly as written (the reverse proxy needs a real connection),
// and copies the answer back.
func overHTTP(base string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		out, err := http.NewRequestWithContext(r.Context(), r.Method, base, r.Body)
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadGateway)
			return
		}
		out.URL.Opaque, out.URL.RawQuery, _ = strings.Cut(r.RequestURI, "?")
		out.Header = r.Header.Clone()
		resp, err := http.DefaultTransport.RoundTrip(out)
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadGateway)
			return
		}
		defer resp.Body.Close()
		for k, v := range resp.Header {
			w.Header()[k] = v
		}
		w.WriteHeader(resp.StatusCode)
		_, _ = io.Copy(w, resp.Body)
	})
}
