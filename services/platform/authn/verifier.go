package authn

import (
	"context"
	"crypto"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"github.com/taskrocket/taskrocket/services/platform/apperr"
)

// AccessTokenType is the JWT "typ" header of access tokens (RFC 9068). A
// token of any other type (an ID token, a forged refresh token) is refused.
const AccessTokenType = "at+jwt"

// Config is the token-verification block of a service's configuration.
type Config struct {
	Issuer    string `env:"JWT_ISSUER" default:"taskrocket"`
	Audience  string `env:"JWT_AUDIENCE" default:"taskrocket-api"`
	AuthAppID string `env:"AUTH_APP_ID" default:"auth"`
}

// Claims are the claims of a TaskRocket access token.
type Claims struct {
	jwt.RegisteredClaims
	SessionID string `json:"sid,omitempty"` // the refresh-token family (login)
	Username  string `json:"preferred_username,omitempty"`
}

// Stable error codes of token verification.
var (
	ErrTokenMissing = apperr.Unauthenticated("token_missing", "an access token is required")
	ErrTokenInvalid = apperr.Unauthenticated("token_invalid", "the access token is not valid")
	ErrTokenExpired = apperr.Unauthenticated("token_expired", "the access token has expired")
)

// Verifier checks access tokens against the cached JWKS.
type Verifier struct {
	src        KeySource
	issuer     string
	audience   string
	minRefetch time.Duration

	mu        sync.Mutex
	keys      map[string]crypto.PublicKey
	fetchedAt time.Time

	seen verifiedTokens
}

// NewVerifier returns a verifier; keys are fetched on first use.
func NewVerifier(src KeySource, issuer, audience string) *Verifier {
	return &Verifier{src: src, issuer: issuer, audience: audience, minRefetch: 10 * time.Second}
}

// Verify parses and validates token and returns its claims. Any failure is
// an *apperr.Error of kind unauthenticated (token_invalid / token_expired);
// an unreachable key source is reported as unavailable.
func (v *Verifier) Verify(ctx context.Context, token string) (*Claims, error) {
	if token == "" {
		return nil, ErrTokenMissing
	}
	if c, ok := v.seen.get(token, time.Now()); ok {
		return c, nil
	}
	var keyErr error
	claims := &Claims{}
	parsed, err := jwt.ParseWithClaims(token, claims, func(t *jwt.Token) (any, error) {
		if typ, _ := t.Header["typ"].(string); typ != AccessTokenType {
			return nil, fmt.Errorf("token type %q is not an access token", typ)
		}
		kid, _ := t.Header["kid"].(string)
		key, err := v.key(ctx, kid)
		keyErr = err
		return key, err
	},
		jwt.WithValidMethods([]string{"EdDSA", "ES256"}),
		jwt.WithIssuer(v.issuer),
		jwt.WithAudience(v.audience),
		jwt.WithExpirationRequired(),
		jwt.WithIssuedAt(),
		jwt.WithLeeway(30*time.Second),
	)
	switch {
	case errors.Is(keyErr, errSourceDown):
		return nil, apperr.Wrap(keyErr, apperr.KindUnavailable, "auth_unavailable", "token keys cannot be fetched right now")
	case errors.Is(err, jwt.ErrTokenExpired):
		return nil, ErrTokenExpired
	case err != nil || !parsed.Valid || claims.Subject == "" || claims.ID == "":
		return nil, apperr.Wrap(err, apperr.KindUnauthenticated, ErrTokenInvalid.Code, ErrTokenInvalid.Message)
	}
	v.seen.put(token, claims, time.Now())
	return claims, nil
}

var (
	errSourceDown = errors.New("jwks source unavailable")
	errUnknownKey = errors.New("unknown signing key")
)

// key returns the public key for kid, refetching the JWKS when kid is
// unknown — at most once per minRefetch, so forged kids cannot turn the
// verifier into a load generator against the auth service.
func (v *Verifier) key(ctx context.Context, kid string) (crypto.PublicKey, error) {
	v.mu.Lock()
	defer v.mu.Unlock()
	if k, ok := v.keys[kid]; ok {
		return k, nil
	}
	if v.keys != nil && time.Since(v.fetchedAt) < v.minRefetch {
		return nil, errUnknownKey
	}
	keys, err := v.fetch(ctx)
	if err != nil {
		if v.keys == nil {
			return nil, fmt.Errorf("%w: %w", errSourceDown, err)
		}
		// Unreachable or malformed alike: keep serving known keys and
		// retry after the window, so a broken JWKS is not hammered.
		v.fetchedAt = time.Now()
		return nil, errUnknownKey
	}
	v.keys, v.fetchedAt = keys, time.Now()
	if k, ok := keys[kid]; ok {
		return k, nil
	}
	return nil, errUnknownKey
}

func (v *Verifier) fetch(ctx context.Context) (map[string]crypto.PublicKey, error) {
	doc, err := v.src.FetchJWKS(ctx)
	if err != nil {
		return nil, err
	}
	return ParseJWKS(doc)
}
