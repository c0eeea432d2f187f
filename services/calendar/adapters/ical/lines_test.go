package ical

import (
	"strings"
	"testing"
)

func TestEscapeText(t *testing.T) {
	t.Parallel()
	tests := []struct{ name, in, want string }{
		{"plain", "Stand-up", "Stand-up"},
		{"specials", `a;b,c\d`, `a\;b\,c\\d`},
		{"line-breaks", "one\r\ntwo\nthree\rfour", `one\ntwo\nthree\nfour`},
		{"controls-dropped", "bell\x07tab\tok\x7f", "belltab\tok"},
		{"colon-kept", "1:1", "1:1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := escapeText(tt.in); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestParamValue(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{
		"Ada Lovelace":      "Ada Lovelace",
		"Hopper, Grace":     `"Hopper, Grace"`,
		`Alan "the" Turing`: "Alan the Turing",
		"a:b":               `"a:b"`,
		"line\nbreak":       "linebreak",
	} {
		if got := paramValue(in); got != want {
			t.Errorf("%q: got %q, want %q", in, got, want)
		}
	}
}

func TestFold(t *testing.T) {
	t.Parallel()
	line := "DESCRIPTION:" + strings.Repeat("ż", 100)
	folded := fold(line)
	parts := strings.Split(strings.TrimSuffix(folded, "\r\n"), "\r\n ")
	if strings.Join(parts, "") != line {
		t.Fatal("unfolding does not give the line back")
	}
	for i, p := range parts {
		limit := 75
		if i > 0 {
			limit = 74
		}
		if len(p) > limit {
			t.Errorf("part %d: %d octets", i, len(p))
		}
	}
	if fold("SHORT:x") != "SHORT:x\r\n" {
		t.Error("a short line was folded")
	}
}
