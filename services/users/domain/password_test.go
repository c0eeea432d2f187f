package domain

import (
	"errors"
	"fmt"
	"strings"
	"testing"
)

func TestPasswordPolicy(t *testing.T) {
	t.Parallel()
	policy, err := NewPasswordPolicy()
	if err != nil {
		t.Fatal(err)
	}
	if len(policy.common) < 1000 {
		t.Fatalf("the embedded list has %d entries; it should have the common passwords of ten characters or more", len(policy.common))
	}
	personal := []string{"adalovelace", "ada.lovelace@example.com", "Ada Lovelace"}
	tests := []struct {
		name     string
		password string
		want     error
	}{
		{"ok", "correct horse battery", nil},
		{"ten-runes-ok", "Xk3#pq9!Lm", nil},
		{"ten-multibyte-runes-ok", "żółćźęąśńŁ", nil},
		{"nine-runes-too-short", "Xk3#pq9!L", ErrPasswordTooShort},
		{"five-multibyte-runes-too-short", "żółćź", ErrPasswordTooShort},
		{"common", "qwertyuiop", ErrPasswordTooCommon},
		{"common-any-case", "PassWord123", ErrPasswordTooCommon},
		{"common-digits", "1234567890", ErrPasswordTooCommon},
		{"username", "AdaLovelace", ErrPasswordTooCommon},
		{"email", "ada.lovelace@example.com", ErrPasswordTooCommon},
		{"email-local-part", "Ada.Lovelace", ErrPasswordTooCommon},
		{"display-name", "ada lovelace", ErrPasswordTooCommon},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			err := policy.Check(tc.password, personal...)
			if !errors.Is(err, tc.want) && !(err == nil && tc.want == nil) {
				t.Fatalf("Check(%q) = %v, want %v", tc.password, err, tc.want)
			}
		})
	}
}

func TestPasswordProblem(t *testing.T) {
	t.Parallel()
	if p := PasswordProblem(""); p != "required" {
		t.Errorf("empty: %q", p)
	}
	if p := PasswordProblem(strings.Repeat("ż", MaxPasswordRunes)); p != "" {
		t.Errorf("at the limit: %q", p)
	}
	if p := PasswordProblem(strings.Repeat("a", MaxPasswordRunes+1)); p != "too_long" {
		t.Errorf("over the limit: %q", p)
	}
}

func TestCommonPasswordListCoversTheLengthRule(t *testing.T) {
	t.Parallel()
	for line := range strings.Lines(commonPasswordsFile) {
		line = strings.TrimRight(line, "\n")
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		if line != strings.ToLower(line) {
			t.Fatalf("entry %q is not lower-cased: comparisons are case-insensitive", line)
		}
	}
	if !strings.Contains(commonPasswordsFile, fmt.Sprintf("# min-runes: %d ", MinPasswordRunes)) {
		t.Fatal("the list is cut at its min-runes; regenerate it when MinPasswordRunes changes")
	}
}
