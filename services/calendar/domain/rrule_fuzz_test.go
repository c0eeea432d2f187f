package domain

import (
	"errors"
	"testing"
	"time"

	"github.com/taskrocket/taskrocket/services/platform/apperr"
)

// FuzzParseRule: any text either parses to a rule whose canonical form
// parses to itself, or is refused with a stable code; an accepted rule
// with a start is a series whose occurrences come in order, from the
// start on, at the start's wall-clock time (moved only by a DST gap). The
// seed corpus is in testdata/fuzz/FuzzParseRule.
func FuzzParseRule(f *testing.F) {
	for _, s := range []string{
		"FREQ=DAILY", "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH;COUNT=10", "FREQ=MONTHLY;BYDAY=-1FR",
		"FREQ=YEARLY;BYMONTH=2;BYDAY=-1FR", "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1",
		"FREQ=MONTHLY;BYMONTHDAY=31", "FREQ=DAILY;UNTIL=20270101T000000Z", "RRULE:FREQ=WEEKLY;WKST=SU;BYDAY=TU,SU",
		"FREQ=DAILY;COUNT=0", "FREQ=HOURLY", "FREQ=YEARLY;BYDAY=20MO", "FREQ=DAILY;;", "FREQ=MONTHLY;BYDAY=+5SU,-5SA",
	} {
		f.Add(s, "2026-03-29T02:30")
	}
	waw, _ := time.LoadLocation("Europe/Warsaw")
	f.Fuzz(func(t *testing.T, raw, start string) {
		r, err := ParseRule(raw)
		if err != nil {
			var e *apperr.Error
			if !errors.As(err, &e) || e.Kind != apperr.KindInvalid {
				t.Fatalf("%q: refused without a client error: %v", raw, err)
			}
			return
		}
		again, err := ParseRule(r.String())
		if err != nil || again.String() != r.String() {
			t.Fatalf("%q: canonical %q parses to %q, %v", raw, r.String(), again.String(), err)
		}
		s, err := NewSeries(SeriesSpec{Start: start, Timezone: "Europe/Warsaw", RRule: raw})
		if err != nil {
			var e *apperr.Error
			if !errors.As(err, &e) || e.Kind != apperr.KindInvalid {
				t.Fatalf("%q from %q: refused without a client error: %v", raw, start, err)
			}
			return
		}
		prev, n := s.Start.In(waw).Add(-time.Second), 0
		s.walk(time.Time{}, lastDay, func(o time.Time) bool {
			if !o.After(prev) {
				t.Fatalf("%q: %v comes after %v", raw, o, prev)
			}
			if c := CivilOf(o.In(waw)); c.Hour != s.Start.Hour && c.Hour != s.Start.Hour+1 || c.Minute != s.Start.Minute {
				t.Fatalf("%q: %v is not at the start's wall-clock time %v", raw, o, s.Start)
			}
			prev, n = o, n+1
			return n < 50
		})
	})
}
