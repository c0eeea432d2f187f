package ports_test

import (
	"context"
	"crypto/rand"
	"errors"
	"sync"

	"github.com/google/uuid"

	"github.com/taskrocket/taskrocket/services/contracts"
	"github.com/taskrocket/taskrocket/services/platform/authntest"
	"github.com/taskrocket/taskrocket/services/platform/clocktest"
)

// fakeAuth stands in for the auth service (app.Sessions).
type fakeAuth struct {
	tokens *authntest.Tokens
	clock  *clocktest.Clock

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

// token signs an access token as the auth service would.
func (f *fakeAuth) token(userID, username, sid string) string {
	return f.tokens.Mint(userID, sid, username)
}
