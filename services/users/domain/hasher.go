package domain

import (
	"context"
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"
	"strings"

	"golang.org/x/crypto/argon2"
)

// Argon2Params are the argon2id cost parameters.
type Argon2Params struct {
	Memory  uint32 // KiB
	Time    uint32 // passes
	Threads uint8
	SaltLen uint32 // bytes
	KeyLen  uint32 // bytes
}

// OWASPArgon2id returns the parameters of the OWASP Password Storage Cheat
// Sheet's first argon2id option: 19 MiB, 2 passes, 1 lane, with a 16-byte
// salt and a 32-byte key.
func OWASPArgon2id() Argon2Params {
	return Argon2Params{Memory: 19456, Time: 2, Threads: 1, SaltLen: 16, KeyLen: 32}
}

// Bounds on stored parameters, so a corrupted or planted hash cannot make
// one verification allocate gigabytes or spin for minutes.
const (
	maxMemoryKiB = 1 << 20
	maxTime      = 16
	maxKeyLen    = 128
)

var errMalformedHash = errors.New("malformed argon2id hash")

// Hasher hashes and verifies passwords with argon2id, stored as PHC
// strings: $argon2id$v=19$m=19456,t=2,p=1$<salt>$<key> (unpadded standard
// base64). At most `slots` hashes run at once: each takes Memory KiB, so
// a burst of logins cannot exhaust the process's memory.
type Hasher struct {
	params Argon2Params
	slots  chan struct{}
}

// NewHasher returns a hasher with the given parameters and concurrency.
func NewHasher(p Argon2Params, concurrency int) *Hasher {
	return &Hasher{params: p, slots: make(chan struct{}, max(concurrency, 1))}
}

// Hash returns the PHC string of password with a fresh random salt.
func (h *Hasher) Hash(ctx context.Context, password string) (string, error) {
	salt := make([]byte, h.params.SaltLen)
	if _, err := rand.Read(salt); err != nil {
		return "", fmt.Errorf("salt: %w", err)
	}
	key, err := h.derive(ctx, password, salt, h.params)
	if err != nil {
		return "", err
	}
	return encodePHC(h.params, salt, key), nil
}

// Verify reports whether password matches the PHC string encoded, in
// constant time with respect to the key.
func (h *Hasher) Verify(ctx context.Context, password, encoded string) (bool, error) {
	p, salt, want, err := decodePHC(encoded)
	if err != nil {
		return false, err
	}
	got, err := h.derive(ctx, password, salt, p)
	if err != nil {
		return false, err
	}
	return subtle.ConstantTimeCompare(got, want) == 1, nil
}

// NeedsRehash reports whether encoded was made with other parameters than
// the hasher's (or is not a hash it can read).
func (h *Hasher) NeedsRehash(encoded string) bool {
	p, salt, key, err := decodePHC(encoded)
	return err != nil || p.Memory != h.params.Memory || p.Time != h.params.Time ||
		p.Threads != h.params.Threads || uint32(len(salt)) != h.params.SaltLen || uint32(len(key)) != h.params.KeyLen
}

func (h *Hasher) derive(ctx context.Context, password string, salt []byte, p Argon2Params) ([]byte, error) {
	select {
	case h.slots <- struct{}{}:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	defer func() { <-h.slots }()
	return argon2.IDKey([]byte(password), salt, p.Time, p.Memory, p.Threads, p.KeyLen), nil
}

func encodePHC(p Argon2Params, salt, key []byte) string {
	b64 := base64.RawStdEncoding
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s",
		argon2.Version, p.Memory, p.Time, p.Threads, b64.EncodeToString(salt), b64.EncodeToString(key))
}

func decodePHC(encoded string) (Argon2Params, []byte, []byte, error) {
	parts := strings.Split(encoded, "$")
	if len(parts) != 6 || parts[0] != "" || parts[1] != "argon2id" {
		return Argon2Params{}, nil, nil, errMalformedHash
	}
	var version int
	if _, err := fmt.Sscanf(parts[2], "v=%d", &version); err != nil || version != argon2.Version {
		return Argon2Params{}, nil, nil, fmt.Errorf("%w: version %q", errMalformedHash, parts[2])
	}
	var p Argon2Params
	if n, err := fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d", &p.Memory, &p.Time, &p.Threads); err != nil || n != 3 ||
		fmt.Sprintf("m=%d,t=%d,p=%d", p.Memory, p.Time, p.Threads) != parts[3] {
		return Argon2Params{}, nil, nil, fmt.Errorf("%w: parameters %q", errMalformedHash, parts[3])
	}
	if p.Memory < 8*uint32(p.Threads) || p.Memory > maxMemoryKiB || p.Time < 1 || p.Time > maxTime || p.Threads < 1 {
		return Argon2Params{}, nil, nil, fmt.Errorf("%w: parameters out of range", errMalformedHash)
	}
	salt, err := base64.RawStdEncoding.Strict().DecodeString(parts[4])
	if err != nil || len(salt) < 8 {
		return Argon2Params{}, nil, nil, fmt.Errorf("%w: salt", errMalformedHash)
	}
	key, err := base64.RawStdEncoding.Strict().DecodeString(parts[5])
	if err != nil || len(key) < 16 || len(key) > maxKeyLen {
		return Argon2Params{}, nil, nil, fmt.Errorf("%w: key", errMalformedHash)
	}
	p.SaltLen, p.KeyLen = uint32(len(salt)), uint32(len(key))
	return p, salt, key, nil
}
