// Package authn verifies TaskRocket access tokens in every service: JWTs
// signed by the auth service with an asymmetric key (EdDSA or ES256), whose
// public keys are published as a JWKS. Keys are cached and fetched again
// when a token names a key id the cache does not know (key rotation).
package authn

import (
	"context"
	"crypto"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/elliptic"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/big"
	"net/http"

	"github.com/taskrocket/taskrocket/services/platform/daprx"
)

// KeySource returns the current JWKS document.
type KeySource interface {
	FetchJWKS(ctx context.Context) ([]byte, error)
}

// JWK is one JSON Web Key (RFC 7517) as published by the auth service.
type JWK struct {
	Kty string `json:"kty"`
	Crv string `json:"crv,omitempty"`
	X   string `json:"x,omitempty"`
	Y   string `json:"y,omitempty"`
	Kid string `json:"kid"`
	Alg string `json:"alg,omitempty"`
	Use string `json:"use,omitempty"`
}

// JWKS is a JSON Web Key Set.
type JWKS struct {
	Keys []JWK `json:"keys"`
}

// ParseJWKS returns the signature-verification keys of a JWKS by key id.
// Keys of other types or uses are ignored.
func ParseJWKS(doc []byte) (map[string]crypto.PublicKey, error) {
	var set JWKS
	if err := json.Unmarshal(doc, &set); err != nil {
		return nil, fmt.Errorf("jwks: %w", err)
	}
	keys := make(map[string]crypto.PublicKey, len(set.Keys))
	for _, k := range set.Keys {
		if k.Kid == "" || (k.Use != "" && k.Use != "sig") {
			continue
		}
		pub, err := k.PublicKey()
		if errors.Is(err, errUnsupportedKeyType) {
			continue // e.g. an RSA key published for another consumer
		}
		if err != nil {
			return nil, fmt.Errorf("jwks key %q: %w", k.Kid, err)
		}
		keys[k.Kid] = pub
	}
	return keys, nil
}

var errUnsupportedKeyType = errors.New("unsupported key type")

// PublicKey decodes an OKP/Ed25519 or EC/P-256 key.
func (k JWK) PublicKey() (crypto.PublicKey, error) {
	x, err := base64.RawURLEncoding.DecodeString(k.X)
	if err != nil {
		return nil, fmt.Errorf("x: %w", err)
	}
	switch {
	case k.Kty == "OKP" && k.Crv == "Ed25519":
		if len(x) != ed25519.PublicKeySize {
			return nil, fmt.Errorf("ed25519 key has %d bytes", len(x))
		}
		return ed25519.PublicKey(x), nil
	case k.Kty == "EC" && k.Crv == "P-256":
		y, err := base64.RawURLEncoding.DecodeString(k.Y)
		if err != nil {
			return nil, fmt.Errorf("y: %w", err)
		}
		pub := &ecdsa.PublicKey{Curve: elliptic.P256(), X: new(big.Int).SetBytes(x), Y: new(big.Int).SetBytes(y)}
		if !pub.Curve.IsOnCurve(pub.X, pub.Y) { //nolint:staticcheck // validity check of untrusted input
			return nil, fmt.Errorf("ec point is not on P-256")
		}
		return pub, nil
	default:
		return nil, fmt.Errorf("%w %s/%s", errUnsupportedKeyType, k.Kty, k.Crv)
	}
}

// SidecarKeySource fetches the JWKS from the auth app through Dapr.
type SidecarKeySource struct {
	Sidecar *daprx.Sidecar
	AppID   string // "auth"
}

// JWKSPath is where the auth service publishes its keys.
const JWKSPath = ".well-known/jwks.json"

// FetchJWKS implements KeySource.
func (s SidecarKeySource) FetchJWKS(ctx context.Context) ([]byte, error) {
	resp, err := s.Sidecar.Invoke(ctx, http.MethodGet, s.AppID, JWKSPath, nil, nil)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	if err != nil {
		return nil, fmt.Errorf("read jwks: %w", err)
	}
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("jwks from %s: HTTP %d", s.AppID, resp.StatusCode)
	}
	return body, nil
}
