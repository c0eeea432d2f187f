package ical

import "time"

// observance is one STANDARD or DAYLIGHT part of a VTIMEZONE: from its
// onset on, clocks are at offset (until the next observance).
type observance struct {
	onset    time.Time // UTC instant
	from, to int       // offsets in seconds, before and after the onset
	name     string
	dst      bool
}

// observances are loc's offsets over [from, to], from Go's time zone
// database: the one in force at from, then one per transition up to to.
// Each is written as a single onset (no RRULE), so the VTIMEZONE says
// exactly what the database says for that span.
func observances(loc *time.Location, from, to time.Time) []observance {
	t := from.In(loc)
	name, off := t.Zone()
	start, end := t.ZoneBounds()
	first := observance{onset: start, from: off, to: off, name: name, dst: t.IsDST()}
	if start.IsZero() {
		// In force since the beginning of the database: an onset
		// before anything the feed holds will do.
		first.onset = time.Date(1900, 1, 1, 0, 0, 0, 0, time.UTC)
	} else {
		_, first.from = start.Add(-time.Second).In(loc).Zone()
	}
	out := []observance{first}
	for !end.IsZero() && !end.After(to) {
		t = end.In(loc)
		prev := out[len(out)-1].to
		name, off = t.Zone()
		out = append(out, observance{onset: end, from: prev, to: off, name: name, dst: t.IsDST()})
		_, end = t.ZoneBounds()
	}
	return out
}

func (lw *lineWriter) vtimezone(tzid string, obs []observance) {
	lw.prop("BEGIN", "VTIMEZONE")
	lw.text("TZID", tzid)
	for _, o := range obs {
		kind := "STANDARD"
		if o.dst {
			kind = "DAYLIGHT"
		}
		lw.prop("BEGIN", kind)
		// The onset in the local time in force before it (RFC 5545
		// 3.6.5: DTSTART is local time with TZOFFSETFROM).
		lw.prop("DTSTART", o.onset.In(time.FixedZone("", o.from)).Format(localLayout))
		lw.prop("TZOFFSETFROM", utcOffset(o.from))
		lw.prop("TZOFFSETTO", utcOffset(o.to))
		lw.text("TZNAME", o.name)
		lw.prop("END", kind)
	}
	lw.prop("END", "VTIMEZONE")
}

// utcOffset is a UTC-OFFSET value: +0100, -0500, +054500.
func utcOffset(seconds int) string {
	sign := byte('+')
	if seconds < 0 {
		sign, seconds = '-', -seconds
	}
	h, m, s := seconds/3600, seconds%3600/60, seconds%60
	out := []byte{sign, byte('0' + h/10), byte('0' + h%10), byte('0' + m/10), byte('0' + m%10)}
	if s != 0 {
		out = append(out, byte('0'+s/10), byte('0'+s%10))
	}
	return string(out)
}
