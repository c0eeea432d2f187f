package ical_test

import (
	"bytes"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	goical "github.com/emersion/go-ical"

	"github.com/taskrocket/taskrocket/services/calendar/adapters/ical"
)

// FuzzWriteText: whatever text a user puts in a title, description,
// location or name, the feed stays a valid calendar of folded lines of at
// most 75 octets, and the text reads back as written (line breaks as LF,
// control characters and, in a name, double quotes dropped). The seed
// corpus is in testdata/fuzz/FuzzWriteText.
func FuzzWriteText(f *testing.F) {
	for _, s := range []string{"Stand-up", `a;b,c\d`, "line\r\nbreak\n", "Zażółć gęślą jaźń — " + strings.Repeat("ż", 40), "BEGIN:VEVENT", "\"quoted\": yes", "\x00\x1b[31m"} {
		f.Add(s, s)
	}
	f.Fuzz(func(t *testing.T, text, name string) {
		if !utf8.ValidString(text) || !utf8.ValidString(name) {
			return // the service only stores valid UTF-8
		}
		start := time.Date(2026, 3, 29, 9, 0, 0, 0, time.UTC)
		feed := ical.Feed{Name: text, Now: start, Events: []ical.Event{{
			UID: "u@taskrocket", Summary: text, Description: text, Location: text, Start: start, End: start.Add(time.Hour),
			TZID: "Europe/Warsaw", Attendees: []ical.Attendee{{Name: name, Email: "a@example.com", Status: ical.Accepted}},
		}}}
		var buf bytes.Buffer
		if err := ical.Write(&buf, feed); err != nil {
			t.Fatal(err)
		}
		for _, line := range strings.Split(strings.TrimSuffix(buf.String(), "\r\n"), "\r\n") {
			if len(line) > 75 || !utf8.ValidString(line) || strings.ContainsAny(line, "\r\n") {
				t.Fatalf("bad line %q", line)
			}
		}
		cal, err := goical.NewDecoder(&buf).Decode()
		if err != nil {
			t.Fatalf("%q: does not parse: %v", text, err)
		}
		events := cal.Events()
		if len(events) != 1 {
			t.Fatalf("%q: %d events", text, len(events))
		}
		want := readable(text)
		for _, prop := range []string{goical.PropSummary, goical.PropDescription, goical.PropLocation} {
			if got, _ := events[0].Props.Text(prop); got != want {
				t.Fatalf("%s: wrote %q, read %q", prop, want, got)
			}
		}
		if got := events[0].Props.Get(goical.PropAttendee).Params.Get(goical.ParamCommonName); got != strings.ReplaceAll(readableName(name), `"`, "") {
			t.Fatalf("CN: wrote %q, read %q", name, got)
		}
	})
}

// readable is text as a feed can carry it: CRLF and CR as LF, other
// control characters (tab aside) dropped.
func readable(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\r':
			return '\n'
		case r == '\n' || r == '\t':
			return r
		case r < 0x20 || r == 0x7f:
			return -1
		}
		return r
	}, s)
}

func readableName(s string) string {
	return strings.Map(func(r rune) rune {
		if r < 0x20 && r != '\t' || r == 0x7f {
			return -1
		}
		return r
	}, s)
}
