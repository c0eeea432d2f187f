package domain

import (
	"net/mail"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/taskrocket/taskrocket/services/contracts"
)

// Limits of the request fields.
const (
	MaxEmailBytes   = 254 // RFC 5321 path limit
	MaxMessageRunes = 500
)

// Problems reported in validation details.
const (
	problemRequired     = "required"
	problemInvalid      = "invalid"
	problemTooLong      = "too_long"
	problemExactlyOne   = "exactly_one"
	problemNotInvitable = "not_invitable"
)

// Usernames are checked before lower-casing, in ASCII only (the users
// service's rule): Unicode case folding would turn look-alikes such as
// U+212A KELVIN SIGN into ASCII letters.
var (
	usernameInput = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9_.-]{2,31}$`)
	emailLocal    = regexp.MustCompile(`^[a-z0-9!#$%&'*+/=?^_{|}~-]+(\.[a-z0-9!#$%&'*+/=?^_{|}~-]+)*$`)
	domainLabel   = regexp.MustCompile(`^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$`)
)

// NormalizeEmail checks an address and returns it lower-cased, or the
// problem with it. Addresses are plain ASCII addr-specs with a dotted
// domain, the form the users service accepts at sign-up, so that an
// invitation by email can match the account created with that address.
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
	local, host, _ := strings.Cut(s, "@")
	if len(local) > 64 || !emailLocal.MatchString(local) {
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
	s := strings.TrimSpace(raw)
	switch {
	case s == "":
		return "", problemRequired
	case !usernameInput.MatchString(s):
		return "", problemInvalid
	}
	return strings.ToLower(s), ""
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
