package app

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"github.com/taskrocket/taskrocket/services/auth/domain"
	"github.com/taskrocket/taskrocket/services/platform/apperr"
	"github.com/taskrocket/taskrocket/services/platform/authn"
)

// verifierLeeway covers the clock skew verifiers accept (authn allows 30s).
const verifierLeeway = time.Minute

// jwksFreshness: a JWKS request reloads the keyset when the copy in memory
// is older than this, so a verifier that met an unknown kid (signed by a
// replica that just rotated) learns it from any replica.
const jwksFreshness = 5 * time.Second

// ErrKeysUnavailable: the keyset has not been loaded yet.
var ErrKeysUnavailable = &apperr.Error{Kind: apperr.KindUnavailable, Code: "keys_unavailable",
	Message: "signing keys are not loaded yet; try again shortly", RetryAfter: time.Second}

// KeyRing holds the shared signing keyset in memory. Every replica loads
// the same keyset from the store; the first to start creates it.
type KeyRing struct {
	store       KeyStore
	log         *slog.Logger
	now         func() time.Time
	rotateEvery time.Duration
	reloadEvery time.Duration
	// overlap is how long a retired key stays published: replicas that
	// have not reloaded yet may sign with it for reloadEvery, and its
	// tokens then live for the access lifetime.
	overlap    time.Duration
	activation time.Duration

	reloadMu sync.Mutex // one reload at a time
	mu       sync.RWMutex
	set      domain.Keyset
	loadedAt time.Time
}

func newKeyRing(store KeyStore, o Options) *KeyRing {
	return &KeyRing{
		store: store, log: o.Log, now: o.Now,
		rotateEvery: o.KeyRotation, reloadEvery: o.KeyReload,
		overlap:    o.Lifetimes.Access + o.KeyReload + verifierLeeway,
		activation: o.KeyActivation,
	}
}

// Load loads the keyset, creating it when no replica has yet.
func (r *KeyRing) Load(ctx context.Context) error {
	r.reloadMu.Lock()
	defer r.reloadMu.Unlock()
	for range maxAttempts {
		ks, _, err := r.store.Keyset(ctx)
		if err == nil {
			return r.install(ks)
		}
		if !errors.Is(err, ErrNotFound) {
			return fmt.Errorf("load keyset: %w", err)
		}
		first, err := domain.NewSigningKey(r.now())
		if err != nil {
			return err
		}
		ks = domain.Keyset{Keys: []domain.SigningKey{first}}
		switch err := r.store.SaveKeyset(ctx, ks, ""); {
		case err == nil:
			r.log.InfoContext(ctx, "signing keyset created", "kid", first.ID)
			return r.install(ks)
		case !errors.Is(err, ErrConflict):
			return fmt.Errorf("create keyset: %w", err)
		}
		// Another replica created it first: load theirs.
	}
	return fmt.Errorf("load keyset: %w", ErrConflict)
}

