package authn

import (
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/taskrocket/taskrocket/services/platform/apperr"
	"github.com/taskrocket/taskrocket/services/platform/logging"
)

// Principal is the authenticated caller of a request.
type Principal struct {
	UserID    string
	SessionID string
	TokenID   string
	Username  string
}

const principalKey = "taskrocket.principal"

// Require rejects requests without a valid bearer access token and makes
// the caller available through PrincipalFrom.
func Require(v *Verifier) gin.HandlerFunc {
	return func(c *gin.Context) {
		token, ok := bearer(c.GetHeader("Authorization"))
		if !ok {
			abort(c, ErrTokenMissing)
			return
		}
		claims, err := v.Verify(c.Request.Context(), token)
		if err != nil {
			abort(c, err)
			return
		}
		p := Principal{UserID: claims.Subject, SessionID: claims.SessionID, TokenID: claims.ID, Username: claims.Username}
		c.Set(principalKey, p)
		c.Request = c.Request.WithContext(logging.WithUserID(c.Request.Context(), p.UserID))
		c.Next()
	}
}

// PrincipalFrom returns the caller set by Require.
func PrincipalFrom(c *gin.Context) (Principal, bool) {
	p, ok := c.Get(principalKey)
	if !ok {
		return Principal{}, false
	}
	pr, ok := p.(Principal)
	return pr, ok
}

func bearer(header string) (string, bool) {
	scheme, token, ok := strings.Cut(header, " ")
	if !ok || !strings.EqualFold(scheme, "Bearer") || strings.TrimSpace(token) == "" {
		return "", false
	}
	return strings.TrimSpace(token), true
}

func abort(c *gin.Context, err error) {
	status, body := apperr.HTTP(err)
	if status == 401 {
		c.Header("WWW-Authenticate", `Bearer realm="taskrocket"`)
	}
	c.AbortWithStatusJSON(status, body)
}
