package domain

import (
	"errors"
	"testing"

	"github.com/taskrocket/taskrocket/services/platform/apperr"
)

func code(err error) string {
	var e *apperr.Error
	if errors.As(err, &e) {
		return e.Code
	}
	if err != nil {
		return err.Error()
	}
	return ""
}

func TestParseRuleCanonical(t *testing.T) {
	t.Parallel()
	tests := []struct{ name, in, want string }{
		{"prefix-and-lower-case", "rrule:freq=weekly;byday=th,mo;interval=2", "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH"},
		{"defaults-dropped", "FREQ=DAILY;INTERVAL=1;WKST=MO", "FREQ=DAILY"},
		{"ordinals", "FREQ=MONTHLY;BYDAY=-1FR,+2TU", "FREQ=MONTHLY;BYDAY=-1FR,2TU"},
		{"duplicates-dropped", "FREQ=MONTHLY;BYMONTHDAY=15,-1,15", "FREQ=MONTHLY;BYMONTHDAY=-1,15"},
		{"until-utc", "FREQ=DAILY;UNTIL=20261231T230000Z", "FREQ=DAILY;UNTIL=20261231T230000Z"},
		{"all-parts", "FREQ=YEARLY;BYMONTH=3,9;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=1,-1;COUNT=4;WKST=SU",
			"FREQ=YEARLY;COUNT=4;BYMONTH=3,9;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1,1;WKST=SU"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			r, err := ParseRule(tt.in)
			if err != nil {
				t.Fatal(err)
			}
			if r.String() != tt.want {
				t.Errorf("got %s, want %s", r, tt.want)
			}
			again, err := ParseRule(r.String())
			if err != nil || again.String() != r.String() {
				t.Errorf("canonical form does not parse to itself: %v %v", again, err)
			}
		})
	}
}

