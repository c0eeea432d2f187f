package ports_test

import (
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"errors"
	"sync"
	"time"

	"github.com/golang-jwt/jwt/v5"
	"github.com/google/uuid"

	"github.com/taskrocket/taskrocket/services/contracts"
	"github.com/taskrocket/taskrocket/services/platform/authn"
)

type staticJWKS []byte

func (s staticJWKS) FetchJWKS(context.Context) ([]byte, error) { return s, nil }

// clock is the service's time, moved by tests (the login window).
type clock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *clock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

// fakeAuth stands in for the auth service (app.Sessions).
type fakeAuth struct {
	key   ed25519.PrivateKey
	clock *clock

	mu      sync.Mutex
	minted  []contracts.MintSessionRequest
	revoked []contracts.RevokeUserSessionsRequest
	down    bool
}

func (f *fakeAuth) Mint(_ context.Context, req contracts.MintSessionRequest) (contracts.TokenPair, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.down {
		return contracts.TokenPair{}, errors.New("auth: connection refused")
	}
	f.minted = append(f.minted, req)
	sid := uuid.NewString()
	return contracts.TokenPair{
		AccessToken: f.token(req.UserID, req.Username, sid), TokenType: "Bearer", ExpiresIn: 900,
		RefreshToken: rand.Text(), RefreshExpiresIn: 30 * 24 * 3600, SessionID: sid,
	}, nil
}

func (f *fakeAuth) RevokeUserSessions(_ context.Context, req contracts.RevokeUserSessionsRequest) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.down {
		return errors.New("auth: connection refused")
	}
	f.revoked = append(f.revoked, req)
	return nil
}

func (f *fakeAuth) setDown(down bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.down = down
}

func (f *fakeAuth) revocations() []contracts.RevokeUserSessionsRequest {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]contracts.RevokeUserSessionsRequest(nil), f.revoked...)
}

func (f *fakeAuth) mints() []contracts.MintSessionRequest {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]contracts.MintSessionRequest(nil), f.minted...)
}

// token signs an access token as the auth service would. Its times are
// real ones: the verifier checks them against the wall clock.
func (f *fakeAuth) token(userID, username, sid string) string {
	now := time.Now()
	tok := jwt.NewWithClaims(jwt.SigningMethodEdDSA, authn.Claims{
		RegisteredClaims: jwt.RegisteredClaims{
			Issuer: issuer, Subject: userID, Audience: jwt.ClaimStrings{audience}, ID: uuid.NewString(),
			IssuedAt: jwt.NewNumericDate(now), ExpiresAt: jwt.NewNumericDate(now.Add(15 * time.Minute)),
		},
		SessionID: sid, Username: username,
	})
	tok.Header["typ"] = authn.AccessTokenType
	tok.Header["kid"] = keyID
	s, err := tok.SignedString(f.key)
	if err != nil {
		panic(err)
	}
	return s
}
