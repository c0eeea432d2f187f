package app

import (
	"fmt"
	"time"

	"github.com/golang-jwt/jwt/v5"
	"github.com/google/uuid"

	"github.com/taskrocket/taskrocket/services/auth/domain"
	"github.com/taskrocket/taskrocket/services/platform/authn"
)

// Tokens is what a login or a refresh hands to the client.
type Tokens struct {
	AccessToken      string
	AccessExpiresIn  time.Duration
	RefreshToken     string
	RefreshExpiresIn time.Duration
	SessionID        string
}

// issue signs an access token for session s and pairs it with the
// session's current refresh token (given in clear, as just generated).
func (a *Application) issue(s domain.Session, refreshSecret string, now time.Time) (Tokens, error) {
	key, err := a.keys.Signer()
	if err != nil {
		return Tokens{}, err
	}
	exp := s.AccessExpiry(now, a.opts.Lifetimes)
	claims := authn.Claims{
		RegisteredClaims: jwt.RegisteredClaims{
			Issuer:    a.opts.Issuer,
			Subject:   s.UserID,
			Audience:  jwt.ClaimStrings{a.opts.Audience},
			ExpiresAt: jwt.NewNumericDate(exp),
			NotBefore: jwt.NewNumericDate(now),
			IssuedAt:  jwt.NewNumericDate(now),
			ID:        uuid.NewString(),
		},
		SessionID: s.ID,
		Username:  s.Username,
	}
	tok := jwt.NewWithClaims(jwt.SigningMethodEdDSA, claims)
	tok.Header["typ"] = authn.AccessTokenType
	tok.Header["kid"] = key.ID
	signed, err := tok.SignedString(key.PrivateKey())
	if err != nil {
		return Tokens{}, fmt.Errorf("sign access token: %w", err)
	}
	return Tokens{
		AccessToken:      signed,
		AccessExpiresIn:  exp.Sub(now),
		RefreshToken:     refreshSecret,
		RefreshExpiresIn: s.ExpiresAt.Sub(now),
		SessionID:        s.ID,
	}, nil
}
