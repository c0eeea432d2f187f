package domain

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"strings"
	"time"
)

// RefreshTokenPrefix makes refresh tokens recognisable (secret scanners,
// logs reviews) and tells them apart from access tokens at a glance.
const RefreshTokenPrefix = "trr_"

const refreshSecretBytes = 32

// RefreshToken is what the store keeps of one issued refresh token: never
// the token itself, only its SHA-256 hash.
type RefreshToken struct {
	Hash      string // hex SHA-256 of the presented string
	SessionID string // the family the token belongs to
	UserID    string
	Spent     bool // rotated already; presenting it again is reuse
	ExpiresAt time.Time
}

// Expired reports whether the token can no longer be exchanged.
func (t RefreshToken) Expired(now time.Time) bool { return !now.Before(t.ExpiresAt) }

// NewRefreshSecret returns a fresh opaque refresh token and its hash.
func NewRefreshSecret() (secret, hash string, err error) {
	b := make([]byte, refreshSecretBytes)
	if _, err := rand.Read(b); err != nil {
		return "", "", err
	}
	secret = RefreshTokenPrefix + base64.RawURLEncoding.EncodeToString(b)
	return secret, hashSecret(secret), nil
}

// HashRefreshToken checks the shape of a presented refresh token and
// returns the hash it is stored under; ok is false for anything that
// cannot be one of ours.
func HashRefreshToken(presented string) (hash string, ok bool) {
	body, found := strings.CutPrefix(presented, RefreshTokenPrefix)
	if !found {
		return "", false
	}
	raw, err := base64.RawURLEncoding.DecodeString(body)
	if err != nil || len(raw) != refreshSecretBytes {
		return "", false
	}
	return hashSecret(presented), true
}

func hashSecret(secret string) string {
	sum := sha256.Sum256([]byte(secret))
	return hex.EncodeToString(sum[:])
}
