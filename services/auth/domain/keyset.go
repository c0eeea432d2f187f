package domain

import (
	"crypto/ed25519"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"log/slog"
	"slices"
	"time"
)

// SigningKey is one Ed25519 key pair the service signs access tokens with.
// Its private half must never reach a log line: String, GoString and
// LogValue print only the key id.
type SigningKey struct {
	ID        string // kid: the RFC 7638 thumbprint of the public key
	Seed      []byte // Ed25519 private seed
	CreatedAt time.Time
	// ActiveFrom is when the key starts signing (zero: from creation). A new
	// key is published before it signs, so verifiers that cached the JWKS
	// a moment earlier have had the chance to refetch it.
	ActiveFrom time.Time
	RetiredAt  time.Time // when it stops signing; zero while it signs
}

// NewSigningKey generates a key created now.
func NewSigningKey(now time.Time) (SigningKey, error) {
	_, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		return SigningKey{}, fmt.Errorf("generate signing key: %w", err)
	}
	k := SigningKey{Seed: priv.Seed(), CreatedAt: now}
	k.ID = Thumbprint(k.PublicKey())
	return k, nil
}

// PrivateKey returns the key to sign with.
func (k SigningKey) PrivateKey() ed25519.PrivateKey { return ed25519.NewKeyFromSeed(k.Seed) }

// PublicKey returns the key verifiers use.
func (k SigningKey) PublicKey() ed25519.PublicKey {
	return k.PrivateKey().Public().(ed25519.PublicKey)
}

// Valid reports whether the stored key is usable and matches its id.
func (k SigningKey) Valid() bool {
	return len(k.Seed) == ed25519.SeedSize && k.ID == Thumbprint(k.PublicKey())
}

func (k SigningKey) String() string       { return "signing key " + k.ID }
func (k SigningKey) GoString() string     { return k.String() }
func (k SigningKey) LogValue() slog.Value { return slog.StringValue(k.ID) }

// MarshalJSON keeps the private half out of JSON logs and dumps; the store
// adapter has its own record type.
func (k SigningKey) MarshalJSON() ([]byte, error) {
	return json.Marshal(map[string]string{"kid": k.ID})
}

// signsAt reports whether the key signs new tokens at now.
func (k SigningKey) signsAt(now time.Time) bool {
	return !now.Before(k.ActiveFrom) && (k.RetiredAt.IsZero() || now.Before(k.RetiredAt))
}

func (k SigningKey) publishedAt(now time.Time, overlap time.Duration) bool {
	return k.RetiredAt.IsZero() || now.Before(k.RetiredAt.Add(overlap))
}

// Thumbprint is the RFC 7638 JWK thumbprint of an Ed25519 public key.
func Thumbprint(pub ed25519.PublicKey) string {
	canonical := `{"crv":"Ed25519","kty":"OKP","x":"` + base64.RawURLEncoding.EncodeToString(pub) + `"}`
	sum := sha256.Sum256([]byte(canonical))
	return base64.RawURLEncoding.EncodeToString(sum[:])
}

// Keyset is every key that signs, will sign or signed recently, oldest
// first. The newest key that signs at a given time is the current one.
type Keyset struct {
	Keys []SigningKey
}

// Current returns the key that signs new tokens at now.
func (ks Keyset) Current(now time.Time) (SigningKey, bool) {
	for _, k := range slices.Backward(ks.Keys) {
		if k.signsAt(now) {
			return k, true
		}
	}
	return SigningKey{}, false
}

// Rotate publishes next at once and makes it current after activation;
// until then the current key keeps signing. Retired keys stay published
// for overlap — longer than any token they signed lives — and are dropped
// afterwards.
func (ks Keyset) Rotate(next SigningKey, now time.Time, activation, overlap time.Duration) Keyset {
	switchAt := now.Add(activation)
	next.ActiveFrom = switchAt
	keys := make([]SigningKey, 0, len(ks.Keys)+1)
	for _, k := range ks.Keys {
		if k.RetiredAt.IsZero() || k.RetiredAt.After(switchAt) {
			k.RetiredAt = switchAt
		}
		if k.publishedAt(now, overlap) {
			keys = append(keys, k)
		}
	}
	return Keyset{Keys: append(keys, next)}
}

// Published returns the keys verifiers must know, current first.
func (ks Keyset) Published(now time.Time, overlap time.Duration) []SigningKey {
	var out []SigningKey
	for _, k := range slices.Backward(ks.Keys) {
		if k.publishedAt(now, overlap) {
			out = append(out, k)
		}
	}
	return out
}

// RotationDue reports whether the current key has signed for interval and
// no successor is already waiting to take over.
func (ks Keyset) RotationDue(now time.Time, interval time.Duration) bool {
	for _, k := range ks.Keys {
		if now.Before(k.ActiveFrom) {
			return false
		}
	}
	cur, ok := ks.Current(now)
	return !ok || !now.Before(cur.CreatedAt.Add(interval))
}
