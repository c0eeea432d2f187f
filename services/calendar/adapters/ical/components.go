package ical

import (
	"cmp"
	"fmt"
	"net/url"
	"time"
)

// dateTime writes a DATE-TIME property: in UTC form for UTC, else local
// time with its TZID.
func (lw *lineWriter) dateTime(name string, t time.Time, tzid string) {
	if isUTC(tzid) {
		lw.prop(name, t.UTC().Format(utcLayout))
		return
	}
	loc, _ := time.LoadLocation(tzid)
	lw.prop(name, t.In(loc).Format(localLayout), param{"TZID", tzid})
}

func (lw *lineWriter) common(uid string, now, modified time.Time, summary, description, link string) {
	lw.text("UID", uid)
	lw.prop("DTSTAMP", now.UTC().Format(utcLayout))
	if !modified.IsZero() {
		lw.prop("LAST-MODIFIED", modified.UTC().Format(utcLayout))
	}
	lw.text("SUMMARY", summary)
	if description != "" {
		lw.text("DESCRIPTION", description)
	}
	if u, err := url.Parse(link); link != "" && err == nil && u.IsAbs() && u.Host != "" {
		lw.prop("URL", u.String())
	}
}

func (lw *lineWriter) event(e Event, now time.Time) {
	lw.prop("BEGIN", "VEVENT")
	lw.common(e.UID, now, e.Modified, e.Summary, e.Description, e.URL)
	lw.dateTime("DTSTART", e.Start, e.TZID)
	if e.End.After(e.Start) {
		lw.dateTime("DTEND", e.End, e.TZID)
	}
	if e.Rule != nil {
		lw.prop("RRULE", e.Rule.String())
	}
	if e.Location != "" {
		lw.text("LOCATION", e.Location)
	}
	if e.Sequence > 0 {
		lw.prop("SEQUENCE", fmt.Sprint(e.Sequence))
	}
	if e.Organizer != nil {
		lw.prop("ORGANIZER", e.Organizer.address(), e.Organizer.params(false)...)
	}
	for _, a := range e.Attendees {
		lw.prop("ATTENDEE", a.address(), a.params(true)...)
	}
	lw.prop("END", "VEVENT")
}

func (a Attendee) address() string {
	if a.Email != "" {
		return "mailto:" + url.PathEscape(a.Email)
	}
	return "urn:uuid:" + url.PathEscape(a.UserID)
}

func (a Attendee) params(attendee bool) []param {
	var ps []param
	if a.Name != "" {
		ps = append(ps, param{"CN", a.Name})
	}
	if attendee {
		ps = append(ps, param{"ROLE", "REQ-PARTICIPANT"}, param{"PARTSTAT", string(cmp.Or(a.Status, NeedsAction))})
	}
	return ps
}

func (lw *lineWriter) todo(t Task, now time.Time) {
	lw.prop("BEGIN", "VTODO")
	lw.common(t.UID, now, t.Modified, t.Summary, t.Description, t.URL)
	lw.dateTime("DUE", t.Due, t.TZID)
	if t.Completed.IsZero() {
		lw.prop("STATUS", "NEEDS-ACTION")
	} else {
		lw.prop("STATUS", "COMPLETED")
		lw.prop("COMPLETED", t.Completed.UTC().Format(utcLayout))
	}
	lw.prop("END", "VTODO")
}

// taskEvent is a task as an event without length at its due time.
func (lw *lineWriter) taskEvent(t Task, now time.Time) {
	lw.prop("BEGIN", "VEVENT")
	summary := t.Summary
	if !t.Completed.IsZero() {
		summary = "✓ " + summary
	}
	lw.common(t.UID, now, t.Modified, summary, t.Description, t.URL)
	lw.dateTime("DTSTART", t.Due, t.TZID)
	lw.prop("TRANSP", "TRANSPARENT")
	lw.prop("END", "VEVENT")
}
