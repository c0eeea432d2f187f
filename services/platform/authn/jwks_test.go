package authn_test

import (
	"crypto/ecdsa"
	"crypto/ed25519"
	"encoding/json"
	"strings"
	"testing"

	"github.com/taskrocket/taskrocket/services/platform/authn"
)

func TestParseJWKS(t *testing.T) {
	t.Parallel()
	ed, ec := newEd25519Key(t, "ed"), newES256Key(t, "ec")
	doc := func(keys ...authn.JWK) string {
		b, err := json.Marshal(authn.JWKS{Keys: keys})
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	with := func(k authn.JWK, edit func(*authn.JWK)) authn.JWK { edit(&k); return k }
	offCurve := with(ec.jwk, func(k *authn.JWK) { k.Y = k.X })
	rsa := authn.JWK{Kty: "RSA", Kid: "legacy-rsa", Use: "sig", Alg: "RS256"}

	tests := []struct {
		name     string
		doc      string
		wantKids []string
		wantErr  string
	}{
		{"jwks-ed25519-and-p256", doc(ed.jwk, ec.jwk), []string{"ed", "ec"}, ""},
		{"jwks-use-omitted-counts-as-sig", doc(with(ed.jwk, func(k *authn.JWK) { k.Use = "" })), []string{"ed"}, ""},
		{"jwks-skips-encryption-keys", doc(ed.jwk, with(ec.jwk, func(k *authn.JWK) { k.Use = "enc" })), []string{"ed"}, ""},
		{"jwks-skips-keys-without-kid", doc(ed.jwk, with(ec.jwk, func(k *authn.JWK) { k.Kid = "" })), []string{"ed"}, ""},
		{"jwks-skips-unsupported-key-types", doc(rsa, ed.jwk), []string{"ed"}, ""},
		{"jwks-empty-set", `{"keys":[]}`, nil, ""},
		{"jwks-rejects-off-curve-point", doc(ed.jwk, offCurve), nil, "not on P-256"},
		{"jwks-rejects-short-ed25519-key", doc(with(ed.jwk, func(k *authn.JWK) { k.X = "AAAA" })), nil, "ed25519 key has 3 bytes"},
		{"jwks-rejects-bad-base64", doc(with(ed.jwk, func(k *authn.JWK) { k.X = "%%%" })), nil, "x:"},
		{"jwks-rejects-non-json", `<html>`, nil, "jwks:"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			keys, err := authn.ParseJWKS([]byte(tc.doc))
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("err = %v, want one mentioning %q", err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if len(keys) != len(tc.wantKids) {
				t.Fatalf("got %d keys, want %v", len(keys), tc.wantKids)
			}
			for _, kid := range tc.wantKids {
				switch keys[kid].(type) {
				case ed25519.PublicKey, *ecdsa.PublicKey:
				default:
					t.Fatalf("key %q: got %T", kid, keys[kid])
				}
			}
		})
	}
}
