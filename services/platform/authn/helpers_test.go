package authn_test

import (
	"context"
	"crypto"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/elliptic"
	"crypto/rand"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"github.com/taskrocket/taskrocket/services/platform/apperr"
	"github.com/taskrocket/taskrocket/services/platform/authn"
)

const (
	testIssuer   = "taskrocket"
	testAudience = "taskrocket-api"
)

// signingKey is a key pair the fake auth service signs with; jwk is its
// public half as the JWKS publishes it.
type signingKey struct {
	kid    string
	method jwt.SigningMethod
	priv   crypto.Signer
	jwk    authn.JWK
}

func newEd25519Key(t testing.TB, kid string) signingKey {
	t.Helper()
	pub, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	return signingKey{kid: kid, method: jwt.SigningMethodEdDSA, priv: priv, jwk: authn.JWK{
		Kty: "OKP", Crv: "Ed25519", X: base64.RawURLEncoding.EncodeToString(pub), Kid: kid, Alg: "EdDSA", Use: "sig",
	}}
}

func newES256Key(t testing.TB, kid string) signingKey {
	t.Helper()
	priv, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	point, err := priv.PublicKey.Bytes() // 0x04 || X || Y
	if err != nil {
		t.Fatal(err)
	}
	return signingKey{kid: kid, method: jwt.SigningMethodES256, priv: priv, jwk: authn.JWK{
		Kty: "EC", Crv: "P-256", Kid: kid, Alg: "ES256", Use: "sig",
		X: base64.RawURLEncoding.EncodeToString(point[1:33]),
		Y: base64.RawURLEncoding.EncodeToString(point[33:]),
	}}
}

// accessClaims are the claims of a valid access token issued now.
func accessClaims() jwt.MapClaims {
	now := time.Now()
	return jwt.MapClaims{
		"iss": testIssuer, "aud": testAudience, "sub": "user-1", "jti": "token-1",
		"sid": "session-1", "preferred_username": "ada",
		"iat": now.Unix(), "exp": now.Add(5 * time.Minute).Unix(),
	}
}

// token signs an access token; edit may change the header and claims first.
func (k signingKey) token(t testing.TB, edit func(header map[string]any, claims jwt.MapClaims)) string {
	t.Helper()
	tok := jwt.NewWithClaims(k.method, accessClaims())
	tok.Header["kid"] = k.kid
	tok.Header["typ"] = authn.AccessTokenType
	if edit != nil {
		edit(tok.Header, tok.Claims.(jwt.MapClaims))
	}
	s, err := tok.SignedString(k.priv)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// fakeJWKS is the auth service's JWKS endpoint as a KeySource; it counts
// fetches so tests can see how often verifiers call the auth service.
type fakeJWKS struct {
	mu      sync.Mutex
	doc     []byte
	err     error
	fetches int
}

func newFakeJWKS(t testing.TB, keys ...signingKey) *fakeJWKS {
	f := &fakeJWKS{}
	f.publish(t, keys...)
	return f
}

func (f *fakeJWKS) FetchJWKS(context.Context) ([]byte, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.fetches++
	return f.doc, f.err
}

func (f *fakeJWKS) publish(t testing.TB, keys ...signingKey) {
	t.Helper()
	set := authn.JWKS{Keys: []authn.JWK{}}
	for _, k := range keys {
		set.Keys = append(set.Keys, k.jwk)
	}
	doc, err := json.Marshal(set)
	if err != nil {
		t.Fatal(err)
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	f.doc, f.err = doc, nil
}

func (f *fakeJWKS) serveRaw(doc string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.doc, f.err = []byte(doc), nil
}

func (f *fakeJWKS) fail(err error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.err = err
}

func (f *fakeJWKS) count() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.fetches
}

// wantAppErr asserts err is an *apperr.Error with the given code and status.
func wantAppErr(t testing.TB, err error, code string, status int) {
	t.Helper()
	if msg := appErrMismatch(err, code, status); msg != "" {
		t.Fatal(msg)
	}
}

// appErrMismatch describes how err differs from the wanted code and status
// ("" when it matches); usable from goroutines other than the test's.
func appErrMismatch(err error, code string, status int) string {
	var ae *apperr.Error
	if !errors.As(err, &ae) {
		return fmt.Sprintf("error %v (%T) is not an *apperr.Error", err, err)
	}
	if gotStatus, _ := apperr.HTTP(err); ae.Code != code || gotStatus != status {
		return fmt.Sprintf("got %d %q (%v), want %d %q", gotStatus, ae.Code, err, status, code)
	}
	return ""
}
