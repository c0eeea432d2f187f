package app_test

import (
	"sync"
	"testing"
	"time"

	"github.com/taskrocket/taskrocket/services/auth/adapters"
	"github.com/taskrocket/taskrocket/services/auth/app"
	"github.com/taskrocket/taskrocket/services/platform/clocktest"
)

func publishedKids(t *testing.T, a *app.Application) []string {
	t.Helper()
	set, err := a.Keys().JWKS(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	var kids []string
	for _, k := range set.Keys {
		if k.Kty != "OKP" || k.Crv != "Ed25519" || k.Alg != "EdDSA" || k.Use != "sig" || k.X == "" {
			t.Fatalf("JWK %+v is not an Ed25519 signature key", k)
		}
		kids = append(kids, k.Kid)
	}
	return kids
}

func currentKid(t *testing.T, a *app.Application) string {
	t.Helper()
	k, err := a.Keys().Signer()
	if err != nil {
		t.Fatal(err)
	}
	return k.ID
}

func TestRotationKeepsIssuedTokensVerifiable(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	old := currentKid(t, f.Application)
	before := f.login(t, "u1")

	kid, err := f.Keys().Rotate(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	if kid == old || currentKid(t, f.Application) != kid {
		t.Fatalf("rotation returned %s; current is %s, old was %s", kid, currentKid(t, f.Application), old)
	}
	if got := publishedKids(t, f.Application); len(got) != 2 || got[0] != kid || got[1] != old {
		t.Fatalf("JWKS lists %v, want [new, previous]", got)
	}
	f.clock.Advance(9 * time.Minute)
	parse(t, f.Application, before.AccessToken, f.clock.Now()) // signed before the rotation
	after := f.login(t, "u1")
	if tok, _ := parse(t, f.Application, after.AccessToken, f.clock.Now()); tok.Header["kid"] != kid {
		t.Fatalf("new tokens signed by %v, want %s", tok.Header["kid"], kid)
	}

	// Once every token of the old key has expired, it is no longer published.
	f.clock.Advance(4 * time.Minute)
	if got := publishedKids(t, f.Application); len(got) != 1 || got[0] != kid {
		t.Fatalf("JWKS lists %v after the overlap, want only %s", got, kid)
	}
}

func TestReplicasStartingTogetherShareOneKeyset(t *testing.T) {
	t.Parallel()
	clk := clocktest.New(t0)
	store := adapters.NewMemoryStore(clk.Now)
	opts := defaultOptions(clk.Now)
	replicas := make([]*app.Application, 6)
	var wg sync.WaitGroup
	for i := range replicas {
		a, err := app.New(opts, store, store)
		if err != nil {
			t.Fatal(err)
		}
		replicas[i] = a
		wg.Go(func() {
			if err := a.Keys().Load(t.Context()); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	for _, r := range replicas[1:] {
		if currentKid(t, r) != currentKid(t, replicas[0]) {
			t.Fatal("replicas sign with different keys")
		}
	}
}

func TestRotationOnOneReplicaReachesTheOthers(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	other := f.replica(t)
	kid, err := f.Keys().Rotate(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	// A verifier meeting the new kid asks any replica: it reloads at once.
	f.clock.Advance(6 * time.Second)
	if got := publishedKids(t, other); got[0] != kid {
		t.Fatalf("the other replica publishes %v, want %s first", got, kid)
	}
	if err := other.Keys().Maintain(t.Context()); err != nil {
		t.Fatal(err)
	}
	if currentKid(t, other) != kid {
		t.Fatal("the other replica still signs with the previous key")
	}
}

func TestScheduledRotationHappensOnceAcrossReplicas(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	replicas := []*app.Application{f.Application, f.replica(t), f.replica(t)}
	first := currentKid(t, f.Application)
	f.clock.Advance(719 * time.Hour)
	for _, r := range replicas {
		if err := r.Keys().Maintain(t.Context()); err != nil {
			t.Fatal(err)
		}
	}
	if currentKid(t, f.Application) != first {
		t.Fatal("rotated before the interval")
	}

	f.clock.Advance(time.Hour)
	var wg sync.WaitGroup
	for _, r := range replicas {
		wg.Go(func() {
			if err := r.Keys().Maintain(t.Context()); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	ks, _, err := f.store.Keyset(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	if len(ks.Keys) != 2 {
		t.Fatalf("keyset holds %d keys, want the previous and one new", len(ks.Keys))
	}
	for _, r := range replicas {
		if got := currentKid(t, r); got != ks.Keys[1].ID || got == first {
			t.Fatalf("replica signs with %s, want the one new key %s", got, ks.Keys[1].ID)
		}
	}
}
