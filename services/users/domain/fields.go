package domain

import (
	"net/mail"
	"net/url"
	"regexp"
	"strings"
	"time"
	_ "time/tzdata" // IANA zones even where the system has none (distroless)
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/language"
	"golang.org/x/text/unicode/norm"
)

// Limits of the profile fields.
const (
	MaxEmailBytes       = 254 // RFC 5321 path limit
	MaxDisplayNameRunes = 100
	MaxAvatarURLBytes   = 2048
	maxTimezoneBytes    = 64
	maxLocaleBytes      = 35
)

// Defaults of a new profile.
const (
	DefaultTimezone = "UTC"
	DefaultLocale   = "en"
)

// Problems reported in validation details.
const (
	problemRequired = "required"
	problemInvalid  = "invalid"
	problemTooLong  = "too_long"
)

// Usernames are checked before lower-casing, in ASCII only: Unicode case
// folding would turn look-alikes (U+212A KELVIN SIGN) into ASCII letters.
var (
	usernameInput = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9_.-]{2,31}$`)
	emailLocal    = regexp.MustCompile(`^[a-z0-9!#$%&'*+/=?^_{|}~-]+(\.[a-z0-9!#$%&'*+/=?^_{|}~-]+)*$`)
	domainLabel   = regexp.MustCompile(`^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$`)
	timezoneName  = regexp.MustCompile(`^[A-Za-z0-9_+-]+(/[A-Za-z0-9_+-]+)*$`)
)

// NormalizeEmail checks an address and returns it lower-cased. Addresses
// are plain ASCII addr-specs (no display name, no quoted local part, no
// comments) with a dotted domain: what mail can reliably be sent to and
// what a person means when typing an address.
func NormalizeEmail(raw string) (string, string) {
	s := strings.TrimSpace(raw)
	switch {
	case s == "":
		return "", problemRequired
	case len(s) > MaxEmailBytes:
		return "", problemTooLong
	}
	for i := 0; i < len(s); i++ {
		if s[i] <= ' ' || s[i] >= 0x7f {
			return "", problemInvalid
		}
	}
	s = strings.ToLower(s)
	addr, err := mail.ParseAddress(s)
	if err != nil || addr.Name != "" || addr.Address != s {
		return "", problemInvalid
	}
	local, host, ok := strings.Cut(s, "@")
	if !ok || len(local) > 64 || !emailLocal.MatchString(local) {
		return "", problemInvalid
	}
	labels := strings.Split(host, ".")
	if len(labels) < 2 {
		return "", problemInvalid
	}
	for _, l := range labels {
		if !domainLabel.MatchString(l) {
			return "", problemInvalid
		}
	}
	return s, ""
}

// NormalizeUsername checks a username and returns it lower-cased.
func NormalizeUsername(raw string) (string, string) {
	switch {
	case raw == "":
		return "", problemRequired
	case !usernameInput.MatchString(raw):
		return "", problemInvalid
	}
	return strings.ToLower(raw), ""
}

// NormalizeDisplayName trims and NFC-normalises a display name and refuses
// control characters and the invisible format characters used to disguise
// text (bidirectional overrides, zero-width spaces, byte order marks).
// Zero-width joiners stay allowed: emoji sequences need them.
func NormalizeDisplayName(raw string) (string, string) {
	s := norm.NFC.String(strings.TrimSpace(raw))
	if s == "" {
		return "", problemRequired
	}
	if utf8.RuneCountInString(s) > MaxDisplayNameRunes {
		return "", problemTooLong
	}
	visible := false
	for _, r := range s {
		switch {
		case r == utf8.RuneError, unicode.IsControl(r), unicode.In(r, unicode.Zl, unicode.Zp):
			return "", problemInvalid
		case unicode.Is(unicode.Cf, r) && r != '\u200d':
			return "", problemInvalid
		case !unicode.IsSpace(r) && r != '\u200d':
			visible = true
		}
	}
	if !visible {
		return "", problemInvalid
	}
	return s, ""
}

// NormalizeTimezone checks an IANA time zone name.
func NormalizeTimezone(raw string) (string, string) {
	switch {
	case raw == "":
		return "", problemRequired
	case len(raw) > maxTimezoneBytes:
		return "", problemTooLong
	case raw == "Local" || !timezoneName.MatchString(raw):
		return "", problemInvalid
	}
	if _, err := time.LoadLocation(raw); err != nil {
		return "", problemInvalid
	}
	return raw, ""
}

// NormalizeLocale checks a BCP 47 language tag and returns its canonical
// form ("en_us" -> "en-US").
func NormalizeLocale(raw string) (string, string) {
	switch {
	case raw == "":
		return "", problemRequired
	case len(raw) > maxLocaleBytes:
		return "", problemTooLong
	}
	for i := 0; i < len(raw); i++ {
		c := raw[i]
		if !(c == '-' || c == '_' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z') {
			return "", problemInvalid
		}
	}
	tag, err := language.Parse(raw)
	if err != nil {
		return "", problemInvalid
	}
	return tag.String(), ""
}

// NormalizeAvatarURL checks an absolute http(s) URL; "" clears the avatar.
func NormalizeAvatarURL(raw string) (string, string) {
	if raw == "" {
		return "", ""
	}
	if len(raw) > MaxAvatarURLBytes {
		return "", problemTooLong
	}
	for i := 0; i < len(raw); i++ {
		if raw[i] <= ' ' || raw[i] >= 0x7f {
			return "", problemInvalid // clients percent-encode
		}
	}
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" || u.User != nil {
		return "", problemInvalid
	}
	return raw, ""
}
