// Package ical writes a user's calendar feed in iCalendar (RFC 5545):
// meetings as VEVENTs (recurring ones with their RRULE), tasks with a due
// date as VTODOs or VEVENTs, and a VTIMEZONE for every zone used, derived
// from Go's time zone database for the span the feed covers.
package ical

import (
	"cmp"
	"errors"
	"fmt"
	"io"
	"slices"
	"time"

	"github.com/taskrocket/taskrocket/services/calendar/domain"
)

const (
	localLayout = "20060102T150405"
	utcLayout   = "20060102T150405Z"
	// DefaultHorizon is how far after Now the time zones of open-ended
	// series are described.
	DefaultHorizon = 5 * 366 * 24 * time.Hour
)

// Feed is one user's calendar.
type Feed struct {
	Name    string    // X-WR-CALNAME
	Now     time.Time // DTSTAMP of every component
	Horizon time.Time // open-ended series: zones described up to here (Now + DefaultHorizon when zero)
	// TasksAsEvents writes tasks as VEVENTs instead of VTODOs, for
	// calendar apps that show no to-dos in a subscribed feed.
	TasksAsEvents bool
	Events        []Event
	Tasks         []Task
}

// Event is a meeting: a single one, or the first of a series.
type Event struct {
	UID         string
	Summary     string
	Description string
	Location    string
	URL         string // a link (video call); left out unless absolute
	Start, End  time.Time
	TZID        string // IANA zone of Start and End; "" or UTC for UTC
	// Rule repeats the event; Start must be the series' first
	// occurrence and UNTIL in UTC form (what domain.NewSeries yields).
	Rule      *domain.Rule
	Organizer *Attendee
	Attendees []Attendee
	Sequence  int
	Modified  time.Time
}

// Participation is an attendee's answer (PARTSTAT).
type Participation string

const (
	NeedsAction Participation = "NEEDS-ACTION"
	Accepted    Participation = "ACCEPTED"
	Declined    Participation = "DECLINED"
	Tentative   Participation = "TENTATIVE"
)

// Attendee is a person invited to a meeting: by e-mail when known, else
// by user id (urn:uuid).
type Attendee struct {
	Name   string
	Email  string
	UserID string
	Status Participation
}

// Task is a task with a due date.
type Task struct {
	UID         string
	Summary     string
	Description string
	URL         string
	Due         time.Time
	TZID        string
	Completed   time.Time // zero when open
	Modified    time.Time
}

// ErrUntilNotUTC refuses a rule whose UNTIL is not in UTC form, which RFC
// 5545 requires with a zoned DTSTART.
var ErrUntilNotUTC = errors.New("ical: UNTIL must be in UTC form")

// Write writes the feed as one VCALENDAR.
func Write(w io.Writer, f Feed) error {
	if f.Horizon.IsZero() {
		f.Horizon = f.Now.Add(DefaultHorizon)
	}
	spans, err := f.zoneSpans()
	if err != nil {
		return err
	}
	lw := &lineWriter{w: w}
	lw.prop("BEGIN", "VCALENDAR")
	lw.prop("VERSION", "2.0")
	lw.text("PRODID", "-//TaskRocket//Calendar//EN")
	lw.prop("CALSCALE", "GREGORIAN")
	if f.Name != "" {
		lw.text("X-WR-CALNAME", f.Name)
	}
	lw.prop("REFRESH-INTERVAL", "PT1H", param{"VALUE", "DURATION"})
	lw.prop("X-PUBLISHED-TTL", "PT1H")
	for _, z := range spans {
		lw.vtimezone(z.tzid, observances(z.loc, z.from, z.to))
	}
	for _, e := range f.Events {
		lw.event(e, f.Now)
	}
	for _, t := range f.Tasks {
		if f.TasksAsEvents {
			lw.taskEvent(t, f.Now)
		} else {
			lw.todo(t, f.Now)
		}
	}
	lw.prop("END", "VCALENDAR")
	return lw.err
}

type zoneSpan struct {
	tzid     string
	loc      *time.Location
	from, to time.Time
}

// zoneSpans is, for every zone used (UTC aside), the span of time the
// feed's items cover in it, in TZID order.
func (f Feed) zoneSpans() ([]zoneSpan, error) {
	spans := map[string]*zoneSpan{}
	add := func(tzid string, from, to time.Time) error {
		if isUTC(tzid) {
			return nil
		}
		z, ok := spans[tzid]
		if !ok {
			loc, err := time.LoadLocation(tzid)
			if err != nil || tzid == "Local" {
				return fmt.Errorf("ical: time zone %q: %w", tzid, cmp.Or(err, errors.New("not an IANA name")))
			}
			z = &zoneSpan{tzid: tzid, loc: loc, from: from, to: to}
			spans[tzid] = z
		}
		z.from, z.to = minTime(z.from, from), maxTime(z.to, to)
		return nil
	}
	for _, e := range f.Events {
		end := maxTime(e.Start, e.End)
		if e.Rule != nil {
			last, err := lastOccurrence(e, f.Horizon)
			if err != nil {
				return nil, err
			}
			end = maxTime(end, last.Add(e.End.Sub(e.Start)))
		}
		if err := add(e.TZID, e.Start, end); err != nil {
			return nil, err
		}
	}
	for _, t := range f.Tasks {
		if err := add(t.TZID, t.Due, t.Due); err != nil {
			return nil, err
		}
	}
	out := make([]zoneSpan, 0, len(spans))
	for _, z := range spans {
		out = append(out, *z)
	}
	slices.SortFunc(out, func(a, b zoneSpan) int { return cmp.Compare(a.tzid, b.tzid) })
	return out, nil
}

// lastOccurrence is when a recurring event's last occurrence starts: at
// UNTIL at the latest, the COUNT-th, or the horizon for an open-ended one.
func lastOccurrence(e Event, horizon time.Time) (time.Time, error) {
	r := *e.Rule
	switch {
	case r.UntilForm != domain.UntilNone && r.UntilForm != domain.UntilUTC:
		return time.Time{}, ErrUntilNotUTC
	case r.UntilForm == domain.UntilUTC:
		return r.Until, nil
	case r.Count == 0:
		return horizon, nil
	}
	loc := time.UTC
	if !isUTC(e.TZID) {
		loc, _ = time.LoadLocation(e.TZID)
	}
	s := domain.Series{Start: domain.CivilOf(e.Start.In(loc)), Timezone: e.TZID, Loc: loc, Mode: domain.ModeFixed, Rule: r}
	occ, _ := s.Between(e.Start, e.Start.AddDate(400, 0, 0), 0)
	if len(occ) == 0 {
		return e.Start, nil
	}
	return occ[len(occ)-1], nil
}

func isUTC(tzid string) bool { return tzid == "" || tzid == "UTC" || tzid == "Etc/UTC" }

func minTime(a, b time.Time) time.Time {
	if a.Before(b) {
		return a
	}
	return b
}

func maxTime(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}
