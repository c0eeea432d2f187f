package authn

import (
	"sync"
	"time"
)

// A client sends the same access token with every request until it
// refreshes it, and checking its signature and claims is a noticeable
// share of a request's CPU (in the gateway and again in the service). So
// a verifier remembers the tokens it has accepted, by their exact text,
// and accepts them again without the signature check, for at most
// seenFor and never past their expiry (with the same leeway as Verify).
// A token whose signing key is withdrawn is refused again at most seenFor
// later.
const (
	seenFor    = time.Minute
	seenMax    = 10_000 // tokens remembered; beyond, the memory starts over
	expiryLeew = 30 * time.Second
)

type verifiedTokens struct {
	mu     sync.Mutex
	tokens map[string]seenToken
}

type seenToken struct {
	claims Claims
	until  time.Time
}

// get returns a copy of the claims of a token accepted before.
func (s *verifiedTokens) get(token string, now time.Time) (*Claims, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	t, ok := s.tokens[token]
	if !ok || !now.Before(t.until) {
		return nil, false
	}
	c := t.claims
	return &c, true
}

// put remembers an accepted token.
func (s *verifiedTokens) put(token string, c *Claims, now time.Time) {
	until := now.Add(seenFor)
	if c.ExpiresAt == nil {
		return
	}
	if exp := c.ExpiresAt.Add(expiryLeew); exp.Before(until) {
		until = exp
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.tokens == nil || len(s.tokens) >= seenMax {
		s.tokens = make(map[string]seenToken, 64)
	}
	s.tokens[token] = seenToken{claims: *c, until: until}
}
