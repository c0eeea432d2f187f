// Package authntest mints access tokens in tests as the auth service
// would, signed with a fresh Ed25519 key whose JWKS it serves to the
// verifier, so that a service under test checks real tokens end to end.
package authntest

import (
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"encoding/base64"
	"encoding/json"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"
	"github.com/google/uuid"

	"github.com/taskrocket/taskrocket/services/platform/authn"
)

// The issuer, audience and key id of the tokens minted here.
const (
	Issuer   = "taskrocket"
	Audience = "taskrocket-api"
	KeyID    = "test-key"
)

// Tokens is a signing key and the JWKS that publishes it.
type Tokens struct {
	key  ed25519.PrivateKey
	jwks []byte
}

// New returns a signer with a fresh key.
func New(t testing.TB) *Tokens {
	t.Helper()
	pub, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	jwks, err := json.Marshal(authn.JWKS{Keys: []authn.JWK{{
		Kty: "OKP", Crv: "Ed25519", X: base64.RawURLEncoding.EncodeToString(pub), Kid: KeyID, Alg: "EdDSA", Use: "sig",
	}}})
	if err != nil {
		t.Fatal(err)
	}
	return &Tokens{key: priv, jwks: jwks}
}

// FetchJWKS implements authn.KeySource with the signer's public key.
func (k *Tokens) FetchJWKS(context.Context) ([]byte, error) { return k.jwks, nil }

// Verifier returns a verifier that accepts the tokens minted here.
func (k *Tokens) Verifier() *authn.Verifier {
	return authn.NewVerifier(k, Issuer, Audience)
}

// Mint signs an access token of userID for the login sessionID, valid for
// fifteen minutes. Its times are real ones: the verifier checks them
// against the wall clock, not a service's test clock.
func (k *Tokens) Mint(userID, sessionID, username string) string {
	now := time.Now()
	tok := jwt.NewWithClaims(jwt.SigningMethodEdDSA, authn.Claims{
		RegisteredClaims: jwt.RegisteredClaims{
			Issuer: Issuer, Subject: userID, Audience: jwt.ClaimStrings{Audience}, ID: uuid.NewString(),
			IssuedAt: jwt.NewNumericDate(now), ExpiresAt: jwt.NewNumericDate(now.Add(15 * time.Minute)),
		},
		SessionID: sessionID, Username: username,
	})
	tok.Header["typ"] = authn.AccessTokenType
	tok.Header["kid"] = KeyID
	s, err := tok.SignedString(k.key)
	if err != nil {
		panic(err) // an Ed25519 key always signs
	}
	return s
}
