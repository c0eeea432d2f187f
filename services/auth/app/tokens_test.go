package app_test

import (
	"crypto/ed25519"
	"strings"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"
	"github.com/google/uuid"

	"github.com/taskrocket/taskrocket/services/auth/app"
	"github.com/taskrocket/taskrocket/services/platform/authn"
)

// parse verifies an access token against the published JWKS with the
// plain jwt library, as a service in another stack would.
func parse(t *testing.T, a *app.Application, token string, at time.Time) (*jwt.Token, jwt.MapClaims) {
	t.Helper()
	set, err := a.Keys().JWKS(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	claims := jwt.MapClaims{}
	tok, err := jwt.ParseWithClaims(token, claims, func(tok *jwt.Token) (any, error) {
		for _, k := range set.Keys {
			if k.Kid == tok.Header["kid"] {
				return k.PublicKey()
			}
		}
		return nil, jwt.ErrTokenUnverifiable
	}, jwt.WithValidMethods([]string{"EdDSA"}), jwt.WithTimeFunc(func() time.Time { return at }))
	if err != nil {
		t.Fatalf("token does not verify against the JWKS: %v", err)
	}
	return tok, claims
}

func TestAccessTokenHeaderAndClaims(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	tokens := f.login(t, "u1")
	tok, claims := parse(t, f.Application, tokens.AccessToken, t0)

	current, _ := f.Keys().Signer()
	if tok.Header["alg"] != "EdDSA" || tok.Header["typ"] != "at+jwt" || tok.Header["kid"] != current.ID || len(tok.Header) != 3 {
		t.Fatalf("header %v", tok.Header)
	}
	if _, ok := current.PrivateKey().Public().(ed25519.PublicKey); !ok {
		t.Fatal("signing key is not Ed25519")
	}
	want := map[string]any{
		"iss": "taskrocket", "aud": []any{"taskrocket-api"}, "sub": "u1", "sid": tokens.SessionID,
		"preferred_username": "name-u1",
		"iat":                float64(t0.Unix()), "nbf": float64(t0.Unix()), "exp": float64(t0.Add(10 * time.Minute).Unix()),
	}
	for name, v := range want {
		if got := claims[name]; !equalClaim(got, v) {
			t.Errorf("claim %s = %v, want %v", name, got, v)
		}
	}
	if _, err := uuid.Parse(claims["jti"].(string)); err != nil {
		t.Errorf("jti %v is not a uuid", claims["jti"])
	}
	if len(claims) != len(want)+1 {
		t.Errorf("unexpected claims: %v", claims)
	}
	if tokens.AccessExpiresIn != 10*time.Minute || strings.Count(tokens.AccessToken, ".") != 2 {
		t.Fatalf("access token lifetime %s", tokens.AccessExpiresIn)
	}
}

func equalClaim(got, want any) bool {
	if w, ok := want.([]any); ok {
		g, ok := got.([]any)
		return ok && len(g) == len(w) && g[0] == w[0]
	}
	return got == want
}

func TestAccessTokensPassTheSharedVerifier(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	f.clock.Advance(time.Since(t0)) // the verifier checks against the real clock
	tokens := f.login(t, "u1")
	v := authn.NewVerifier(f.Keys(), "taskrocket", "taskrocket-api")
	claims, err := v.Verify(t.Context(), tokens.AccessToken)
	if err != nil {
		t.Fatal(err)
	}
	if claims.Subject != "u1" || claims.SessionID != tokens.SessionID || claims.Username != "name-u1" {
		t.Fatalf("claims %+v", claims)
	}
	if _, err := v.Verify(t.Context(), tokens.RefreshToken); err == nil {
		t.Fatal("a refresh token passed as an access token")
	}
}

func TestOptionsRejectAccessTokensAbove15Minutes(t *testing.T) {
	t.Parallel()
	opts := defaultOptions(time.Now)
	opts.Lifetimes.Access = 16 * time.Minute
	if _, err := app.New(opts, nil, nil); err == nil || !strings.Contains(err.Error(), "at most 15m") {
		t.Fatalf("16m access tokens accepted: %v", err)
	}
	opts.Lifetimes.Access = 15 * time.Minute
	if _, err := app.New(opts, nil, nil); err != nil {
		t.Fatalf("15m access tokens refused: %v", err)
	}
	opts.KeyRotation = time.Minute
	if _, err := app.New(opts, nil, nil); err == nil {
		t.Fatal("a one-minute key rotation accepted")
	}
}
