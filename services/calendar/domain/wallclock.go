package domain

import (
	"fmt"
	"time"
)

// Years a series may start or end in.
const (
	minYear = 1900
	maxYear = 2200
)

// Civil is a wall-clock date and time with no zone: what a person means by
// "9:00 on 30 March". A series keeps its start this way and places every
// occurrence at the same wall-clock time in its time zone.
type Civil struct {
	Year   int
	Month  time.Month
	Day    int
	Hour   int
	Minute int
	Second int
}

// ParseCivil reads 2006-01-02T15:04 or 2006-01-02T15:04:05.
func ParseCivil(s string) (Civil, error) {
	for _, layout := range []string{"2006-01-02T15:04", "2006-01-02T15:04:05"} {
		if len(s) != len(layout) {
			continue
		}
		t, err := time.Parse(layout, s)
		if err != nil || t.Year() < minYear || t.Year() > maxYear {
			break
		}
		return CivilOf(t), nil
	}
	return Civil{}, ErrInvalidStart
}

// CivilOf is t's wall clock in t's own location.
func CivilOf(t time.Time) Civil {
	return Civil{t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second()}
}

func (c Civil) String() string {
	return fmt.Sprintf("%04d-%02d-%02dT%02d:%02d:%02d", c.Year, c.Month, c.Day, c.Hour, c.Minute, c.Second)
}

// date is c's day as midnight UTC, for day arithmetic free of DST.
func (c Civil) date() time.Time { return time.Date(c.Year, c.Month, c.Day, 0, 0, 0, 0, time.UTC) }

// on is c's time of day on the day d (a midnight-UTC date).
func (c Civil) on(d time.Time) Civil {
	return Civil{d.Year(), d.Month(), d.Day(), c.Hour, c.Minute, c.Second}
}

// In is the instant at which loc's clocks show c. A time that does not
// exist (the hour skipped when clocks go forward) is read with the offset
// in force before the gap, so it moves forward by the gap (02:30 becomes
// 03:30), as RFC 5545 prescribes; a time that happens twice (clocks go
// back) is the first of the two.
func (c Civil) In(loc *time.Location) time.Time {
	naive := time.Date(c.Year, c.Month, c.Day, c.Hour, c.Minute, c.Second, 0, time.UTC)
	// Offsets are within ±14 hours, so these instants lie before and
	// after every instant at which loc's clocks could show c.
	_, before := naive.Add(-14 * time.Hour).In(loc).Zone()
	_, after := naive.Add(14 * time.Hour).In(loc).Zone()
	var found []time.Time
	for _, off := range []int{before, after} {
		t := naive.Add(-time.Duration(off) * time.Second).In(loc)
		if CivilOf(t) == c {
			found = append(found, t)
		}
	}
	if len(found) == 0 {
		return naive.Add(-time.Duration(before) * time.Second).In(loc)
	}
	first := found[0]
	for _, t := range found[1:] {
		if t.Before(first) {
			first = t
		}
	}
	return first
}
