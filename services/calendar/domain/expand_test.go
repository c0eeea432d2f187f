package domain

import (
	"slices"
	"testing"
	"time"
)

// first is the first n occurrences, as wall clock with UTC offset.
func first(t *testing.T, spec SeriesSpec, n int) []string {
	t.Helper()
	s, err := NewSeries(spec)
	if err != nil {
		t.Fatalf("NewSeries(%+v): %v", spec, err)
	}
	var out []string
	s.walk(time.Time{}, lastDay, func(o time.Time) bool {
		out = append(out, o.Format("2006-01-02T15:04-07:00"))
		return len(out) < n
	})
	return out
}

func TestExpand(t *testing.T) {
	t.Parallel()
	const waw, nyc = "Europe/Warsaw", "America/New_York"
	tests := []struct {
		name  string
		start string
		tz    string
		rule  string
		n     int
		want  []string
	}{
		// DST: the wall clock stays, the offset changes.
		{"warsaw-0900-stays-across-spring", "2026-03-28T09:00", waw, "FREQ=DAILY", 3,
			[]string{"2026-03-28T09:00+01:00", "2026-03-29T09:00+02:00", "2026-03-30T09:00+02:00"}},
		{"warsaw-0900-stays-across-autumn", "2026-10-24T09:00", waw, "FREQ=DAILY", 3,
			[]string{"2026-10-24T09:00+02:00", "2026-10-25T09:00+01:00", "2026-10-26T09:00+01:00"}},
		{"warsaw-spring-gap-moves-forward", "2026-03-28T02:30", waw, "FREQ=DAILY", 3,
			[]string{"2026-03-28T02:30+01:00", "2026-03-29T03:30+02:00", "2026-03-30T02:30+02:00"}},
		{"warsaw-autumn-ambiguous-takes-first", "2026-10-24T02:30", waw, "FREQ=DAILY", 3,
			[]string{"2026-10-24T02:30+02:00", "2026-10-25T02:30+02:00", "2026-10-26T02:30+01:00"}},
		{"new-york-weekly-0900-across-spring", "2026-03-01T09:00", nyc, "FREQ=WEEKLY", 3,
			[]string{"2026-03-01T09:00-05:00", "2026-03-08T09:00-04:00", "2026-03-15T09:00-04:00"}},
		{"new-york-spring-gap-moves-forward", "2026-03-07T02:30", nyc, "FREQ=DAILY", 2,
			[]string{"2026-03-07T02:30-05:00", "2026-03-08T03:30-04:00"}},
		{"new-york-autumn-ambiguous-takes-first", "2026-10-31T01:30", nyc, "FREQ=DAILY", 3,
			[]string{"2026-10-31T01:30-04:00", "2026-11-01T01:30-04:00", "2026-11-02T01:30-05:00"}},
		{"new-york-monthly-first-sunday-across-autumn", "2026-10-04T01:30", nyc, "FREQ=MONTHLY;BYDAY=1SU", 2,
			[]string{"2026-10-04T01:30-04:00", "2026-11-01T01:30-04:00"}},

		// Last Friday of February: leap and common years.
		{"last-friday-of-february", "2024-01-01T09:00", waw, "FREQ=YEARLY;BYMONTH=2;BYDAY=-1FR", 5,
			[]string{"2024-02-23T09:00+01:00", "2025-02-28T09:00+01:00", "2026-02-27T09:00+01:00", "2027-02-26T09:00+01:00", "2028-02-25T09:00+01:00"}},
		{"last-friday-is-february-29-in-2036", "2036-02-01T09:00", waw, "FREQ=MONTHLY;BYDAY=-1FR", 2,
			[]string{"2036-02-29T09:00+01:00", "2036-03-28T09:00+01:00"}},
		{"monthly-last-friday-preset", "2026-01-01T10:00", waw, Presets["monthly_last_friday"], 3,
			[]string{"2026-01-30T10:00+01:00", "2026-02-27T10:00+01:00", "2026-03-27T10:00+01:00"}},
		{"second-tuesday", "2026-01-01T10:00", waw, "FREQ=MONTHLY;BYDAY=2TU", 3,
			[]string{"2026-01-13T10:00+01:00", "2026-02-10T10:00+01:00", "2026-03-10T10:00+01:00"}},
		{"yearly-20th-monday-rfc", "1997-05-19T09:00", nyc, "FREQ=YEARLY;BYDAY=20MO", 3,
			[]string{"1997-05-19T09:00-04:00", "1998-05-18T09:00-04:00", "1999-05-17T09:00-04:00"}},

		// The 31st is skipped in shorter months; -1 is every month's last day.
		{"monthly-31st-skips-short-months", "2026-01-31T09:00", waw, "FREQ=MONTHLY", 5,
			[]string{"2026-01-31T09:00+01:00", "2026-03-31T09:00+02:00", "2026-05-31T09:00+02:00", "2026-07-31T09:00+02:00", "2026-08-31T09:00+02:00"}},
		{"monthly-last-day", "2028-01-31T09:00", waw, "FREQ=MONTHLY;BYMONTHDAY=-1", 3,
			[]string{"2028-01-31T09:00+01:00", "2028-02-29T09:00+01:00", "2028-03-31T09:00+02:00"}},
		{"yearly-february-29-only-leap-years", "2024-02-29T09:00", waw, "FREQ=YEARLY", 3,
			[]string{"2024-02-29T09:00+01:00", "2028-02-29T09:00+01:00", "2032-02-29T09:00+01:00"}},
		{"friday-13th-rfc", "1997-09-02T09:00", nyc, "FREQ=MONTHLY;BYDAY=FR;BYMONTHDAY=13", 3,
			[]string{"1998-02-13T09:00-05:00", "1998-03-13T09:00-05:00", "1998-11-13T09:00-05:00"}},

		// Ends.
		{"count-3", "2026-01-01T09:00", waw, "FREQ=DAILY;COUNT=3", 10,
			[]string{"2026-01-01T09:00+01:00", "2026-01-02T09:00+01:00", "2026-01-03T09:00+01:00"}},
		{"until-date-includes-that-day", "2026-01-01T09:00", waw, "FREQ=DAILY;UNTIL=20260103", 10,
			[]string{"2026-01-01T09:00+01:00", "2026-01-02T09:00+01:00", "2026-01-03T09:00+01:00"}},
		{"until-utc-inclusive", "2026-01-01T09:00", waw, "FREQ=DAILY;UNTIL=20260102T080000Z", 10,
			[]string{"2026-01-01T09:00+01:00", "2026-01-02T09:00+01:00"}},
		{"until-utc-a-second-early", "2026-01-01T09:00", waw, "FREQ=DAILY;UNTIL=20260102T075959Z", 10,
			[]string{"2026-01-01T09:00+01:00"}},
		{"count-counts-from-first-match", "2026-01-01T09:00", waw, "FREQ=WEEKLY;BYDAY=FR;COUNT=2", 10,
			[]string{"2026-01-02T09:00+01:00", "2026-01-09T09:00+01:00"}},

		// BYSETPOS.
		{"last-weekday-of-month", "2026-01-01T17:00", waw, Presets["monthly_last_weekday"], 3,
			[]string{"2026-01-30T17:00+01:00", "2026-02-27T17:00+01:00", "2026-03-31T17:00+02:00"}},
		{"third-of-tue-wed-thu-rfc", "1997-09-04T09:00", nyc, "FREQ=MONTHLY;COUNT=3;BYDAY=TU,WE,TH;BYSETPOS=3", 10,
			[]string{"1997-09-04T09:00-04:00", "1997-10-07T09:00-04:00", "1997-11-06T09:00-05:00"}},
		{"second-to-last-weekday", "1997-09-29T09:00", nyc, "FREQ=MONTHLY;COUNT=3;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-2", 10,
			[]string{"1997-09-29T09:00-04:00", "1997-10-30T09:00-05:00", "1997-11-27T09:00-05:00"}},

		// Weeks: INTERVAL counts weeks that begin on WKST.
		{"every-2-weeks-wkst-monday-rfc", "1997-08-05T09:00", nyc, "FREQ=WEEKLY;INTERVAL=2;COUNT=4;BYDAY=TU,SU;WKST=MO", 10,
			[]string{"1997-08-05T09:00-04:00", "1997-08-10T09:00-04:00", "1997-08-19T09:00-04:00", "1997-08-24T09:00-04:00"}},
		{"every-2-weeks-wkst-sunday-rfc", "1997-08-05T09:00", nyc, "FREQ=WEEKLY;INTERVAL=2;COUNT=4;BYDAY=TU,SU;WKST=SU", 10,
			[]string{"1997-08-05T09:00-04:00", "1997-08-17T09:00-04:00", "1997-08-19T09:00-04:00", "1997-08-31T09:00-04:00"}},
		{"every-2-weeks-mon-thu-preset", "2026-01-05T10:00", waw, Presets["every_2_weeks_mon_thu"], 4,
			[]string{"2026-01-05T10:00+01:00", "2026-01-08T10:00+01:00", "2026-01-19T10:00+01:00", "2026-01-22T10:00+01:00"}},
		{"every-weekday-skips-weekend", "2026-01-02T08:00", waw, Presets["every_weekday"], 3,
			[]string{"2026-01-02T08:00+01:00", "2026-01-05T08:00+01:00", "2026-01-06T08:00+01:00"}},
		{"every-3-days", "2026-01-30T08:00", waw, "FREQ=DAILY;INTERVAL=3", 3,
			[]string{"2026-01-30T08:00+01:00", "2026-02-02T08:00+01:00", "2026-02-05T08:00+01:00"}},
		{"every-2-months-on-2nd-and-15th", "2026-01-10T08:00", waw, "FREQ=MONTHLY;INTERVAL=2;BYMONTHDAY=2,15", 3,
			[]string{"2026-01-15T08:00+01:00", "2026-03-02T08:00+01:00", "2026-03-15T08:00+01:00"}},
		{"yearly-in-two-months", "2026-01-10T08:00", waw, "FREQ=YEARLY;BYMONTH=1,7", 3,
			[]string{"2026-01-10T08:00+01:00", "2026-07-10T08:00+02:00", "2027-01-10T08:00+01:00"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got := first(t, SeriesSpec{Start: tt.start, Timezone: tt.tz, RRule: tt.rule}, tt.n)
			if !slices.Equal(got, tt.want) {
				t.Errorf("%s from %s in %s:\n got %v\nwant %v", tt.rule, tt.start, tt.tz, got, tt.want)
			}
		})
	}
}

