package domain

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"strings"
	"time"

	"github.com/taskrocket/taskrocket/services/platform/apperr"
)

// A feed token is the secret in a user's iCal feed URL: calendar apps
// cannot send a bearer token, so the URL itself is the credential. Only
// its SHA-256 is stored; the token is shown once, when created, and can
// be revoked.
const feedTokenPrefix = "trcal_"

// MaxFeedTokens is how many unrevoked feed tokens a user may hold.
const MaxFeedTokens = 10

var (
	ErrFeedTokenInvalid  = apperr.NotFound("feed_not_found", "no such calendar feed")
	ErrFeedTokenNotFound = apperr.NotFound("feed_token_not_found", "no such feed token")
	ErrTooManyFeedTokens = apperr.Conflict("too_many_feed_tokens", "revoke a feed token before creating another")
)

// FeedToken is a feed token as stored: never the token itself.
type FeedToken struct {
	ID         string
	UserID     string
	Name       string
	Hash       []byte
	CreatedAt  time.Time
	LastUsedAt *time.Time
	RevokedAt  *time.Time
}

// NewFeedToken returns a new random token and its hash.
func NewFeedToken() (token string, hash []byte) {
	b := make([]byte, 32)
	_, _ = rand.Read(b) // crypto/rand.Read never fails
	token = feedTokenPrefix + base64.RawURLEncoding.EncodeToString(b)
	return token, HashFeedToken(token)
}

// HashFeedToken is the stored form of a token; a string that cannot be a
// token hashes to nil.
func HashFeedToken(token string) []byte {
	if !strings.HasPrefix(token, feedTokenPrefix) || len(token) != len(feedTokenPrefix)+43 {
		return nil
	}
	h := sha256.Sum256([]byte(token))
	return h[:]
}
