package domain

import (
	"net/url"

	"golang.org/x/text/language"

	"github.com/taskrocket/taskrocket/services/platform/fields"
)

// Limits of the profile fields.
const (
	MaxEmailBytes       = fields.MaxEmailBytes
	MaxDisplayNameRunes = 100
	MaxAvatarURLBytes   = 2048
	maxLocaleBytes      = 35
)

// Defaults of a new profile.
const (
	DefaultTimezone = "UTC"
	DefaultLocale   = "en"
)

// Problems reported in validation details.
const (
	problemRequired = fields.Required
	problemInvalid  = fields.Invalid
	problemTooLong  = fields.TooLong
	// ProblemTooMany: a list holds more entries than allowed.
	ProblemTooMany = "too_many"
)

// NormalizeEmail checks an address and returns it lower-cased (see
// fields.Email: a plain ASCII addr-spec with a dotted domain).
func NormalizeEmail(raw string) (string, string) {
	return fields.Email(raw)
}

// NormalizeUsername checks a username and returns it lower-cased.
func NormalizeUsername(raw string) (string, string) {
	return fields.Username(raw)
}

// NormalizeDisplayName trims and NFC-normalises a display name (fields.Line:
// no control or invisible format characters, something visible).
func NormalizeDisplayName(raw string) (string, string) {
	return fields.Line(raw, MaxDisplayNameRunes)
}

// NormalizeTimezone checks an IANA time zone name.
func NormalizeTimezone(raw string) (string, string) {
	return fields.Timezone(raw)
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
