package daprx

import (
	"crypto/subtle"
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/taskrocket/taskrocket/services/platform/apperr"
)

// RequireAppToken admits only requests that carry this app's APP_API_TOKEN
// in the dapr-api-token header, i.e. requests delivered by our own sidecar
// (service invocation, pub/sub deliveries, actor and binding callbacks).
// Without a configured token every request is refused: internal routes are
// never left open by omission.
func RequireAppToken(token string) gin.HandlerFunc {
	return func(c *gin.Context) {
		got := c.GetHeader("dapr-api-token")
		if token == "" || subtle.ConstantTimeCompare([]byte(got), []byte(token)) != 1 {
			status, body := apperr.HTTP(apperr.Unauthenticated("sidecar_token_required",
				"this endpoint is reachable only through the Dapr sidecar"))
			c.AbortWithStatusJSON(status, body)
			return
		}
		c.Next()
	}
}

// CallerAppID is the app id of the calling service, set by the sidecars on
// invocations ("" for requests that did not come through Dapr invocation).
func CallerAppID(r *http.Request) string {
	return r.Header.Get("dapr-caller-app-id")
}

// OnlyFrom admits only invocations made by one of the given apps (after
// RequireAppToken, which proves the sidecar delivered them; the sidecars
// set the caller's id under mTLS). Access policies already decide which
// apps may call; this keeps a route of one consumer, such as an export,
// from being reachable by the other callers, the gateway among them.
func OnlyFrom(appIDs ...string) gin.HandlerFunc {
	return func(c *gin.Context) {
		caller := CallerAppID(c.Request)
		for _, id := range appIDs {
			if caller == id {
				c.Next()
				return
			}
		}
		status, body := apperr.HTTP(apperr.Forbidden("caller_not_allowed", "this endpoint is not for the calling app"))
		c.AbortWithStatusJSON(status, body)
	}
}
