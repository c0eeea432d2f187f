package domain_test

import (
	"crypto/ed25519"
	"encoding/base64"
	"fmt"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/taskrocket/taskrocket/services/auth/domain"
)

// RFC 8037 appendix A: the Ed25519 test key and its RFC 7638 thumbprint.
func TestThumbprintMatchesRFC8037(t *testing.T) {
	t.Parallel()
	seed, _ := base64.RawURLEncoding.DecodeString("nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A")
	pub := ed25519.NewKeyFromSeed(seed).Public().(ed25519.PublicKey)
	if x := base64.RawURLEncoding.EncodeToString(pub); x != "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo" {
		t.Fatalf("public key %s", x)
	}
	if got := domain.Thumbprint(pub); got != "kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k" {
		t.Fatalf("thumbprint %s", got)
	}
}

func TestKeysetRotation(t *testing.T) {
	t.Parallel()
	overlap := 15 * time.Minute
	k1 := mustKey(t, t0)
	ks := domain.Keyset{Keys: []domain.SigningKey{k1}}
	if ks.RotationDue(t0.Add(time.Hour), 2*time.Hour) || !ks.RotationDue(t0.Add(2*time.Hour), 2*time.Hour) {
		t.Fatal("rotation due at the wrong time")
	}

	activation := 15 * time.Second
	rotatedAt := t0.Add(time.Hour)
	switchAt := rotatedAt.Add(activation)
	k2 := mustKey(t, rotatedAt)
	ks = ks.Rotate(k2, rotatedAt, activation, overlap)
	if got := ids(ks.Published(rotatedAt, overlap)); got != ids([]domain.SigningKey{k2, k1}) {
		t.Fatalf("the new key must be published at once: %s", got)
	}
	if cur, _ := ks.Current(switchAt.Add(-time.Second)); cur.ID != k1.ID {
		t.Fatalf("before activation the old key must keep signing, got %s", cur.ID)
	}
	if ks.RotationDue(switchAt.Add(-time.Second), time.Nanosecond) {
		t.Fatal("no second rotation while a successor waits")
	}
	if cur, _ := ks.Current(switchAt); cur.ID != k2.ID {
		t.Fatalf("current key %s, want the new %s", cur.ID, k2.ID)
	}
	if got := ids(ks.Published(switchAt.Add(overlap-time.Second), overlap)); got != ids([]domain.SigningKey{k2, k1}) {
		t.Fatalf("published within the overlap: %s", got)
	}
	if got := ids(ks.Published(switchAt.Add(overlap), overlap)); got != k2.ID {
		t.Fatalf("published after the overlap: %s", got)
	}

	k3 := mustKey(t, t0.Add(3*time.Hour))
	ks = ks.Rotate(k3, t0.Add(3*time.Hour), activation, overlap)
	if len(ks.Keys) != 2 || ks.Keys[0].ID != k2.ID {
		t.Fatalf("the long-retired key was not dropped: %s", ids(ks.Keys))
	}
}

func TestSigningKeyNeverPrintsItsSecret(t *testing.T) {
	t.Parallel()
	k := mustKey(t, t0)
	seed := base64.StdEncoding.EncodeToString(k.Seed)
	var logged strings.Builder
	slog.New(slog.NewJSONHandler(&logged, nil)).Info("x", "key", k, "keyset", domain.Keyset{Keys: []domain.SigningKey{k}})
	for _, out := range []string{fmt.Sprint(k), fmt.Sprintf("%+v", k), fmt.Sprintf("%#v", k), logged.String()} {
		if strings.Contains(out, seed) || strings.Contains(out, fmt.Sprint(k.Seed)) {
			t.Fatalf("private key printed: %s", out)
		}
	}
	if !k.Valid() {
		t.Fatal("fresh key invalid")
	}
	k.ID = "other"
	if k.Valid() {
		t.Fatal("key with a foreign kid accepted")
	}
}

func mustKey(t *testing.T, at time.Time) domain.SigningKey {
	t.Helper()
	k, err := domain.NewSigningKey(at)
	if err != nil {
		t.Fatal(err)
	}
	return k
}

func ids(keys []domain.SigningKey) string {
	var s []string
	for _, k := range keys {
		s = append(s, k.ID)
	}
	return strings.Join(s, ",")
}