func TestBetween(t *testing.T) {
	t.Parallel()
	waw, _ := time.LoadLocation("Europe/Warsaw")
	s, err := NewSeries(SeriesSpec{Start: "2020-01-06T09:00", Timezone: "Europe/Warsaw", RRule: "FREQ=WEEKLY;BYDAY=MO,TH"})
	if err != nil {
		t.Fatal(err)
	}
	t.Run("window-years-after-start", func(t *testing.T) {
		t.Parallel()
		from := time.Date(2026, 3, 26, 9, 0, 0, 0, waw) // a Thursday at 09:00: included
		to := time.Date(2026, 4, 6, 9, 0, 0, 0, waw)    // a Monday at 09:00: excluded
		got, truncated := s.Between(from, to, 0)
		want := []time.Time{from, time.Date(2026, 3, 30, 9, 0, 0, 0, waw), time.Date(2026, 4, 2, 9, 0, 0, 0, waw)}
		if truncated || !slices.EqualFunc(got, want, time.Time.Equal) {
			t.Errorf("got %v (truncated %v), want %v", got, truncated, want)
		}
	})
	t.Run("limit-truncates", func(t *testing.T) {
		t.Parallel()
		got, truncated := s.Between(time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC), 5)
		if len(got) != 5 || !truncated {
			t.Errorf("got %d occurrences, truncated %v; want 5, true", len(got), truncated)
		}
	})
	t.Run("window-before-start-is-empty", func(t *testing.T) {
		t.Parallel()
		got, _ := s.Between(time.Date(2019, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2020, 1, 6, 0, 0, 0, 0, time.UTC), 0)
		if len(got) != 0 {
			t.Errorf("got %v", got)
		}
	})
	t.Run("ten-years-daily-capped", func(t *testing.T) {
		t.Parallel()
		d, _ := NewSeries(SeriesSpec{Start: "2026-01-01T09:00", Timezone: "UTC", RRule: "FREQ=DAILY"})
		got, truncated := d.Between(time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2040, 1, 1, 0, 0, 0, 0, time.UTC), 0)
		if len(got) != MaxOccurrences || !truncated {
			t.Errorf("got %d occurrences, truncated %v; want %d, true", len(got), truncated, MaxOccurrences)
		}
	})
	t.Run("count-is-counted-from-the-start", func(t *testing.T) {
		t.Parallel()
		c, _ := NewSeries(SeriesSpec{Start: "2026-01-01T09:00", Timezone: "UTC", RRule: "FREQ=DAILY;COUNT=10"})
		got, _ := c.Between(time.Date(2026, 1, 9, 0, 0, 0, 0, time.UTC), time.Date(2026, 2, 1, 0, 0, 0, 0, time.UTC), 0)
		if len(got) != 2 {
			t.Errorf("got %v, want Jan 9 and 10", got)
		}
	})
}

