package ports

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/taskrocket/taskrocket/services/platform/authn"
	"github.com/taskrocket/taskrocket/services/platform/httpserver"

	"github.com/taskrocket/taskrocket/services/users/app"
	"github.com/taskrocket/taskrocket/services/users/domain"
)

// caller returns the signed-in principal (authn.Require ran before).
func (h *HTTP) caller(c *gin.Context) (authn.Principal, bool) {
	p, ok := authn.PrincipalFrom(c)
	if !ok {
		httpserver.Fail(c, h.opts.Log, authn.ErrTokenMissing)
	}
	return p, ok
}

func (h *HTTP) getMe(c *gin.Context) {
	p, ok := h.caller(c)
	if !ok {
		return
	}
	u, err := h.app.Profile(c.Request.Context(), p.UserID)
	if err != nil {
		httpserver.Fail(c, h.opts.Log, err)
		return
	}
	c.JSON(http.StatusOK, toProfile(u))
}

func (h *HTTP) updateMe(c *gin.Context) {
	p, ok := h.caller(c)
	if !ok {
		return
	}
	var req updateProfileRequest
	if err := httpserver.BindJSON(c, &req); err != nil {
		httpserver.Fail(c, h.opts.Log, err)
		return
	}
	u, err := h.app.UpdateProfile(c.Request.Context(), p.UserID, domain.ProfilePatch{
		DisplayName: req.DisplayName, Timezone: req.Timezone, Locale: req.Locale, AvatarURL: req.AvatarURL,
	})
	if err != nil {
		httpserver.Fail(c, h.opts.Log, err)
		return
	}
	c.JSON(http.StatusOK, toProfile(u))
}

func (h *HTTP) changePassword(c *gin.Context) {
	p, ok := h.caller(c)
	if !ok {
		return
	}
	var req changePasswordRequest
	if err := httpserver.BindJSON(c, &req); err != nil {
		httpserver.Fail(c, h.opts.Log, err)
		return
	}
	err := h.app.ChangePassword(c.Request.Context(), app.PasswordChange{
		UserID: p.UserID, SessionID: p.SessionID, ClientIP: clientIP(c.Request),
		CurrentPassword: req.CurrentPassword, NewPassword: req.NewPassword,
	})
	if err != nil {
		httpserver.Fail(c, h.opts.Log, err)
		return
	}
	c.Status(http.StatusNoContent)
}

func (h *HTTP) deleteMe(c *gin.Context) {
	p, ok := h.caller(c)
	if !ok {
		return
	}
	var req deleteAccountRequest
	if err := httpserver.BindJSON(c, &req); err != nil {
		httpserver.Fail(c, h.opts.Log, err)
		return
	}
	if err := h.app.DeleteAccount(c.Request.Context(), p.UserID, clientIP(c.Request), req.Password); err != nil {
		httpserver.Fail(c, h.opts.Log, err)
		return
	}
	c.Status(http.StatusNoContent)
}
