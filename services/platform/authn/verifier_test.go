package authn_test

import (
	"crypto/ed25519"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"github.com/taskrocket/taskrocket/services/platform/authn"
)

func TestVerify(t *testing.T) {
	t.Parallel()
	trusted := newEd25519Key(t, "ed-1")
	trustedEC := newES256Key(t, "ec-1")
	stranger := newEd25519Key(t, "stranger")

	tests := []struct {
		name     string
		token    func(t *testing.T) string
		wantCode string // "" means accepted
	}{
		{"verify-ok-eddsa", func(t *testing.T) string { return trusted.token(t, nil) }, ""},
		{"verify-ok-es256", func(t *testing.T) string { return trustedEC.token(t, nil) }, ""},
		{"verify-ok-expired-within-leeway", func(t *testing.T) string {
			return trusted.token(t, func(_ map[string]any, c jwt.MapClaims) { c["exp"] = time.Now().Add(-10 * time.Second).Unix() })
		}, ""},
		{"verify-401-alg-none", func(t *testing.T) string {
			tok := jwt.NewWithClaims(jwt.SigningMethodNone, accessClaims())
			tok.Header["kid"], tok.Header["typ"] = trusted.kid, authn.AccessTokenType
			s, err := tok.SignedString(jwt.UnsafeAllowNoneSignatureType)
			if err != nil {
				t.Fatal(err)
			}
			return s
		}, "token_invalid"},
		{"verify-401-hs256-signed-with-public-key", func(t *testing.T) string {
			tok := jwt.NewWithClaims(jwt.SigningMethodHS256, accessClaims())
			tok.Header["kid"], tok.Header["typ"] = trusted.kid, authn.AccessTokenType
			s, err := tok.SignedString([]byte(trusted.priv.Public().(ed25519.PublicKey)))
			if err != nil {
				t.Fatal(err)
			}
			return s
		}, "token_invalid"},
		{"verify-401-es256-header-on-ed25519-key", func(t *testing.T) string {
			// A token claiming ES256 but naming the Ed25519 key id.
			return trustedEC.token(t, func(h map[string]any, _ jwt.MapClaims) { h["kid"] = trusted.kid })
		}, "token_invalid"},
		{"verify-401-wrong-issuer", func(t *testing.T) string {
			return trusted.token(t, func(_ map[string]any, c jwt.MapClaims) { c["iss"] = "someone-else" })
		}, "token_invalid"},
		{"verify-401-wrong-audience", func(t *testing.T) string {
			return trusted.token(t, func(_ map[string]any, c jwt.MapClaims) { c["aud"] = "billing-api" })
		}, "token_invalid"},
		{"verify-401-expired", func(t *testing.T) string {
			return trusted.token(t, func(_ map[string]any, c jwt.MapClaims) {
				c["iat"], c["exp"] = time.Now().Add(-2*time.Hour).Unix(), time.Now().Add(-time.Hour).Unix()
			})
		}, "token_expired"},
		{"verify-401-missing-exp", func(t *testing.T) string {
			return trusted.token(t, func(_ map[string]any, c jwt.MapClaims) { delete(c, "exp") })
		}, "token_invalid"},
		{"verify-401-issued-in-the-future", func(t *testing.T) string {
			return trusted.token(t, func(_ map[string]any, c jwt.MapClaims) { c["iat"] = time.Now().Add(time.Hour).Unix() })
		}, "token_invalid"},
		{"verify-401-missing-sub", func(t *testing.T) string {
			return trusted.token(t, func(_ map[string]any, c jwt.MapClaims) { delete(c, "sub") })
		}, "token_invalid"},
		{"verify-401-missing-jti", func(t *testing.T) string {
			return trusted.token(t, func(_ map[string]any, c jwt.MapClaims) { delete(c, "jti") })
		}, "token_invalid"},
		{"verify-401-typ-jwt", func(t *testing.T) string {
			return trusted.token(t, func(h map[string]any, _ jwt.MapClaims) { h["typ"] = "JWT" })
		}, "token_invalid"},
		{"verify-401-typ-refresh", func(t *testing.T) string {
			return trusted.token(t, func(h map[string]any, _ jwt.MapClaims) { h["typ"] = "refresh+jwt" })
		}, "token_invalid"},
		{"verify-401-typ-missing", func(t *testing.T) string {
			return trusted.token(t, func(h map[string]any, _ jwt.MapClaims) { delete(h, "typ") })
		}, "token_invalid"},
		{"verify-401-key-not-in-jwks", func(t *testing.T) string { return stranger.token(t, nil) }, "token_invalid"},
		{"verify-401-foreign-key-claiming-trusted-kid", func(t *testing.T) string {
			return stranger.token(t, func(h map[string]any, _ jwt.MapClaims) { h["kid"] = trusted.kid })
		}, "token_invalid"},
		{"verify-401-tampered-claims", func(t *testing.T) string {
			other := trusted.token(t, func(_ map[string]any, c jwt.MapClaims) { c["sub"] = "admin" })
			orig := trusted.token(t, nil)
			// Payload of the "admin" token, signature of the original one.
			o, g := strings.Split(other, "."), strings.Split(orig, ".")
			return o[0] + "." + o[1] + "." + g[2]
		}, "token_invalid"},
		{"verify-401-garbage", func(*testing.T) string { return "not-a-jwt" }, "token_invalid"},
		{"verify-401-empty", func(*testing.T) string { return "" }, "token_missing"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			v := authn.NewVerifier(newFakeJWKS(t, trusted, trustedEC), testIssuer, testAudience)
			claims, err := v.Verify(t.Context(), tc.token(t))
			if tc.wantCode == "" {
				if err != nil {
					t.Fatalf("valid token refused: %v", err)
				}
				if claims.Subject != "user-1" || claims.ID != "token-1" || claims.SessionID != "session-1" || claims.Username != "ada" {
					t.Fatalf("claims not carried through: %+v", claims)
				}
				return
			}
			if claims != nil {
				t.Fatalf("claims returned for a refused token: %+v", claims)
			}
			wantAppErr(t, err, tc.wantCode, http.StatusUnauthorized)
		})
	}
}

