package domain

import "testing"

func TestSummary(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, start, rule, want string
	}{
		{"daily", "2026-01-05T09:00", "FREQ=DAILY", "every day"},
		{"every-3-days", "2026-01-05T09:00", "FREQ=DAILY;INTERVAL=3", "every 3 days"},
		{"weekdays", "2026-01-05T09:00", Presets["every_weekday"], "every weekday"},
		{"weekly-defaults-to-start-day", "2026-01-05T09:00", "FREQ=WEEKLY", "every week on Monday"},
		{"every-2-weeks-10-times", "2026-01-05T09:00", "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH;COUNT=10",
			"every 2 weeks on Monday and Thursday, 10 times"},
		{"monthly-last-friday", "2026-01-05T09:00", "FREQ=MONTHLY;BYDAY=-1FR", "every month on the last Friday"},
		{"monthly-second-tuesday", "2026-01-05T09:00", "FREQ=MONTHLY;BYDAY=2TU", "every month on the 2nd Tuesday"},
		{"monthly-default", "2026-01-15T09:00", "FREQ=MONTHLY", "every month on the 15th"},
		{"monthly-last-day", "2026-01-05T09:00", "FREQ=MONTHLY;BYMONTHDAY=-1", "every month on the last day"},
		{"last-weekday", "2026-01-05T09:00", Presets["monthly_last_weekday"], "every month on the last weekday"},
		{"yearly-default", "2026-03-15T09:00", "FREQ=YEARLY", "every year on March 15"},
		{"last-friday-of-february", "2026-01-05T09:00", "FREQ=YEARLY;BYMONTH=2;BYDAY=-1FR", "every year on the last Friday of February"},
		{"once", "2026-01-05T09:00", "FREQ=DAILY;COUNT=1", "every day, once"},
		{"until", "2026-01-05T09:00", "FREQ=DAILY;UNTIL=20260301", "every day, until March 1, 2026"},
		{"daily-in-months", "2026-01-05T09:00", "FREQ=DAILY;BYMONTH=1,2", "every day in January and February"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			s, err := NewSeries(SeriesSpec{Start: tt.start, Timezone: "Europe/Warsaw", RRule: tt.rule})
			if err != nil {
				t.Fatal(err)
			}
			if got := s.Summary(); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
	s, _ := NewSeries(SeriesSpec{Start: "2026-01-05T09:00", Timezone: "UTC", Mode: ModeAfterCompletion, Every: 3, Unit: Days})
	if got := s.Summary(); got != "3 days after completion" {
		t.Errorf("after completion: %q", got)
	}
	s, _ = NewSeries(SeriesSpec{Start: "2026-01-05T09:00", Timezone: "UTC", Mode: ModeAfterCompletion, Every: 1, Unit: Weeks})
	if got := s.Summary(); got != "1 week after completion" {
		t.Errorf("after completion: %q", got)
	}
}
