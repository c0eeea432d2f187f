package domain

import (
	"crypto/rand"
	"errors"
	"strings"
)

// Positions order tasks by hand. A position is a fractional index key: a
// string over the base-62 digits 0-9A-Za-z (ascending in byte order)
// made of an integer part, whose first character encodes its length
// ('a'..'z' for 2..27 characters, 'A'..'Z' for the negative range), and a
// fraction that never ends in '0'. Between any two keys there is always
// another, so moving a task rewrites that one task's key and nothing
// else; appending at either end increments the integer part, which keeps
// keys short (the scheme of "fractional indexing" by David Greenspan).
//
// The database compares positions with COLLATE "C" (bytes); so must
// clients.

const digits = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"

// MaxPositionBytes bounds a key. Keys grow by about one character per six
// moves into an ever narrower gap (each between the same task and the one
// moved before), so a real list stays far below it.
const MaxPositionBytes = 255

// jitterDigits are appended to keys made for the end of a list, so that
// tasks created at the same moment get different keys (equal keys are
// still ordered, by id, but nothing fits between them).
const jitterDigits = 3

// smallestInteger is the lowest integer part; it cannot be decremented,
// so keys below it live in its fraction.
var smallestInteger = "A" + strings.Repeat("0", 26)

var errBadKey = errors.New("invalid position key")

func digitValue(c byte) int { return strings.IndexByte(digits, c) }

func integerLength(head byte) (int, bool) {
	switch {
	case head >= 'a' && head <= 'z':
		return int(head-'a') + 2, true
	case head >= 'A' && head <= 'Z':
		return int('Z'-head) + 2, true
	}
	return 0, false
}

// ValidPosition reports whether key is a well-formed position.
func ValidPosition(key string) bool {
	_, _, err := splitKey(key)
	return err == nil
}

func splitKey(key string) (integer, fraction string, err error) {
	if key == "" || len(key) > MaxPositionBytes || key == smallestInteger {
		return "", "", errBadKey
	}
	for i := 0; i < len(key); i++ {
		if digitValue(key[i]) < 0 {
			return "", "", errBadKey
		}
	}
	n, ok := integerLength(key[0])
	if !ok || n > len(key) {
		return "", "", errBadKey
	}
	integer, fraction = key[:n], key[n:]
	if strings.HasSuffix(fraction, "0") {
		return "", "", errBadKey
	}
	return integer, fraction, nil
}

// PositionBetween returns a key strictly between a and b; "" stands for
// the start (a) or the end (b) of the list.
func PositionBetween(a, b string) (string, error) {
	key, err := between(a, b)
	if err != nil {
		return "", err
	}
	if len(key) > MaxPositionBytes-jitterDigits {
		return "", ErrPositionExhausted
	}
	return key, nil
}

func between(a, b string) (string, error) {
	var ia, fa, ib, fb string
	var err error
	if a != "" {
		if ia, fa, err = splitKey(a); err != nil {
			return "", err
		}
	}
	if b != "" {
		if ib, fb, err = splitKey(b); err != nil {
			return "", err
		}
	}
	switch {
	case a != "" && b != "" && a >= b:
		return "", errors.New("position keys out of order")
	case a == "" && b == "":
		return "a0", nil
	case a == "":
		if ib == smallestInteger {
			return ib + midpoint("", fb), nil
		}
		if ib < b {
			return ib, nil
		}
		if d, ok := decrementInteger(ib); ok {
			return d, nil
		}
		return ib + midpoint("", fb), nil
	case b == "":
		if i, ok := incrementInteger(ia); ok {
			return i, nil
		}
		return ia + midpoint(fa, ""), nil
	case ia == ib:
		return ia + midpoint(fa, fb), nil
	}
	if i, ok := incrementInteger(ia); ok && i < b {
		return i, nil
	}
	return ia + midpoint(fa, ""), nil
}

// PositionAfter returns a key after a ("" for an empty list) with random
// trailing digits, for appending: two tasks appended at the same moment
// after the same key still get distinct keys.
func PositionAfter(a string) (string, error) {
	key, err := PositionBetween(a, "")
	if err != nil {
		return "", err
	}
	return key + jitter(), nil
}

// jitter returns random digits whose last one is not '0'.
func jitter() string {
	buf := make([]byte, jitterDigits)
	_, _ = rand.Read(buf)
	out := make([]byte, jitterDigits)
	for i, v := range buf {
		out[i] = digits[int(v)%len(digits)]
	}
	if out[jitterDigits-1] == '0' {
		out[jitterDigits-1] = '1'
	}
	return string(out)
}

// midpoint returns a fraction strictly between fractions a and b ("" for
// b is one past the largest); neither ends in '0', and a < b.
func midpoint(a, b string) string {
	if b != "" {
		n := 0
		for n < len(b) && digitAt(a, n) == b[n] {
			n++
		}
		if n > 0 {
			return b[:n] + midpoint(tail(a, n), b[n:])
		}
	}
	da := 0
	if a != "" {
		da = digitValue(a[0])
	}
	db := len(digits)
	if b != "" {
		db = digitValue(b[0])
	}
	if db-da > 1 {
		return string(digits[(da+db+1)/2])
	}
	if len(b) > 1 {
		return b[:1]
	}
	return string(digits[da]) + midpoint(tail(a, 1), "")
}

func digitAt(s string, i int) byte {
	if i < len(s) {
		return s[i]
	}
	return digits[0]
}

func tail(s string, n int) string {
	if n >= len(s) {
		return ""
	}
	return s[n:]
}

func incrementInteger(x string) (string, bool) {
	head, ds := x[0], []byte(x[1:])
	for i := len(ds) - 1; i >= 0; i-- {
		d := digitValue(ds[i]) + 1
		if d < len(digits) {
			ds[i] = digits[d]
			return string(head) + string(ds), true
		}
		ds[i] = digits[0]
	}
	switch head {
	case 'Z':
		return "a0", true
	case 'z':
		return "", false
	}
	head++
	if head > 'a' {
		ds = append(ds, digits[0])
	} else {
		ds = ds[:len(ds)-1]
	}
	return string(head) + string(ds), true
}

func decrementInteger(x string) (string, bool) {
	head, ds := x[0], []byte(x[1:])
	for i := len(ds) - 1; i >= 0; i-- {
		d := digitValue(ds[i]) - 1
		if d >= 0 {
			ds[i] = digits[d]
			return string(head) + string(ds), true
		}
		ds[i] = digits[len(digits)-1]
	}
	switch head {
	case 'a':
		return "Z" + string(digits[len(digits)-1]), true
	case 'A':
		return "", false
	}
	head--
	if head < 'Z' {
		ds = append(ds, digits[len(digits)-1])
	} else {
		ds = ds[:len(ds)-1]
	}
	return string(head) + string(ds), true
}