// The refetch window is measured with synctest's fake clock, so "later"
// means later without the test sleeping.
func TestKeyRotation(t *testing.T) {
	t.Parallel()
	synctest.Test(t, func(t *testing.T) {
		oldKey, newKey := newEd25519Key(t, "2024-01"), newES256Key(t, "2024-02")
		src := newFakeJWKS(t, oldKey)
		v := authn.NewVerifier(src, testIssuer, testAudience)
		ctx := t.Context()

		if _, err := v.Verify(ctx, oldKey.token(t, nil)); err != nil {
			t.Fatalf("old key before rotation: %v", err)
		}
		if n := src.count(); n != 1 {
			t.Fatalf("first verification fetched the JWKS %d times, want 1", n)
		}

		// The auth service publishes the new key next to the old one and
		// starts signing with it a while later.
		src.publish(t, oldKey, newKey)
		time.Sleep(time.Minute)

		if _, err := v.Verify(ctx, newKey.token(t, nil)); err != nil {
			t.Fatalf("token of the rotated-in key refused: %v", err)
		}
		if n := src.count(); n != 2 {
			t.Fatalf("unknown kid caused %d fetches in total, want 2 (one refetch)", n)
		}
		for range 3 {
			if _, err := v.Verify(ctx, oldKey.token(t, nil)); err != nil {
				t.Fatalf("token of the previous key refused after rotation: %v", err)
			}
			if _, err := v.Verify(ctx, newKey.token(t, nil)); err != nil {
				t.Fatalf("token of the new key refused on reuse: %v", err)
			}
		}
		if n := src.count(); n != 2 {
			t.Fatalf("known keys caused refetches: %d fetches, want 2", n)
		}
	})
}

