package domain

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/google/uuid"
	"golang.org/x/text/unicode/norm"
)

// Limits of the project fields.
const (
	MaxNameRunes        = 100
	MaxDescriptionRunes = 10_000
)

// Problems reported in validation details.
const (
	ProblemRequired = "required"
	ProblemInvalid  = "invalid"
	ProblemTooLong  = "too_long"
)

var (
	keyPattern   = regexp.MustCompile(`^[A-Z][A-Z0-9]{1,9}$`)
	colorPattern = regexp.MustCompile(`^#[0-9A-Fa-f]{6}$`)
)

// NormalizeName trims and NFC-normalises a project name and refuses
// control characters and the invisible format characters used to disguise
// text (bidirectional overrides, zero-width spaces, byte order marks).
// Zero-width joiners stay allowed: emoji sequences need them.
func NormalizeName(raw string) (string, string) {
	s := norm.NFC.String(strings.TrimSpace(raw))
	if s == "" {
		return "", ProblemRequired
	}
	if utf8.RuneCountInString(s) > MaxNameRunes {
		return "", ProblemTooLong
	}
	visible := false
	for _, r := range s {
		switch {
		case r == utf8.RuneError, unicode.IsControl(r), unicode.In(r, unicode.Zl, unicode.Zp):
			return "", ProblemInvalid
		case unicode.Is(unicode.Cf, r) && r != '\u200d':
			return "", ProblemInvalid
		case !unicode.IsSpace(r) && r != '\u200d':
			visible = true
		}
	}
	if !visible {
		return "", ProblemInvalid
	}
	return s, ""
}

// NormalizeDescription checks a Markdown description ("" for none). Line
// breaks and tabs are kept; other control characters and bidirectional
// overrides are refused. The text is stored as written and rendered by
// clients as Markdown with HTML disabled.
func NormalizeDescription(raw string) (string, string) {
	s := norm.NFC.String(strings.TrimSpace(strings.ReplaceAll(raw, "\r\n", "\n")))
	if utf8.RuneCountInString(s) > MaxDescriptionRunes {
		return "", ProblemTooLong
	}
	for _, r := range s {
		switch {
		case r == '\n' || r == '\t':
		case r == utf8.RuneError, unicode.IsControl(r):
			return "", ProblemInvalid
		case r >= '\u202a' && r <= '\u202e', r >= '\u2066' && r <= '\u2069':
			return "", ProblemInvalid
		}
	}
	return s, ""
}

// NormalizeColor checks a #rrggbb color and returns it lower-cased; ""
// means no color.
func NormalizeColor(raw string) (string, string) {
	if raw == "" {
		return "", ""
	}
	if !colorPattern.MatchString(raw) {
		return "", ProblemInvalid
	}
	return strings.ToLower(raw), ""
}

// NormalizeKey checks a project key: 2 to 10 characters, an upper-case
// ASCII letter then upper-case letters or digits (task references read
// KEY-123). Keys are not case-folded: "abc" is refused, not changed.
func NormalizeKey(raw string) (string, string) {
	switch {
	case raw == "":
		return "", ProblemRequired
	case len(raw) > 10:
		return "", ProblemTooLong
	case !keyPattern.MatchString(raw):
		return "", ProblemInvalid
	}
	return raw, ""
}

// NormalizeRole checks a role name.
func NormalizeRole(raw string) (string, string) {
	switch raw {
	case "":
		return "", ProblemRequired
	case RoleOwner, RoleParticipant:
		return raw, ""
	}
	return "", ProblemInvalid
}

// ParseID returns the canonical form of a UUID, or false. Ids in paths and
// bodies are compared in this form only.
func ParseID(raw string) (string, bool) {
	if len(raw) != 36 {
		return "", false
	}
	id, err := uuid.Parse(raw)
	if err != nil {
		return "", false
	}
	return id.String(), true
}

// NormalizeID checks an id (a UUID) given in a request body.
func NormalizeID(raw string) (string, string) {
	if raw == "" {
		return "", ProblemRequired
	}
	id, ok := ParseID(raw)
	if !ok {
		return "", ProblemInvalid
	}
	return id, ""
}
