package main

import (
	"net/http"
	"os"
	"path/filepath"
	"strings"

	"github.com/gin-gonic/gin"
)

// serveUI serves the built single-page app from dir: files as they are,
// every other non-API path as index.html so client-side routes survive a
// reload. Without a built UI, non-API paths answer 404.
func serveUI(dir string) gin.HandlerFunc {
	index := filepath.Join(dir, "index.html")
	files := http.FileServer(http.Dir(dir))
	return func(c *gin.Context) {
		if c.Request.Method != http.MethodGet && c.Request.Method != http.MethodHead {
			c.Next()
			return
		}
		clean := filepath.Clean("/" + c.Request.URL.Path)
		if st, err := os.Stat(filepath.Join(dir, clean)); err == nil && !st.IsDir() {
			if strings.HasPrefix(clean, "/assets/") || strings.Contains(filepath.Base(clean), "-") {
				c.Header("Cache-Control", "public, max-age=31536000, immutable")
			}
			files.ServeHTTP(c.Writer, c.Request)
			c.Abort()
			return
		}
		if _, err := os.Stat(index); err == nil {
			c.Header("Cache-Control", "no-cache")
			c.File(index)
			c.Abort()
			return
		}
		c.Next()
	}
}
