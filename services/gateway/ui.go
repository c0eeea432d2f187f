package main

import (
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/taskrocket/taskrocket/services/platform/apperr"
)

// uiHandler serves the built single-page app from dir: files as they are,
// every other GET or HEAD as index.html so client-side routes survive a
// reload. It reports false for what it does not serve (other methods, or
// no index.html in dir). The gateway asks it only for paths outside the API.
func uiHandler(dir string) func(*gin.Context) bool {
	index := filepath.Join(dir, "index.html")
	files := http.FileServer(http.Dir(dir))
	return func(c *gin.Context) bool {
		if c.Request.Method != http.MethodGet && c.Request.Method != http.MethodHead {
			return false
		}
		clean := filepath.Clean("/" + c.Request.URL.Path)
		if st, err := os.Stat(filepath.Join(dir, clean)); err == nil && !st.IsDir() {
			if strings.HasPrefix(clean, "/assets/") || strings.Contains(filepath.Base(clean), "-") {
				c.Header("Cache-Control", "public, max-age=31536000, immutable")
			}
			files.ServeHTTP(c.Writer, c.Request)
			return true
		}
		if _, err := os.Stat(index); err != nil {
			return false
		}
		c.Header("Cache-Control", "no-cache")
		c.File(index)
		return true
	}
}

// appOnlyPrefixes are the paths of an app that only its sidecar calls
// (Dapr's callbacks, actors, event deliveries, internal invocations). The
// gateway serves none of them, and they must never get the UI's page: its
// sidecar reads /dapr/subscribe and /dapr/config at start.
var appOnlyPrefixes = []string{"/dapr/", "/actors/", "/events/", "/internal/"}

// fallback handles what no route of the gateway's own matched: the API
// (/api/, /.well-known/) goes to api, anything else but the app-only
// paths to the UI when it serves it, else a 404 route_not_found.
func fallback(api gin.HandlerFunc, ui func(*gin.Context) bool) gin.HandlerFunc {
	return func(c *gin.Context) {
		p := c.Request.URL.Path
		appOnly := slices.ContainsFunc(appOnlyPrefixes, func(prefix string) bool {
			return strings.HasPrefix(p+"/", prefix)
		})
		switch {
		case strings.HasPrefix(p, "/api/") || strings.HasPrefix(p, "/.well-known/"):
			api(c)
		case !appOnly && ui != nil && ui(c):
		default:
			fail(c, apperr.NotFound("route_not_found", "no route for "+c.Request.Method+" "+p))
		}
	}
}
