package domain

import (
	"errors"
	"strings"
	"testing"

	"github.com/taskrocket/taskrocket/services/platform/apperr"
)

func fieldsOf(t *testing.T, err error) map[string]any {
	t.Helper()
	var e *apperr.Error
	if !errors.As(err, &e) || e.Code != "validation_failed" {
		t.Fatalf("want validation_failed, got %v", err)
	}
	return e.Details["fields"].(map[string]any)
}

func TestParseDraft(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		draft  Draft
		want   Request
		fields map[string]string
	}{
		{"username-lower-cased-role-defaulted", Draft{Username: " Ada_L "}, Request{Username: "ada_l", Role: "participant"}, nil},
		{"email-lower-cased", Draft{Email: " Ada@Example.COM", Role: "participant"}, Request{Email: "ada@example.com", Role: "participant"}, nil},
		{"message-trimmed-and-nfc", Draft{Username: "ada", Message: "  Cafe\u0301\nsee you\t "}, Request{Username: "ada", Role: "participant", Message: "Caf\u00e9\nsee you"}, nil},
		{"message-500-runes", Draft{Username: "ada", Message: strings.Repeat("ż", 500)}, Request{Username: "ada", Role: "participant", Message: strings.Repeat("ż", 500)}, nil},
		{"neither-invitee", Draft{}, Request{}, map[string]string{"email": "exactly_one", "username": "exactly_one"}},
		{"blank-invitees", Draft{Email: " ", Username: "\t"}, Request{}, map[string]string{"email": "exactly_one", "username": "exactly_one"}},
		{"both-invitees", Draft{Email: "a@example.com", Username: "ada"}, Request{}, map[string]string{"email": "exactly_one", "username": "exactly_one"}},
		{"owner-not-invitable", Draft{Username: "ada", Role: "owner"}, Request{}, map[string]string{"role": "not_invitable"}},
		{"unknown-role", Draft{Username: "ada", Role: "admin"}, Request{}, map[string]string{"role": "invalid"}},
		{"role-case-matters", Draft{Username: "ada", Role: "Participant"}, Request{}, map[string]string{"role": "invalid"}},
		{"message-501-runes", Draft{Username: "ada", Message: strings.Repeat("ż", 501)}, Request{}, map[string]string{"message": "too_long"}},
		{"message-rtl-override", Draft{Username: "ada", Message: "pay \u202egnp.exe"}, Request{}, map[string]string{"message": "invalid"}},
		{"message-nul", Draft{Username: "ada", Message: "a\x00b"}, Request{}, map[string]string{"message": "invalid"}},
		{"message-escape-sequence", Draft{Username: "ada", Message: "\x1b[31mred"}, Request{}, map[string]string{"message": "invalid"}},
		{"message-invalid-utf8", Draft{Username: "ada", Message: "\xff\xfe"}, Request{}, map[string]string{"message": "invalid"}},
		{"username-kelvin-sign", Draft{Username: "\u212aate"}, Request{}, map[string]string{"username": "invalid"}},
		{"username-cyrillic", Draft{Username: "\u0430da"}, Request{}, map[string]string{"username": "invalid"}},
		{"username-sql", Draft{Username: "ada'; DROP TABLE invitations;--"}, Request{}, map[string]string{"username": "invalid"}},
		{"username-too-short", Draft{Username: "ad"}, Request{}, map[string]string{"username": "invalid"}},
		{"email-display-name", Draft{Email: "Ada <ada@example.com>"}, Request{}, map[string]string{"email": "invalid"}},
		{"email-no-dot-domain", Draft{Email: "ada@localhost"}, Request{}, map[string]string{"email": "invalid"}},
		{"email-unicode", Draft{Email: "ad\u0430@example.com"}, Request{}, map[string]string{"email": "invalid"}},
		{"email-sql", Draft{Email: "x' OR '1'='1@example.com"}, Request{}, map[string]string{"email": "invalid"}},
		{"email-too-long", Draft{Email: strings.Repeat("a", 250) + "@example.com"}, Request{}, map[string]string{"email": "too_long"}},
		{"every-problem-at-once", Draft{Email: "nope", Role: "owner", Message: "\u202e"}, Request{},
			map[string]string{"email": "invalid", "role": "not_invitable", "message": "invalid"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			got, err := ParseDraft(tc.draft)
			if tc.fields == nil {
				if err != nil || got != tc.want {
					t.Fatalf("ParseDraft = %+v, %v; want %+v", got, err, tc.want)
				}
				return
			}
			fields := fieldsOf(t, err)
			if len(fields) != len(tc.fields) {
				t.Fatalf("fields %v, want %v", fields, tc.fields)
			}
			for k, v := range tc.fields {
				if fields[k] != v {
					t.Errorf("fields.%s = %v, want %s", k, fields[k], v)
				}
			}
		})
	}
}

func TestParseStatusFilter(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]StatusFilter{"": "pending", "pending": "pending", "expired": "expired", "all": "all", "cancelled": "cancelled"} {
		if got, ok := ParseStatusFilter(in); !ok || got != want {
			t.Errorf("%q: %q %v, want %q", in, got, ok, want)
		}
	}
	for _, in := range []string{"PENDING", "any", "pending ", "'; --"} {
		if _, ok := ParseStatusFilter(in); ok {
			t.Errorf("%q accepted", in)
		}
	}
}
