package domain

import (
	"context"
	"regexp"
	"strings"
	"testing"
	"time"
)

func TestHasherRoundTrip(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	h := NewHasher(OWASPArgon2id(), 2)
	hash, err := h.Hash(ctx, "correct horse battery")
	if err != nil {
		t.Fatal(err)
	}
	phc := regexp.MustCompile(`^\$argon2id\$v=19\$m=19456,t=2,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$`)
	if !phc.MatchString(hash) {
		t.Fatalf("hash %q is not the PHC string of the OWASP parameters (16-byte salt, 32-byte key)", hash)
	}
	if ok, err := h.Verify(ctx, "correct horse battery", hash); err != nil || !ok {
		t.Fatalf("right password refused: %v %v", ok, err)
	}
	if ok, err := h.Verify(ctx, "correct horse batterz", hash); err != nil || ok {
		t.Fatalf("wrong password accepted: %v %v", ok, err)
	}
	again, _ := h.Hash(ctx, "correct horse battery")
	if again == hash {
		t.Fatal("two hashes of one password are equal: the salt is not random")
	}
	if h.NeedsRehash(hash) {
		t.Fatal("a hash made with the current parameters needs no rehash")
	}
}

func TestHasherReadsOlderParametersAndAsksForRehash(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	old := NewHasher(Argon2Params{Memory: 8192, Time: 1, Threads: 1, SaltLen: 16, KeyLen: 32}, 1)
	hash, err := old.Hash(ctx, "correct horse battery")
	if err != nil {
		t.Fatal(err)
	}
	current := NewHasher(OWASPArgon2id(), 1)
	if ok, err := current.Verify(ctx, "correct horse battery", hash); err != nil || !ok {
		t.Fatalf("hash with older parameters no longer verifies: %v %v", ok, err)
	}
	if !current.NeedsRehash(hash) {
		t.Fatal("a hash with older parameters must be upgraded")
	}
	if !current.NeedsRehash("") || !current.NeedsRehash("$2a$10$abcdefghijklmnopqrstuv") {
		t.Fatal("an unreadable hash must be replaced")
	}
}

func TestHasherRefusesMalformedHashes(t *testing.T) {
	t.Parallel()
	h := NewHasher(OWASPArgon2id(), 1)
	salt, key := "c2FsdHNhbHRzYWx0c2FsdA", "a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2U"
	for name, hash := range map[string]string{
		"empty":         "",
		"argon2i":       "$argon2i$v=19$m=19456,t=2,p=1$" + salt + "$" + key,
		"old-version":   "$argon2id$v=16$m=19456,t=2,p=1$" + salt + "$" + key,
		"huge-memory":   "$argon2id$v=19$m=4194304,t=2,p=1$" + salt + "$" + key,
		"many-passes":   "$argon2id$v=19$m=19456,t=1000,p=1$" + salt + "$" + key,
		"no-threads":    "$argon2id$v=19$m=19456,t=2,p=0$" + salt + "$" + key,
		"trailing-junk": "$argon2id$v=19$m=19456,t=2,p=1x$" + salt + "$" + key,
		"bad-salt":      "$argon2id$v=19$m=19456,t=2,p=1$!!!$" + key,
		"padded-key":    "$argon2id$v=19$m=19456,t=2,p=1$" + salt + "$" + key + "=",
		"extra-field":   "$argon2id$v=19$m=19456,t=2,p=1$" + salt + "$" + key + "$x",
	} {
		if _, err := h.Verify(context.Background(), "password", hash); err == nil {
			t.Errorf("%s: %q was accepted", name, hash)
		}
	}
}

func TestHasherWaitsForASlotAndHonoursCancellation(t *testing.T) {
	t.Parallel()
	h := NewHasher(OWASPArgon2id(), 1)
	h.slots <- struct{}{} // the only slot is busy
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	if _, err := h.Hash(ctx, "correct horse battery"); err == nil || !strings.Contains(err.Error(), "deadline") {
		t.Fatalf("hashing with no free slot should end with the context, got %v", err)
	}
}
