package domain

import (
	"time"

	"github.com/taskrocket/taskrocket/services/platform/fields"
)

// Mode says what schedules the next occurrence of a series.
type Mode string

const (
	// ModeFixed follows an RRULE, whether or not earlier tasks are done.
	ModeFixed Mode = "fixed"
	// ModeAfterCompletion schedules the next task a number of days or
	// weeks after the previous one is completed.
	ModeAfterCompletion Mode = "after_completion"
)

// Unit is the unit of an after-completion interval.
type Unit string

const (
	Days  Unit = "days"
	Weeks Unit = "weeks"
)

// MaxOccurrences bounds a series with an end (COUNT or UNTIL): one that
// would have more is refused (series_too_long). An open-ended series is
// accepted; it is only ever expanded over a window, and an expansion
// stops after MaxOccurrences (a daily series over ten years).
const MaxOccurrences = 3660

// SeriesSpec is a series as a client describes it.
type SeriesSpec struct {
	Start    string // local wall-clock time, 2006-01-02T15:04[:05]
	Timezone string // IANA name
	Mode     Mode   // ModeFixed when empty
	RRule    string // ModeFixed
	Every    int    // ModeAfterCompletion
	Unit     Unit   // ModeAfterCompletion
}

// Series is a checked recurrence: every occurrence is at the start's
// wall-clock time in the series' time zone, whatever the UTC offset that
// day.
type Series struct {
	Start    Civil
	Timezone string
	Loc      *time.Location
	Mode     Mode
	Rule     Rule // ModeFixed; UNTIL is always held in UTC form
	Every    int  // ModeAfterCompletion
	Unit     Unit
}

// NewSeries checks a spec and returns the series it describes.
func NewSeries(spec SeriesSpec) (Series, error) { return newSeries(spec, true) }

// RestoreSeries is a series as stored after NewSeries accepted it: the
// spec is read again but the series is not walked to count its
// occurrences, which NewSeries did when it was created.
func RestoreSeries(spec SeriesSpec) (Series, error) { return newSeries(spec, false) }

// Spec is the spec the series can be stored as and restored from.
func (s Series) Spec() SeriesSpec {
	spec := SeriesSpec{Start: s.Start.String(), Timezone: s.Timezone, Mode: s.Mode, Every: s.Every, Unit: s.Unit}
	if s.Mode == ModeFixed {
		spec.RRule = s.Rule.String()
	}
	return spec
}

func newSeries(spec SeriesSpec, count bool) (Series, error) {
	s := Series{Mode: spec.Mode}
	if s.Mode == "" {
		s.Mode = ModeFixed
	}
	var err error
	if s.Start, err = ParseCivil(spec.Start); err != nil {
		return s, err
	}
	if _, problem := fields.Timezone(spec.Timezone); problem != "" {
		return s, ErrUnknownTimezone
	}
	s.Timezone = spec.Timezone
	s.Loc, _ = time.LoadLocation(spec.Timezone)
	switch s.Mode {
	case ModeFixed:
		if spec.Every != 0 || spec.Unit != "" {
			return s, ErrInvalidMode
		}
		if s.Rule, err = ParseRule(spec.RRule); err != nil {
			return s, err
		}
		return s, s.checkRule(count)
	case ModeAfterCompletion:
		if spec.RRule != "" {
			return s, ErrInvalidMode
		}
		s.Every, s.Unit = spec.Every, spec.Unit
		if !(s.Unit == Days && s.Every >= 1 && s.Every <= 365 || s.Unit == Weeks && s.Every >= 1 && s.Every <= 52) {
			return s, ErrInvalidAfterCompletion
		}
		return s, nil
	default:
		return s, ErrInvalidMode
	}
}

// checkRule resolves UNTIL in the series' zone and checks that the
// series has at least one and at most MaxOccurrences occurrences.
func (s *Series) checkRule(count bool) error {
	r := &s.Rule
	switch r.UntilForm {
	case UntilDate:
		r.Until = Civil{r.Until.Year(), r.Until.Month(), r.Until.Day(), 23, 59, 59}.In(s.Loc).UTC()
	case UntilLocal:
		r.Until = CivilOf(r.Until).In(s.Loc).UTC()
	}
	if r.UntilForm != UntilNone {
		r.UntilForm = UntilUTC
		if r.Until.Before(s.Start.In(s.Loc)) {
			return ErrEndBeforeStart
		}
	}
	if r.Count > MaxOccurrences {
		return ErrSeriesTooLong
	}
	if !count {
		return nil
	}
	n := 0
	s.walk(time.Time{}, lastDay, func(time.Time) bool {
		n++
		// An open-ended series needs one occurrence; one with an end
		// is counted to its end.
		return (r.Count > 0 || r.UntilForm != UntilNone) && n <= MaxOccurrences
	})
	switch {
	case n == 0:
		return ErrSeriesEmpty
	case n > MaxOccurrences:
		return ErrSeriesTooLong
	}
	return nil
}

