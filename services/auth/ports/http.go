// Package ports is the auth service's HTTP surface: the public token and
// session endpoints (reached through the gateway under the same paths),
// the JWKS and discovery documents, and the internal endpoints other
// services call through Dapr.
package ports

import (
	"log/slog"
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/taskrocket/taskrocket/services/auth/app"
	"github.com/taskrocket/taskrocket/services/platform/apperr"
	"github.com/taskrocket/taskrocket/services/platform/authn"
	"github.com/taskrocket/taskrocket/services/platform/daprx"
	"github.com/taskrocket/taskrocket/services/platform/httpserver"
)

// Options configure the HTTP surface.
type Options struct {
	App       *app.Application
	Verifier  *authn.Verifier // verifies access tokens with the app's own keys
	AppToken  string          // APP_API_TOKEN: the sidecar's proof on internal calls
	PublicURL string          // base URL clients reach the gateway at
	OpenAPI   []byte          // the service's OpenAPI document (YAML)
	Log       *slog.Logger
}

// HTTP handles the auth service's requests.
type HTTP struct {
	app       *app.Application
	log       *slog.Logger
	publicURL string
}

// Register adds every route of the service to r.
func Register(r gin.IRouter, o Options) error {
	if err := httpserver.ServeOpenAPI(r, o.OpenAPI); err != nil {
		return err
	}
	h := &HTTP{app: o.App, log: o.Log, publicURL: o.PublicURL}

	r.GET("/.well-known/jwks.json", h.jwks)
	r.GET("/.well-known/openid-configuration", h.discovery)

	public := r.Group("/api/v1/auth")
	public.POST("/refresh", h.refresh)
	signedIn := public.Group("", authn.Require(o.Verifier))
	signedIn.POST("/logout", h.logout)
	active := signedIn.Group("", h.requireActiveSession)
	active.POST("/logout-all", h.logoutAll)
	active.GET("/sessions", h.listSessions)
	active.DELETE("/sessions/:id", h.deleteSession)

	internal := r.Group("/internal", daprx.RequireAppToken(o.AppToken))
	internal.POST("/sessions", h.mintSession)
	internal.POST("/sessions/revoke", h.revokeUserSessions)
	internal.GET("/sessions/:id", h.sessionState)
	internal.POST("/keys/rotate", h.rotateKeys)
	return nil
}

// caller is the authenticated user of the request (set by authn.Require).
func caller(c *gin.Context) app.Caller {
	p, _ := authn.PrincipalFrom(c)
	return app.Caller{UserID: p.UserID, SessionID: p.SessionID}
}

// requireActiveSession refuses access tokens of signed-out logins at once,
// instead of when they expire.
func (h *HTTP) requireActiveSession(c *gin.Context) {
	if err := h.app.RequireActive(c.Request.Context(), caller(c)); err != nil {
		h.fail(c, err)
		return
	}
	c.Next()
}

func (h *HTTP) fail(c *gin.Context, err error) {
	if status, _ := apperr.HTTP(err); status == http.StatusUnauthorized {
		c.Header("WWW-Authenticate", `Bearer realm="taskrocket"`)
	}
	httpserver.Fail(c, h.log, err)
}