func TestSeriesValidation(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		spec SeriesSpec
		code string
		part string
	}{
		{"empty-rule", SeriesSpec{RRule: ""}, "invalid_rrule", "FREQ"},
		{"no-freq", SeriesSpec{RRule: "INTERVAL=2"}, "invalid_rrule", "FREQ"},
		{"bad-freq", SeriesSpec{RRule: "FREQ=FORTNIGHTLY"}, "invalid_rrule", "FREQ"},
		{"hourly-unsupported", SeriesSpec{RRule: "FREQ=HOURLY"}, "unsupported_rrule", "FREQ"},
		{"byhour-unsupported", SeriesSpec{RRule: "FREQ=DAILY;BYHOUR=9"}, "unsupported_rrule", "BYHOUR"},
		{"unknown-part", SeriesSpec{RRule: "FREQ=DAILY;FOO=1"}, "invalid_rrule", "FOO"},
		{"malformed-part", SeriesSpec{RRule: "FREQ=DAILY;COUNT"}, "invalid_rrule", "COUNT"},
		{"repeated-part", SeriesSpec{RRule: "FREQ=DAILY;FREQ=WEEKLY"}, "invalid_rrule", "FREQ"},
		{"count-0", SeriesSpec{RRule: "FREQ=DAILY;COUNT=0"}, "invalid_count", "COUNT"},
		{"count-negative", SeriesSpec{RRule: "FREQ=DAILY;COUNT=-3"}, "invalid_count", "COUNT"},
		{"count-and-until", SeriesSpec{RRule: "FREQ=DAILY;COUNT=3;UNTIL=20270101"}, "invalid_rrule", "UNTIL"},
		{"interval-0", SeriesSpec{RRule: "FREQ=DAILY;INTERVAL=0"}, "invalid_rrule", "INTERVAL"},
		{"bad-byday", SeriesSpec{RRule: "FREQ=WEEKLY;BYDAY=XX"}, "invalid_rrule", "BYDAY"},
		{"ordinal-with-weekly", SeriesSpec{RRule: "FREQ=WEEKLY;BYDAY=2TU"}, "invalid_rrule", "BYDAY"},
		{"ordinal-6-in-month", SeriesSpec{RRule: "FREQ=MONTHLY;BYDAY=6TU"}, "invalid_rrule", "BYDAY"},
		{"monthday-32", SeriesSpec{RRule: "FREQ=MONTHLY;BYMONTHDAY=32"}, "invalid_rrule", "BYMONTHDAY"},
		{"monthday-0", SeriesSpec{RRule: "FREQ=MONTHLY;BYMONTHDAY=0"}, "invalid_rrule", "BYMONTHDAY"},
		{"monthday-with-weekly", SeriesSpec{RRule: "FREQ=WEEKLY;BYMONTHDAY=1"}, "invalid_rrule", "BYMONTHDAY"},
		{"month-13", SeriesSpec{RRule: "FREQ=YEARLY;BYMONTH=13"}, "invalid_rrule", "BYMONTH"},
		{"setpos-alone", SeriesSpec{RRule: "FREQ=MONTHLY;BYSETPOS=1"}, "invalid_rrule", "BYSETPOS"},
		{"february-30-never", SeriesSpec{RRule: "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30"}, "invalid_rrule", "BYMONTHDAY"},
		{"bad-wkst", SeriesSpec{RRule: "FREQ=WEEKLY;WKST=XY"}, "invalid_rrule", "WKST"},
		{"bad-until", SeriesSpec{RRule: "FREQ=DAILY;UNTIL=2027-01-01"}, "invalid_rrule", "UNTIL"},
		{"until-before-start", SeriesSpec{RRule: "FREQ=DAILY;UNTIL=20251231"}, "end_before_start", ""},
		{"until-utc-before-start", SeriesSpec{RRule: "FREQ=DAILY;UNTIL=20260101T075959Z"}, "end_before_start", ""},
		{"until-with-no-occurrence", SeriesSpec{RRule: "FREQ=MONTHLY;BYMONTHDAY=31;UNTIL=20260102"}, "series_empty", ""},
		{"count-over-bound", SeriesSpec{RRule: "FREQ=DAILY;COUNT=3661"}, "series_too_long", ""},
		{"eleven-years-daily-until", SeriesSpec{RRule: "FREQ=DAILY;UNTIL=20370101"}, "series_too_long", ""},
		{"unknown-timezone", SeriesSpec{Timezone: "Mars/Olympus", RRule: "FREQ=DAILY"}, "unknown_timezone", ""},
		{"local-timezone", SeriesSpec{Timezone: "Local", RRule: "FREQ=DAILY"}, "unknown_timezone", ""},
		{"bad-start", SeriesSpec{Start: "2026-01-01 09:00", RRule: "FREQ=DAILY"}, "invalid_start", ""},
		{"start-year-3000", SeriesSpec{Start: "3000-01-01T09:00", RRule: "FREQ=DAILY"}, "invalid_start", ""},
		{"unknown-mode", SeriesSpec{Mode: "sometimes", RRule: "FREQ=DAILY"}, "invalid_recurrence_mode", ""},
		{"after-completion-with-rule", SeriesSpec{Mode: ModeAfterCompletion, RRule: "FREQ=DAILY", Every: 1, Unit: Days}, "invalid_recurrence_mode", ""},
		{"after-completion-0-days", SeriesSpec{Mode: ModeAfterCompletion, Every: 0, Unit: Days}, "invalid_after_completion", ""},
		{"after-completion-53-weeks", SeriesSpec{Mode: ModeAfterCompletion, Every: 53, Unit: Weeks}, "invalid_after_completion", ""},
		{"after-completion-months", SeriesSpec{Mode: ModeAfterCompletion, Every: 1, Unit: "months"}, "invalid_after_completion", ""},
		// Accepted.
		{"count-at-bound", SeriesSpec{RRule: "FREQ=DAILY;COUNT=3660"}, "", ""},
		{"open-ended-daily", SeriesSpec{RRule: "FREQ=DAILY"}, "", ""},
		{"ten-years-daily-until", SeriesSpec{RRule: "FREQ=DAILY;UNTIL=20351231"}, "", ""},
		{"february-29-yearly", SeriesSpec{RRule: "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29"}, "", ""},
		{"after-completion-52-weeks", SeriesSpec{Mode: ModeAfterCompletion, Every: 52, Unit: Weeks}, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			spec := tt.spec
			if spec.Start == "" {
				spec.Start = "2026-01-01T09:00"
			}
			if spec.Timezone == "" {
				spec.Timezone = "Europe/Warsaw"
			}
			_, err := NewSeries(spec)
			if got := code(err); got != tt.code {
				t.Fatalf("code %q, want %q (%v)", got, tt.code, err)
			}
			if tt.part != "" {
				var e *apperr.Error
				errors.As(err, &e)
				if e.Details["part"] != tt.part {
					t.Errorf("part %v, want %s", e.Details["part"], tt.part)
				}
			}
		})
	}
}

func TestUntilIsHeldInUTC(t *testing.T) {
	t.Parallel()
	s, err := NewSeries(SeriesSpec{Start: "2026-01-01T09:00", Timezone: "Europe/Warsaw", RRule: "FREQ=DAILY;UNTIL=20260110"})
	if err != nil {
		t.Fatal(err)
	}
	// The end of 10 January in Warsaw.
	if got := s.Rule.String(); got != "FREQ=DAILY;UNTIL=20260110T225959Z" {
		t.Errorf("got %s", got)
	}
}

func TestPresets(t *testing.T) {
	t.Parallel()
	for name := range Presets {
		if _, err := Preset(name); err != nil {
			t.Errorf("preset %s: %v", name, err)
		}
	}
	if _, err := Preset("hourly"); code(err) != "unknown_preset" {
		t.Errorf("unknown preset: %v", err)
	}
}
