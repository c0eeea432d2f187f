package domain

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"strings"
)

// AllEmail is the kind named by an unsubscribe link that turns off every
// e-mail (the digest's).
const AllEmail Kind = "all"

// UnsubscribeToken signs "userID stops e-mail of kind" with the user's
// key, so that a link in a message works without logging in and only for
// that user and kind. kind "" means AllEmail.
func UnsubscribeToken(userID string, kind Kind, key []byte) string {
	if kind == "" {
		kind = AllEmail
	}
	return userID + "." + string(kind) + "." + unsubscribeMAC(userID, kind, key)
}

// ParseUnsubscribeToken splits a token into the user and kind it names;
// CheckUnsubscribeToken then verifies it with the user's key.
func ParseUnsubscribeToken(token string) (userID string, kind Kind, ok bool) {
	parts := strings.Split(token, ".")
	if len(parts) != 3 || parts[0] == "" || parts[2] == "" {
		return "", "", false
	}
	kind = Kind(parts[1])
	if kind != AllEmail && !kind.Valid() {
		return "", "", false
	}
	return parts[0], kind, true
}

// CheckUnsubscribeToken reports whether token was signed with key.
func CheckUnsubscribeToken(token string, key []byte) bool {
	userID, kind, ok := ParseUnsubscribeToken(token)
	if !ok || len(key) == 0 {
		return false
	}
	want := UnsubscribeToken(userID, kind, key)
	return hmac.Equal([]byte(token), []byte(want))
}

func unsubscribeMAC(userID string, kind Kind, key []byte) string {
	m := hmac.New(sha256.New, key)
	m.Write([]byte(userID + "|" + string(kind)))
	return base64.RawURLEncoding.EncodeToString(m.Sum(nil)[:18])
}
