// Package fields holds the rules for request fields that several services
// accept alike: single-line names, Markdown descriptions, colours, email
// addresses, usernames, time zones and ids. Each check returns the value in
// its stored form or the problem with it, one of the codes clients see in
// a validation error's details.fields (see Problems). Limits that differ
// between services are parameters; rules that differ stay in the service.
package fields

import (
	"net/mail"
	"regexp"
	"strings"
	"time"
	_ "time/tzdata" // IANA zones even where the system has none (distroless)
	"unicode"
	"unicode/utf8"

	"github.com/google/uuid"
	"golang.org/x/text/unicode/norm"
)

// Problems reported for a field.
const (
	Required = "required"
	Invalid  = "invalid"
	TooLong  = "too_long"
)

// MaxEmailBytes is the longest address accepted: the RFC 5321 path limit.
const MaxEmailBytes = 254

const maxTimezoneBytes = 64

// Usernames are checked before lower-casing, in ASCII only: Unicode case
// folding would turn look-alikes (U+212A KELVIN SIGN) into ASCII letters.
var (
	usernameInput = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9_.-]{2,31}$`)
	emailLocal    = regexp.MustCompile(`^[a-z0-9!#$%&'*+/=?^_{|}~-]+(\.[a-z0-9!#$%&'*+/=?^_{|}~-]+)*$`)
	domainLabel   = regexp.MustCompile(`^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$`)
	timezoneName  = regexp.MustCompile(`^[A-Za-z0-9_+-]+(/[A-Za-z0-9_+-]+)*$`)
	colorPattern  = regexp.MustCompile(`^#[0-9A-Fa-f]{6}$`)
)

// Line trims and NFC-normalises a one-line name (a title, a display name)
// of at most maxRunes characters. It refuses control characters, line and
// paragraph separators and the invisible format characters used to
// disguise text (bidirectional overrides, zero-width spaces, byte order
// marks), and a name with nothing visible in it. Zero-width joiners stay
// allowed: emoji sequences need them.
func Line(raw string, maxRunes int) (string, string) {
	s := norm.NFC.String(strings.TrimSpace(raw))
	if s == "" {
		return "", Required
	}
	if utf8.RuneCountInString(s) > maxRunes {
		return "", TooLong
	}
	visible := false
	for _, r := range s {
		switch {
		case r == utf8.RuneError, unicode.IsControl(r), unicode.In(r, unicode.Zl, unicode.Zp):
			return "", Invalid
		case unicode.Is(unicode.Cf, r) && r != '\u200d':
			return "", Invalid
		case !unicode.IsSpace(r) && r != '\u200d':
			visible = true
		}
	}
	if !visible {
		return "", Invalid
	}
	return s, ""
}

// Markdown checks a Markdown text of at most maxRunes characters ("" for
// none), trimmed, NFC-normalised and with CRLF line ends made LF. Line
// breaks and tabs are kept; other control characters and bidirectional
// overrides are refused. The text is stored as written and rendered by
// clients as Markdown with HTML disabled.
func Markdown(raw string, maxRunes int) (string, string) {
	s := norm.NFC.String(strings.TrimSpace(strings.ReplaceAll(raw, "\r\n", "\n")))
	if utf8.RuneCountInString(s) > maxRunes {
		return "", TooLong
	}
	for _, r := range s {
		switch {
		case r == '\n' || r == '\t':
		case r == utf8.RuneError, unicode.IsControl(r):
			return "", Invalid
		case r >= '\u202a' && r <= '\u202e', r >= '\u2066' && r <= '\u2069':
			return "", Invalid
		}
	}
	return s, ""
}

// Color checks a #rrggbb colour and returns it lower-cased.
func Color(raw string) (string, string) {
	switch {
	case raw == "":
		return "", Required
	case !colorPattern.MatchString(raw):
		return "", Invalid
	}
	return strings.ToLower(raw), ""
}

// Email checks an address and returns it trimmed and lower-cased.
// Addresses are plain ASCII addr-specs (no display name, no quoted local
// part, no comments) with a dotted domain: what mail can reliably be sent
// to and what a person means when typing an address. Sign-up and
// invitations by email share the rule, so that an invitation can match
// the account created with its address.
func Email(raw string) (string, string) {
	s := strings.TrimSpace(raw)
	switch {
	case s == "":
		return "", Required
	case len(s) > MaxEmailBytes:
		return "", TooLong
	}
	for i := 0; i < len(s); i++ {
		if s[i] <= ' ' || s[i] >= 0x7f {
			return "", Invalid
		}
	}
	s = strings.ToLower(s)
	addr, err := mail.ParseAddress(s)
	if err != nil || addr.Name != "" || addr.Address != s {
		return "", Invalid
	}
	local, host, ok := strings.Cut(s, "@")
	if !ok || len(local) > 64 || !emailLocal.MatchString(local) {
		return "", Invalid
	}
	labels := strings.Split(host, ".")
	if len(labels) < 2 {
		return "", Invalid
	}
	for _, l := range labels {
		if !domainLabel.MatchString(l) {
			return "", Invalid
		}
	}
	return s, ""
}

// Username checks a username as typed (3 to 32 ASCII letters, digits, '_',
// '.' and '-', starting with a letter or digit) and returns it lower-cased.
// It does not trim: a caller that tolerates surrounding spaces trims first.
func Username(raw string) (string, string) {
	switch {
	case raw == "":
		return "", Required
	case !usernameInput.MatchString(raw):
		return "", Invalid
	}
	return strings.ToLower(raw), ""
}

// Timezone checks an IANA time zone name; "Local" is refused, since it
// means whatever zone the server runs in.
func Timezone(raw string) (string, string) {
	switch {
	case raw == "":
		return "", Required
	case len(raw) > maxTimezoneBytes:
		return "", TooLong
	case raw == "Local" || !timezoneName.MatchString(raw):
		return "", Invalid
	}
	if _, err := time.LoadLocation(raw); err != nil {
		return "", Invalid
	}
	return raw, ""
}

// ParseUUID returns the canonical lower-case form of a UUID of any
// version, or false. Only the 36-character 8-4-4-4-12 form is accepted,
// so that ids in paths, bodies and queries compare in one form.
func ParseUUID(raw string) (string, bool) {
	if len(raw) != 36 {
		return "", false
	}
	id, err := uuid.Parse(raw)
	if err != nil {
		return "", false
	}
	return id.String(), true
}
