// Package ports is the HTTP interface of the users service: the public API
// the gateway forwards (/api/v1/...), the internal lookups other services
// reach through Dapr (/internal/...) and the OpenAPI document.
package ports

import (
	"net"
	"net/http"
	"net/netip"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/taskrocket/taskrocket/services/platform/authn"
	"github.com/taskrocket/taskrocket/services/platform/daprx"
	"github.com/taskrocket/taskrocket/services/platform/httpserver"
	"github.com/taskrocket/taskrocket/services/platform/service"

	"github.com/taskrocket/taskrocket/services/users/app"
)

// Options are the HTTP layer's dependencies.
type Options = service.PortOptions

// HTTP serves the users API.
type HTTP struct {
	app  *app.App
	opts Options
}

// Register adds the service's routes to e.
func Register(e *gin.Engine, a *app.App, opts Options) error {
	h := &HTTP{app: a, opts: opts}
	if err := httpserver.ServeOpenAPI(e, opts.OpenAPI); err != nil {
		return err
	}

	api := e.Group("/api/v1")
	api.POST("/users", h.signUp)
	api.POST("/auth/login", h.login)

	signedIn := api.Group("", authn.Require(opts.Verifier))
	signedIn.GET("/me", h.getMe)
	signedIn.PATCH("/me", h.updateMe)
	signedIn.DELETE("/me", h.deleteMe)
	signedIn.POST("/me/password", h.changePassword)
	signedIn.GET("/users/:username", h.publicUser)

	internal := e.Group("/internal/users", daprx.RequireAppToken(opts.AppToken))
	internal.GET("/by-username/:username", h.internalByUsername)
	internal.GET("/by-email/:email", h.internalByEmail)
	internal.GET("/:id", h.internalByID)
	internal.POST("/lookup", h.internalLookup)
	return nil
}

// clientIP is the address the request came from: the first
// X-Forwarded-For entry, which the gateway sets (replacing whatever the
// client sent) before the request travels through the sidecars, else the
// peer address.
func clientIP(r *http.Request) string {
	if xff := r.Header.Get("X-Forwarded-For"); xff != "" {
		first, _, _ := strings.Cut(xff, ",")
		if addr, err := netip.ParseAddr(strings.TrimSpace(first)); err == nil {
			return addr.Unmap().String()
		}
	}
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		host = r.RemoteAddr
	}
	if addr, err := netip.ParseAddr(host); err == nil {
		return addr.Unmap().String()
	}
	return host
}
