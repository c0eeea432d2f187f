package domain

import (
	"regexp"

	"github.com/taskrocket/taskrocket/services/platform/fields"
)

// Limits of the project fields.
const (
	MaxNameRunes        = 100
	MaxDescriptionRunes = 10_000
)

// Problems reported in validation details.
const (
	ProblemRequired = fields.Required
	ProblemInvalid  = fields.Invalid
	ProblemTooLong  = fields.TooLong
)

var keyPattern = regexp.MustCompile(`^[A-Z][A-Z0-9]{1,9}$`)

// NormalizeName trims and NFC-normalises a project name (fields.Line:
// no control or invisible format characters, something visible).
func NormalizeName(raw string) (string, string) {
	return fields.Line(raw, MaxNameRunes)
}

// NormalizeDescription checks a Markdown description ("" for none); see
// fields.Markdown.
func NormalizeDescription(raw string) (string, string) {
	return fields.Markdown(raw, MaxDescriptionRunes)
}

// NormalizeColor checks a #rrggbb color and returns it lower-cased; ""
// means no color.
func NormalizeColor(raw string) (string, string) {
	if raw == "" {
		return "", ""
	}
	return fields.Color(raw)
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
	return fields.ParseUUID(raw)
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
