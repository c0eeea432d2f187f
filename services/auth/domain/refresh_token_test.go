package domain_test

import (
	"strings"
	"testing"

	"github.com/taskrocket/taskrocket/services/auth/domain"
)

func TestRefreshSecretsAreOpaqueAndHashed(t *testing.T) {
	t.Parallel()
	secret, hash, err := domain.NewRefreshSecret()
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(secret, domain.RefreshTokenPrefix) || len(secret) != len(domain.RefreshTokenPrefix)+43 {
		t.Fatalf("secret %q is not trr_ + 32 bytes base64url", secret)
	}
	if strings.Contains(hash, secret) || len(hash) != 64 {
		t.Fatalf("hash %q is not a hex SHA-256", hash)
	}
	got, ok := domain.HashRefreshToken(secret)
	if !ok || got != hash {
		t.Fatalf("presented secret hashes to %q, %v; want %q", got, ok, hash)
	}
	other, _, _ := domain.NewRefreshSecret()
	if other == secret {
		t.Fatal("two secrets are equal")
	}
}

func TestHashRefreshTokenRejectsForeignShapes(t *testing.T) {
	t.Parallel()
	secret, _, _ := domain.NewRefreshSecret()
	for name, presented := range map[string]string{
		"empty":          "",
		"no-prefix":      strings.TrimPrefix(secret, domain.RefreshTokenPrefix),
		"access-token":   "eyJhbGciOiJFZERTQSJ9.e30.sig",
		"short":          domain.RefreshTokenPrefix + "abc",
		"not-base64url":  domain.RefreshTokenPrefix + strings.Repeat("*", 43),
		"trailing-bytes": secret + "AA",
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			if _, ok := domain.HashRefreshToken(presented); ok {
				t.Fatalf("%q accepted as a refresh token", presented)
			}
		})
	}
}