func TestUnknownKidStormIsRateLimited(t *testing.T) {
	t.Parallel()
	synctest.Test(t, func(t *testing.T) {
		trusted, attacker := newEd25519Key(t, "trusted"), newEd25519Key(t, "attacker")
		src := newFakeJWKS(t, trusted)
		v := authn.NewVerifier(src, testIssuer, testAudience)
		ctx := t.Context()
		if _, err := v.Verify(ctx, trusted.token(t, nil)); err != nil {
			t.Fatal(err)
		}

		storm := func() {
			var wg sync.WaitGroup
			for i := range 50 {
				wg.Go(func() {
					forged := attacker.token(t, func(h map[string]any, _ jwt.MapClaims) { h["kid"] = fmt.Sprintf("forged-%d", i) })
					_, err := v.Verify(ctx, forged)
					if msg := appErrMismatch(err, "token_invalid", http.StatusUnauthorized); msg != "" {
						t.Error("forged kid: " + msg)
					}
				})
				wg.Go(func() {
					if _, err := v.Verify(ctx, trusted.token(t, nil)); err != nil {
						t.Errorf("genuine token refused during a storm: %v", err)
					}
				})
			}
			wg.Wait()
		}

		storm() // within the window of the first fetch
		if n := src.count(); n != 1 {
			t.Fatalf("storm right after the first fetch: %d fetches, want 1", n)
		}
		for window := 2; window <= 4; window++ {
			time.Sleep(11 * time.Second)
			storm()
			if n := src.count(); n != window {
				t.Fatalf("after storm in window %d: %d fetches, want %d (one refetch per window)", window, n, window)
			}
		}
	})
}

func TestBrokenKeySource(t *testing.T) {
	t.Parallel()
	t.Run("verify-503-jwks-down-on-first-use", func(t *testing.T) {
		t.Parallel()
		key := newEd25519Key(t, "k1")
		src := newFakeJWKS(t, key)
		src.fail(errors.New("dial tcp: connection refused"))
		v := authn.NewVerifier(src, testIssuer, testAudience)

		_, err := v.Verify(t.Context(), key.token(t, nil))
		wantAppErr(t, err, "auth_unavailable", http.StatusServiceUnavailable)

		src.publish(t, key) // auth is back: the next request must not stay locked out
		if _, err := v.Verify(t.Context(), key.token(t, nil)); err != nil {
			t.Fatalf("after the JWKS came back: %v", err)
		}
	})
	t.Run("verify-503-jwks-malformed-on-first-use", func(t *testing.T) {
		t.Parallel()
		key := newEd25519Key(t, "k1")
		src := newFakeJWKS(t)
		src.serveRaw("<html>502 Bad Gateway</html>")
		v := authn.NewVerifier(src, testIssuer, testAudience)
		_, err := v.Verify(t.Context(), key.token(t, nil))
		wantAppErr(t, err, "auth_unavailable", http.StatusServiceUnavailable)
	})
	t.Run("verify-known-keys-survive-jwks-outage", func(t *testing.T) {
		t.Parallel()
		synctest.Test(t, func(t *testing.T) {
			key, unknown := newEd25519Key(t, "k1"), newEd25519Key(t, "k2")
			src := newFakeJWKS(t, key)
			v := authn.NewVerifier(src, testIssuer, testAudience)
			if _, err := v.Verify(t.Context(), key.token(t, nil)); err != nil {
				t.Fatal(err)
			}
			src.fail(errors.New("dial tcp: connection refused"))
			time.Sleep(time.Minute)

			_, err := v.Verify(t.Context(), unknown.token(t, nil))
			wantAppErr(t, err, "token_invalid", http.StatusUnauthorized)
			if _, err := v.Verify(t.Context(), key.token(t, nil)); err != nil {
				t.Fatalf("cached key refused while the JWKS is down: %v", err)
			}
		})
	})
	t.Run("verify-malformed-refetch-keeps-known-keys-and-rate-limit", func(t *testing.T) {
		t.Parallel()
		synctest.Test(t, func(t *testing.T) {
			key, unknown := newEd25519Key(t, "k1"), newEd25519Key(t, "k2")
			src := newFakeJWKS(t, key)
			v := authn.NewVerifier(src, testIssuer, testAudience)
			if _, err := v.Verify(t.Context(), key.token(t, nil)); err != nil {
				t.Fatal(err)
			}
			src.serveRaw(`{"keys": [`) // a truncated document from a proxy
			time.Sleep(time.Minute)

			for range 20 {
				_, err := v.Verify(t.Context(), unknown.token(t, nil))
				wantAppErr(t, err, "token_invalid", http.StatusUnauthorized)
			}
			if n := src.count(); n != 2 {
				t.Fatalf("20 unknown kids against a malformed JWKS caused %d fetches, want 2", n)
			}
			if _, err := v.Verify(t.Context(), key.token(t, nil)); err != nil {
				t.Fatalf("cached key refused while the JWKS is malformed: %v", err)
			}
		})
	})
}