func TestAfter(t *testing.T) {
	t.Parallel()
	s, _ := NewSeries(SeriesSpec{Start: "2026-01-30T10:00", Timezone: "Europe/Warsaw", RRule: "FREQ=MONTHLY;BYDAY=-1FR;COUNT=2"})
	next, ok := s.After(s.First())
	if !ok || next.Format(time.RFC3339) != "2026-02-27T10:00:00+01:00" {
		t.Errorf("after the first: %v %v", next, ok)
	}
	if _, ok := s.After(next); ok {
		t.Error("a series of two has a third occurrence")
	}
}

func TestAfterCompletion(t *testing.T) {
	t.Parallel()
	waw, _ := time.LoadLocation("Europe/Warsaw")
	tests := []struct {
		name      string
		every     int
		unit      Unit
		completed time.Time
		want      string
	}{
		{"3-days-across-spring-keeps-0900", 3, Days, time.Date(2026, 3, 27, 18, 0, 0, 0, waw), "2026-03-30T09:00:00+02:00"},
		{"late-night-utc-is-next-day-in-warsaw", 1, Days, time.Date(2026, 1, 1, 23, 30, 0, 0, time.UTC), "2026-01-03T09:00:00+01:00"},
		{"2-weeks", 2, Weeks, time.Date(2026, 1, 1, 12, 0, 0, 0, waw), "2026-01-15T09:00:00+01:00"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			s, err := NewSeries(SeriesSpec{Start: "2026-01-01T09:00", Timezone: "Europe/Warsaw", Mode: ModeAfterCompletion, Every: tt.every, Unit: tt.unit})
			if err != nil {
				t.Fatal(err)
			}
			if got := s.NextAfterCompletion(tt.completed).Format(time.RFC3339); got != tt.want {
				t.Errorf("got %s, want %s", got, tt.want)
			}
		})
	}
}
