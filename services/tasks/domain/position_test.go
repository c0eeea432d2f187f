package domain

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

func TestPositionBetweenKnownKeys(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, a, b, want string
	}{
		{"empty-list", "", "", "a0"},
		{"append-increments-integer", "a0", "", "a1"},
		{"append-carries-into-longer-integer", "az", "", "b00"},
		{"prepend-decrements-integer", "", "a0", "Zz"},
		{"between-adjacent-integers-uses-fraction", "a0", "a1", "a0V"},
		{"between-far-integers-takes-next", "a0", "a5", "a1"},
		{"between-fractions", "a0V", "a1", "a0l"},
		{"before-key-with-fraction-takes-its-integer", "", "a0V", "a0"},
		{"after-key-with-fraction", "a0V", "", "a1"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			got, err := PositionBetween(tc.a, tc.b)
			if err != nil || got != tc.want {
				t.Fatalf("PositionBetween(%q, %q) = %q, %v; want %q", tc.a, tc.b, got, err, tc.want)
			}
		})
	}
}

func TestPositionBetweenRefusesBadInput(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct{ name, a, b string }{
		{"out-of-order", "a1", "a0"},
		{"equal", "a1", "a1"},
		{"trailing-zero", "a10", ""},
		{"bad-head", "!0", ""},
		{"integer-too-short", "c0", ""},
		{"non-digit", "a0-", ""},
		{"smallest-integer", "A" + strings.Repeat("0", 26), ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			if got, err := PositionBetween(tc.a, tc.b); err == nil {
				t.Fatalf("PositionBetween(%q, %q) = %q, want an error", tc.a, tc.b, got)
			}
		})
	}
}

// Random moves into a list keep every key valid, distinct and strictly
// between its neighbours, with byte order as the list order.
func TestPositionsKeepTheListOrderUnderRandomMoves(t *testing.T) {
	t.Parallel()
	rng := rand.New(rand.NewPCG(1, 2))
	var list []string // sorted keys
	for range 3000 {
		i := rng.IntN(len(list) + 1) // insert before list[i]
		var a, b string
		if i > 0 {
			a = list[i-1]
		}
		if i < len(list) {
			b = list[i]
		}
		var key string
		var err error
		if b == "" && rng.IntN(2) == 0 {
			key, err = PositionAfter(a)
		} else {
			key, err = PositionBetween(a, b)
		}
		if err != nil {
			t.Fatalf("between %q and %q: %v", a, b, err)
		}
		if !ValidPosition(key) || (a != "" && key <= a) || (b != "" && key >= b) {
			t.Fatalf("key %q is not valid and strictly between %q and %q", key, a, b)
		}
		list = slices.Insert(list, i, key)
	}
	if !slices.IsSorted(list) {
		t.Fatal("list out of order")
	}
}

// Appending keeps keys short: the integer part grows with the logarithm
// of the list's length.
func TestAppendingKeepsKeysShort(t *testing.T) {
	t.Parallel()
	key := ""
	for range 100_000 {
		next, err := PositionAfter(key)
		if err != nil || next <= key {
			t.Fatalf("after %q: %q, %v", key, next, err)
		}
		key = next
	}
	if len(key) > 7 {
		t.Fatalf("key after 100k appends is %q (%d bytes)", key, len(key))
	}
}

// Moving into the same ever narrower gap ends with position_exhausted,
// never with an over-long key.
func TestNarrowingGapEndsInPositionExhausted(t *testing.T) {
	t.Parallel()
	a, b := "a0", "a1"
	for i := 0; ; i++ {
		key, err := PositionBetween(a, b)
		if err == ErrPositionExhausted {
			return
		}
		if err != nil || len(key) > MaxPositionBytes {
			t.Fatalf("move %d: %q, %v", i, key, err)
		}
		b = key
	}
}
