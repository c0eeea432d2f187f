package domain

import (
	_ "embed"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Password length limits, in characters (runes). The upper bound keeps
// hashing cost bounded; NIST SP 800-63B asks for at least 64.
const (
	MinPasswordRunes = 10
	MaxPasswordRunes = 256
)

//go:generate sh gen_common_passwords.sh

//go:embed common_passwords.txt
var commonPasswordsFile string

// PasswordPolicy decides whether a password may be set: long enough, and
// neither one of the most common passwords nor the account's own name or
// address (compared case-insensitively).
type PasswordPolicy struct {
	common map[string]struct{}
}

// NewPasswordPolicy loads the embedded list of common passwords.
func NewPasswordPolicy() (*PasswordPolicy, error) {
	common := make(map[string]struct{}, 2048)
	listMin := -1
	for line := range strings.Lines(commonPasswordsFile) {
		line = strings.TrimRight(line, "\r\n")
		if v, ok := strings.CutPrefix(line, "# min-runes: "); ok {
			n, err := strconv.Atoi(strings.Fields(v)[0])
			if err != nil {
				return nil, fmt.Errorf("common passwords: bad min-runes header %q", line)
			}
			listMin = n
		}
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		common[line] = struct{}{}
	}
	// The list leaves out entries shorter than its min-runes; a lower
	// length rule would let those through unchecked.
	if listMin < 0 || listMin > MinPasswordRunes {
		return nil, fmt.Errorf("common passwords: list cut at %d runes, policy allows %d: regenerate the list", listMin, MinPasswordRunes)
	}
	return &PasswordPolicy{common: common}, nil
}

// Check returns ErrPasswordTooShort or ErrPasswordTooCommon, or nil.
// personal holds the account's own words (username, email address,
// display name), which are refused as passwords too. The password's shape
// (present, not too long) is checked by PasswordProblem first.
func (p *PasswordPolicy) Check(password string, personal ...string) error {
	if utf8.RuneCountInString(password) < MinPasswordRunes {
		return ErrPasswordTooShort
	}
	lower := strings.ToLower(password)
	if _, ok := p.common[lower]; ok {
		return ErrPasswordTooCommon
	}
	for _, w := range personal {
		w = strings.ToLower(strings.TrimSpace(w))
		local, _, _ := strings.Cut(w, "@")
		if w != "" && (lower == w || lower == local) {
			return ErrPasswordTooCommon
		}
	}
	return nil
}

// PasswordProblem reports a password that is missing or longer than the
// limit, as a validation problem ("" when the shape is fine).
func PasswordProblem(password string) string {
	switch {
	case password == "":
		return problemRequired
	case utf8.RuneCountInString(password) > MaxPasswordRunes:
		return problemTooLong
	}
	return ""
}
