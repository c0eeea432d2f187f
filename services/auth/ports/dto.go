package ports

import (
	"time"

	"github.com/taskrocket/taskrocket/services/auth/app"
	"github.com/taskrocket/taskrocket/services/contracts"
)

// Request bodies. The internal ones mirror services/contracts (same JSON
// names) and add validation.

type refreshRequest struct {
	RefreshToken string `json:"refreshToken" binding:"required,max=256"`
}

type mintSessionRequest struct {
	UserID    string `json:"userId" binding:"required,max=128"`
	Username  string `json:"username" binding:"required,max=128"`
	UserAgent string `json:"userAgent" binding:"max=2048"`
	ClientIP  string `json:"clientIp" binding:"max=256"`
}

type revokeUserSessionsRequest struct {
	UserID          string `json:"userId" binding:"required,max=128"`
	ExceptSessionID string `json:"exceptSessionId" binding:"max=128"`
	Reason          string `json:"reason" binding:"required"`
}

// Response bodies.

type sessionDTO struct {
	ID         string    `json:"id"`
	UserAgent  string    `json:"userAgent"`
	ClientIP   string    `json:"clientIp"`
	CreatedAt  time.Time `json:"createdAt"`
	LastUsedAt time.Time `json:"lastUsedAt"`
	Current    bool      `json:"current"`
}

type sessionsResponse struct {
	Sessions []sessionDTO `json:"sessions"`
}

type rotateKeysResponse struct {
	Kid string `json:"kid"`
}

func tokenPair(t app.Tokens) contracts.TokenPair {
	return contracts.TokenPair{
		AccessToken:      t.AccessToken,
		TokenType:        "Bearer",
		ExpiresIn:        int(t.AccessExpiresIn.Seconds()),
		RefreshToken:     t.RefreshToken,
		RefreshExpiresIn: int(t.RefreshExpiresIn.Seconds()),
		SessionID:        t.SessionID,
	}
}

func toSessionDTOs(views []app.SessionView) sessionsResponse {
	out := sessionsResponse{Sessions: make([]sessionDTO, 0, len(views))}
	for _, v := range views {
		out.Sessions = append(out.Sessions, sessionDTO{
			ID: v.ID, UserAgent: v.UserAgent, ClientIP: v.ClientIP,
			CreatedAt: v.CreatedAt.UTC(), LastUsedAt: v.LastUsedAt.UTC(), Current: v.Current,
		})
	}
	return out
}
