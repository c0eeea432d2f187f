package domain

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/taskrocket/taskrocket/services/contracts"
	"github.com/taskrocket/taskrocket/services/platform/fields"
)

// Limits of the request fields.
const (
	MaxEmailBytes   = fields.MaxEmailBytes
	MaxMessageRunes = 500
)

// Problems reported in validation details.
const (
	problemInvalid      = fields.Invalid
	problemTooLong      = fields.TooLong
	problemExactlyOne   = "exactly_one"
	problemNotInvitable = "not_invitable"
)

// NormalizeEmail checks an address and returns it lower-cased, or the
// problem with it: the rule the users service applies at sign-up
// (fields.Email), so that an invitation by email can match the account
// created with that address.
func NormalizeEmail(raw string) (string, string) {
	return fields.Email(raw)
}

// NormalizeUsername checks a username, trimmed, by the users service's
// rule (fields.Username) and returns it lower-cased.
func NormalizeUsername(raw string) (string, string) {
	return fields.Username(strings.TrimSpace(raw))
}

// NormalizeMessage trims and NFC-normalises the note to the invitee. Line
// breaks and tabs are kept; other control characters, bidirectional
// overrides and isolates (which make text display differently from what it
// says) and non-characters are refused.
func NormalizeMessage(raw string) (string, string) {
	if !utf8.ValidString(raw) {
		return "", problemInvalid
	}
	s := norm.NFC.String(strings.TrimSpace(raw))
	for _, r := range s {
		switch {
		case r == '\n' || r == '\t' || r == '\r':
		case unicode.IsControl(r), isBidiControl(r), r == utf8.RuneError, r >= 0xFDD0 && r <= 0xFDEF, r&0xFFFE == 0xFFFE:
			return "", problemInvalid
		}
	}
	if utf8.RuneCountInString(s) > MaxMessageRunes {
		return "", problemTooLong
	}
	return s, ""
}

func isBidiControl(r rune) bool {
	return r == '\u061C' || r == '\u200E' || r == '\u200F' || (r >= '\u202A' && r <= '\u202E') || (r >= '\u2066' && r <= '\u2069')
}

// Draft is an invitation request as a client sent it.
type Draft struct {
	Email    string
	Username string
	Role     string
	Message  string
}

// Request is a validated Draft: exactly one of Email and Username is set,
// both normalised.
type Request struct {
	Email    string
	Username string
	Role     string
	Message  string
}

// ParseDraft validates a request and reports every invalid field at once.
// The role defaults to participant; owners are made by transferring
// ownership in the projects service, never by invitation.
func ParseDraft(d Draft) (Request, error) {
	problems := FieldErrors{}
	var r Request
	hasEmail, hasUsername := strings.TrimSpace(d.Email) != "", strings.TrimSpace(d.Username) != ""
	switch {
	case hasEmail == hasUsername:
		problems.Add("email", problemExactlyOne)
		problems.Add("username", problemExactlyOne)
	case hasEmail:
		email, p := NormalizeEmail(d.Email)
		if p != "" {
			problems.Add("email", p)
		}
		r.Email = email
	default:
		username, p := NormalizeUsername(d.Username)
		if p != "" {
			problems.Add("username", p)
		}
		r.Username = username
	}
	switch d.Role {
	case "", contracts.RoleParticipant:
		r.Role = contracts.RoleParticipant
	case contracts.RoleOwner:
		problems.Add("role", problemNotInvitable)
	default:
		problems.Add("role", problemInvalid)
	}
	msg, p := NormalizeMessage(d.Message)
	if p != "" {
		problems.Add("message", p)
	}
	r.Message = msg
	if err := problems.Err(); err != nil {
		return Request{}, err
	}
	return r, nil
}