var lastDay = time.Date(lastYear, 12, 31, 0, 0, 0, 0, time.UTC)

// walk yields the occurrences in order, from the first that can fall on
// or after from (all of them when the rule has a COUNT, which is counted
// from the start) until yield returns false, the series ends or the
// periods pass the day stop.
func (s Series) walk(from, stop time.Time, yield func(time.Time) bool) {
	e := newExpander(s.Rule, s.Start)
	k := 0
	if s.Rule.Count == 0 && !from.IsZero() {
		k = e.periodAt(CivilOf(from.In(s.Loc)).date().AddDate(0, 0, -1))
	}
	startDay := s.Start.date()
	var buf []time.Time
	for n := 0; ; k++ {
		if first, _ := e.period(k); first.After(stop) {
			return
		}
		buf = e.days(k, buf)
		for _, d := range buf {
			if d.Before(startDay) {
				continue
			}
			t := s.Start.on(d).In(s.Loc)
			if s.Rule.UntilForm != UntilNone && t.After(s.Rule.Until) {
				return
			}
			n++
			if !yield(t) || s.Rule.Count > 0 && n >= s.Rule.Count {
				return
			}
		}
	}
}

// Between lists the occurrences that start in [from, to), at most limit
// of them (MaxOccurrences when limit is 0 or more); truncated says the
// list stopped at the limit. An after-completion series has no
// projected occurrences but its first.
func (s Series) Between(from, to time.Time, limit int) (occurrences []time.Time, truncated bool) {
	if limit <= 0 || limit > MaxOccurrences {
		limit = MaxOccurrences
	}
	if s.Mode == ModeAfterCompletion {
		if first := s.Start.In(s.Loc); !first.Before(from) && first.Before(to) {
			return []time.Time{first}, false
		}
		return nil, false
	}
	stop := CivilOf(to.In(s.Loc)).date().AddDate(0, 0, 1)
	s.walk(from, stop, func(t time.Time) bool {
		if !t.Before(to) {
			return false
		}
		if t.Before(from) {
			return true
		}
		if len(occurrences) == limit {
			truncated = true
			return false
		}
		occurrences = append(occurrences, t)
		return true
	})
	return occurrences, truncated
}

// First is the first occurrence.
func (s Series) First() time.Time {
	if s.Mode == ModeAfterCompletion {
		return s.Start.In(s.Loc)
	}
	var first time.Time
	s.walk(time.Time{}, lastDay, func(t time.Time) bool { first = t; return false })
	return first
}

// After is the first occurrence later than t, or false when the series
// has ended (an after-completion series is scheduled by NextAfterCompletion).
func (s Series) After(t time.Time) (time.Time, bool) {
	if s.Mode == ModeAfterCompletion {
		return time.Time{}, false
	}
	var next time.Time
	s.walk(t, lastDay, func(o time.Time) bool {
		if o.After(t) {
			next = o
			return false
		}
		return true
	})
	return next, !next.IsZero()
}

// Last is when the last occurrence starts, or false for an open-ended
// series (and an after-completion one, whose dates follow completions).
func (s Series) Last() (time.Time, bool) {
	if s.Mode != ModeFixed || s.Rule.Count == 0 && s.Rule.UntilForm == UntilNone {
		return time.Time{}, false
	}
	var last time.Time
	s.walk(time.Time{}, lastDay, func(t time.Time) bool { last = t; return true })
	return last, !last.IsZero()
}

// NextAfterCompletion is when the next task of an after-completion series
// is due, given when the previous one was completed: Every days or weeks
// after that day (in the series' zone), at the start's wall-clock time.
func (s Series) NextAfterCompletion(completedAt time.Time) time.Time {
	days := s.Every
	if s.Unit == Weeks {
		days *= 7
	}
	day := CivilOf(completedAt.In(s.Loc)).date().AddDate(0, 0, days)
	return s.Start.on(day).In(s.Loc)
}
