package ports

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/taskrocket/taskrocket/services/auth/domain"
	"github.com/taskrocket/taskrocket/services/contracts"
	"github.com/taskrocket/taskrocket/services/platform/httpserver"
)

// Internal endpoints: reachable only through the sidecar (APP_API_TOKEN),
// and the Dapr access policy names which apps may call them.

func (h *HTTP) mintSession(c *gin.Context) {
	noStore(c)
	var req mintSessionRequest
	if err := httpserver.BindJSON(c, &req); err != nil {
		h.fail(c, err)
		return
	}
	tokens, err := h.app.Mint(c.Request.Context(), domain.Login{
		UserID: req.UserID, Username: req.Username, UserAgent: req.UserAgent, ClientIP: req.ClientIP,
	})
	if err != nil {
		h.fail(c, err)
		return
	}
	c.JSON(http.StatusCreated, tokenPair(tokens))
}

func (h *HTTP) revokeUserSessions(c *gin.Context) {
	var req revokeUserSessionsRequest
	if err := httpserver.BindJSON(c, &req); err != nil {
		h.fail(c, err)
		return
	}
	reason, err := domain.ParseRevocationReason(req.Reason)
	if err == nil {
		err = h.app.RevokeUser(c.Request.Context(), req.UserID, req.ExceptSessionID, reason)
	}
	if err != nil {
		h.fail(c, err)
		return
	}
	c.Status(http.StatusNoContent)
}

func (h *HTTP) sessionState(c *gin.Context) {
	st, err := h.app.SessionState(c.Request.Context(), c.Param("id"))
	if err != nil {
		h.fail(c, err)
		return
	}
	c.JSON(http.StatusOK, contracts.SessionState{
		SessionID: st.ID, UserID: st.UserID, Active: st.Active, ExpiresAt: st.ExpiresAt.UTC(),
	})
}

func (h *HTTP) rotateKeys(c *gin.Context) {
	kid, err := h.app.Keys().Rotate(c.Request.Context())
	if err != nil {
		h.fail(c, err)
		return
	}
	c.JSON(http.StatusOK, rotateKeysResponse{Kid: kid})
}
