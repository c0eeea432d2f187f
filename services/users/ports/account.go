package ports

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/taskrocket/taskrocket/services/platform/apperr"
	"github.com/taskrocket/taskrocket/services/platform/httpserver"

	"github.com/taskrocket/taskrocket/services/users/app"
	"github.com/taskrocket/taskrocket/services/users/domain"
)

func (h *HTTP) signUp(c *gin.Context) {
	var req signUpRequest
	if err := httpserver.BindJSON(c, &req); err != nil {
		httpserver.Fail(c, h.opts.Log, err)
		return
	}
	res, err := h.app.SignUp(c.Request.Context(), app.SignUpRequest{
		Registration: domain.Registration{
			Email: req.Email, Username: req.Username, DisplayName: req.DisplayName,
			Password: req.Password, Timezone: req.Timezone, Locale: req.Locale,
		},
		UserAgent: truncate(c.Request.UserAgent(), 512), ClientIP: clientIP(c.Request), SignIn: req.SignIn,
	})
	if err != nil {
		httpserver.Fail(c, h.opts.Log, err)
		return
	}
	body := signUpResponse{User: toProfile(res.User), Session: res.Tokens}
	if res.SessionErr != nil {
		_, e := apperr.HTTP(res.SessionErr)
		body.SessionError = &e.Error
	}
	if req.SignIn {
		c.Header("Cache-Control", "no-store") // tokens (RFC 6749 §5.1)
	}
	c.JSON(http.StatusCreated, body)
}

func (h *HTTP) login(c *gin.Context) {
	var req loginRequest
	if err := httpserver.BindJSON(c, &req); err != nil {
		httpserver.Fail(c, h.opts.Log, err)
		return
	}
	res, err := h.app.Login(c.Request.Context(), app.LoginRequest{
		Login: req.Login, Password: req.Password,
		UserAgent: truncate(c.Request.UserAgent(), 512), ClientIP: clientIP(c.Request),
	})
	if err != nil {
		httpserver.Fail(c, h.opts.Log, err)
		return
	}
	c.Header("Cache-Control", "no-store") // tokens (RFC 6749 §5.1)
	c.JSON(http.StatusOK, loginResponse{TokenPair: res.Tokens, User: toProfile(res.User)})
}

// truncate cuts s to at most n bytes without splitting a character.
func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && s[n]&0xc0 == 0x80 {
		n--
	}
	return s[:n]
}