func (r *KeyRing) install(ks domain.Keyset) error {
	for _, k := range ks.Keys {
		if !k.Valid() {
			return fmt.Errorf("keyset holds an invalid key %s", k.ID)
		}
	}
	if _, ok := ks.Current(r.now()); !ok {
		return errors.New("keyset has no current key")
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	r.set, r.loadedAt = ks, r.now()
	return nil
}

// Rotate publishes a new key, which starts signing after the activation
// delay, and returns its id. The previous key signs until then and stays
// published until every token it signed has expired.
func (r *KeyRing) Rotate(ctx context.Context) (string, error) {
	r.reloadMu.Lock()
	defer r.reloadMu.Unlock()
	for range maxAttempts {
		ks, v, err := r.store.Keyset(ctx)
		if err != nil {
			return "", errStore("load keyset", err)
		}
		kid, err := r.rotate(ctx, ks, v)
		if errors.Is(err, ErrConflict) {
			continue
		}
		return kid, err
	}
	return "", errStore("rotate keys", ErrConflict)
}

func (r *KeyRing) rotate(ctx context.Context, ks domain.Keyset, v Version) (string, error) {
	now := r.now()
	next, err := domain.NewSigningKey(now)
	if err != nil {
		return "", err
	}
	prev, _ := ks.Current(now)
	rotated := ks.Rotate(next, now, r.activation, r.overlap)
	if err := r.store.SaveKeyset(ctx, rotated, v); err != nil {
		if errors.Is(err, ErrConflict) {
			return "", err
		}
		return "", errStore("save keyset", err)
	}
	r.log.InfoContext(ctx, "signing key rotated", "kid", next.ID, "previous_kid", prev.ID)
	return next.ID, r.install(rotated)
}

// Maintain reloads the keyset and rotates it when the current key is due;
// Run calls it every reload interval. Replicas race for a due rotation; the loser of the ETag check reloads the
// winner's keyset instead of rotating again.
func (r *KeyRing) Maintain(ctx context.Context) error {
	r.reloadMu.Lock()
	defer r.reloadMu.Unlock()
	ks, v, err := r.store.Keyset(ctx)
	if err != nil {
		return fmt.Errorf("reload keyset: %w", err)
	}
	if err := r.install(ks); err != nil {
		return err
	}
	if !ks.RotationDue(r.now(), r.rotateEvery) {
		return nil
	}
	if _, err := r.rotate(ctx, ks, v); errors.Is(err, ErrConflict) {
		ks, _, err = r.store.Keyset(ctx)
		if err != nil {
			return fmt.Errorf("reload keyset: %w", err)
		}
		return r.install(ks)
	} else if err != nil {
		return err
	}
	return nil
}

// Run loads the keyset (retrying until the store answers), then keeps it
// fresh and rotates it on schedule until ctx ends.
func (r *KeyRing) Run(ctx context.Context) error {
	for backoff := 250 * time.Millisecond; ; backoff = min(2*backoff, 10*time.Second) {
		err := r.Load(ctx)
		if err == nil {
			break
		}
		r.log.WarnContext(ctx, "signing keys not loaded yet", "error", err, "retry_in", backoff.String())
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(backoff):
		}
	}
	tick := time.NewTicker(r.reloadEvery)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-tick.C:
			if err := r.Maintain(ctx); err != nil {
				r.log.WarnContext(ctx, "signing keys not refreshed", "error", err)
			}
		}
	}
}

// Ready is a readiness check: the service cannot sign before keys load.
func (r *KeyRing) Ready(context.Context) error {
	if _, err := r.Signer(); err != nil {
		return errors.New("signing keys not loaded")
	}
	return nil
}

// Signer returns the key that signs new tokens.
func (r *KeyRing) Signer() (domain.SigningKey, error) {
	r.mu.RLock()
	defer r.mu.RUnlock()
	k, ok := r.set.Current(r.now())
	if !ok {
		return domain.SigningKey{}, ErrKeysUnavailable
	}
	return k, nil
}

// JWKS returns the public keys verifiers must know, current first.
func (r *KeyRing) JWKS(ctx context.Context) (authn.JWKS, error) {
	r.refreshIfStale(ctx)
	r.mu.RLock()
	defer r.mu.RUnlock()
	if _, ok := r.set.Current(r.now()); !ok {
		return authn.JWKS{}, ErrKeysUnavailable
	}
	set := authn.JWKS{Keys: []authn.JWK{}}
	for _, k := range r.set.Published(r.now(), r.overlap) {
		set.Keys = append(set.Keys, authn.JWK{
			Kty: "OKP", Crv: "Ed25519", X: base64.RawURLEncoding.EncodeToString(k.PublicKey()),
			Kid: k.ID, Alg: "EdDSA", Use: "sig",
		})
	}
	return set, nil
}

// FetchJWKS makes the key ring the authn.KeySource of the service's own
// token verifier: no round trip through the sidecar to itself.
func (r *KeyRing) FetchJWKS(ctx context.Context) ([]byte, error) {
	set, err := r.JWKS(ctx)
	if err != nil {
		return nil, err
	}
	return json.Marshal(set)
}

func (r *KeyRing) refreshIfStale(ctx context.Context) {
	r.mu.RLock()
	stale := r.now().Sub(r.loadedAt) >= jwksFreshness
	r.mu.RUnlock()
	if !stale || !r.reloadMu.TryLock() {
		return
	}
	defer r.reloadMu.Unlock()
	ks, _, err := r.store.Keyset(ctx)
	if err == nil {
		err = r.install(ks)
	}
	if err != nil {
		r.log.WarnContext(ctx, "serving the keyset in memory; reload failed", "error", err)
	}
}
