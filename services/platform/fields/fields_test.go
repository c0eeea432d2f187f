package fields_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/taskrocket/taskrocket/services/platform/apperr"
	"github.com/taskrocket/taskrocket/services/platform/fields"
)

type check struct {
	name, raw, want, problem string
}

func run(t *testing.T, fn func(string) (string, string), cases []check) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, problem := fn(c.raw)
			if got != c.want || problem != c.problem {
				t.Errorf("(%q) = %q, %q; want %q, %q", c.raw, got, problem, c.want, c.problem)
			}
		})
	}
}

func TestLine(t *testing.T) {
	line := func(raw string) (string, string) { return fields.Line(raw, 5) }
	run(t, line, []check{
		{"trimmed", "  Plan \n", "Plan", ""},
		{"NFC", "Cafe\u0301", "Café", ""},
		{"inner space kept", "a b", "a b", ""},
		{"at the limit", "abcde", "abcde", ""},
		{"empty", "", "", fields.Required},
		{"only spaces", " \t ", "", fields.Required},
		{"over the limit", "abcdef", "", fields.TooLong},
		{"limit counts characters, not bytes", "ééééé", "ééééé", ""},
		{"newline inside", "a\nb", "", fields.Invalid},
		{"control character", "a\x07b", "", fields.Invalid},
		{"bidi override", "a\u202eb", "", fields.Invalid},
		{"zero-width space", "a\u200bb", "", fields.Invalid},
		{"byte order mark", "\ufeffab", "", fields.Invalid},
		{"line separator", "a\u2028b", "", fields.Invalid},
		{"invalid UTF-8", "a\xffb", "", fields.Invalid},
		{"zero-width joiner in emoji", "👩\u200d💻", "👩\u200d💻", ""},
		{"nothing visible", "\u200d", "", fields.Invalid},
		{"joiners and spaces only", "\u200d \u200d", "", fields.Invalid},
	})
}

func TestMarkdown(t *testing.T) {
	md := func(raw string) (string, string) { return fields.Markdown(raw, 10) }
	run(t, md, []check{
		{"empty is none", "", "", ""},
		{"trimmed", "  *hi*  ", "*hi*", ""},
		{"CRLF becomes LF", "a\r\nb", "a\nb", ""},
		{"tabs and newlines kept", "a\tb\nc", "a\tb\nc", ""},
		{"lone CR", "a\rb", "", fields.Invalid},
		{"control character", "a\x00b", "", fields.Invalid},
		{"bidi override", "a\u202db", "", fields.Invalid},
		{"bidi isolate", "a\u2067b", "", fields.Invalid},
		{"over the limit", strings.Repeat("x", 11), "", fields.TooLong},
	})
}

func TestColor(t *testing.T) {
	run(t, fields.Color, []check{
		{"lower-cased", "#A1B2C3", "#a1b2c3", ""},
		{"empty", "", "", fields.Required},
		{"short form", "#abc", "", fields.Invalid},
		{"no hash", "a1b2c3", "", fields.Invalid},
		{"named", "red", "", fields.Invalid},
	})
}

func TestEmail(t *testing.T) {
	run(t, fields.Email, []check{
		{"trimmed and lower-cased", "  Ada@Example.COM ", "ada@example.com", ""},
		{"plus tag", "ada+x@example.org", "ada+x@example.org", ""},
		{"empty", "  ", "", fields.Required},
		{"too long", strings.Repeat("a", 64) + "@" + strings.Repeat("b", 190) + ".com", "", fields.TooLong},
		{"display name", "Ada <ada@example.com>", "", fields.Invalid},
		{"no domain dot", "ada@localhost", "", fields.Invalid},
		{"no at", "ada.example.com", "", fields.Invalid},
		{"non-ASCII", "adä@example.com", "", fields.Invalid},
		{"quoted local part", `"a b"@example.com`, "", fields.Invalid},
		{"local part over 64", strings.Repeat("a", 65) + "@example.com", "", fields.Invalid},
		{"label starting with a hyphen", "ada@-x.com", "", fields.Invalid},
	})
}

func TestUsername(t *testing.T) {
	run(t, fields.Username, []check{
		{"lower-cased", "Ada_L.9", "ada_l.9", ""},
		{"empty", "", "", fields.Required},
		{"too short", "ab", "", fields.Invalid},
		{"too long", strings.Repeat("a", 33), "", fields.Invalid},
		{"leading dot", ".ada", "", fields.Invalid},
		{"not trimmed", " ada", "", fields.Invalid},
		{"Kelvin sign", "\u212aelvin", "", fields.Invalid},
	})
}

func TestTimezone(t *testing.T) {
	run(t, fields.Timezone, []check{
		{"zone", "Europe/Berlin", "Europe/Berlin", ""},
		{"UTC", "UTC", "UTC", ""},
		{"empty", "", "", fields.Required},
		{"too long", strings.Repeat("A", 65), "", fields.TooLong},
		{"Local", "Local", "", fields.Invalid},
		{"path", "../etc/passwd", "", fields.Invalid},
		{"unknown", "Mars/Olympus", "", fields.Invalid},
	})
}

func TestParseUUID(t *testing.T) {
	for raw, want := range map[string]string{
		"0190F5A8-1234-7ABC-8DEF-0123456789AB":          "0190f5a8-1234-7abc-8def-0123456789ab",
		"0190f5a812347abc8def0123456789ab":              "",
		"{0190f5a8-1234-7abc-8def-0123456789ab}":        "",
		"urn:uuid:0190f5a8-1234-7abc-8def-0123456789ab": "",
		"0190f5a8-1234-7abc-8def-0123456789ag":          "",
		"":                                              "",
	} {
		got, ok := fields.ParseUUID(raw)
		if got != want || ok != (want != "") {
			t.Errorf("ParseUUID(%q) = %q, %v; want %q", raw, got, ok, want)
		}
	}
}

func TestProblems(t *testing.T) {
	p := fields.Problems{}
	if p.Err() != nil || p.QueryErr() != nil {
		t.Fatal("no problems must be no error")
	}
	p.Add("name", "")
	if len(p) != 0 {
		t.Fatalf("an empty problem was recorded: %v", p)
	}
	p.Add("name", fields.TooLong)
	p.Add("name", fields.Invalid)
	p.Add("color", fields.Invalid)

	for _, c := range []struct {
		err  error
		code string
	}{{p.Err(), "validation_failed"}, {p.QueryErr(), "invalid_query"}} {
		var e *apperr.Error
		if !errors.As(c.err, &e) || e.Kind != apperr.KindInvalid || e.Code != c.code {
			t.Fatalf("err = %v; want %s", c.err, c.code)
		}
		got := e.Details["fields"].(map[string]any)
		if len(got) != 2 || got["name"] != fields.TooLong || got["color"] != fields.Invalid {
			t.Errorf("%s details = %v; want the first problem of each field", c.code, got)
		}
	}
}
