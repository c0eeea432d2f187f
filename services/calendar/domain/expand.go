package domain

import (
	"slices"
	"time"
)

// lastYear bounds every expansion: a rule that matches nothing more stops
// there instead of searching forever.
const lastYear = maxYear + 100

// expander walks a rule's periods (days, weeks, months or years, INTERVAL
// apart) from the one holding the start, and yields the days of each
// period that the BYxxx parts select, in order.
type expander struct {
	rule  Rule
	start time.Time // the series' first day, midnight UTC
	// Defaults taken from the start when the rule leaves them out
	// (FREQ=MONTHLY alone repeats on the start's day of the month).
	byDay      []WeekdayNum
	byMonthDay []int
	byMonth    []int
}

func newExpander(r Rule, start Civil) *expander {
	e := &expander{rule: r, start: start.date(), byDay: r.ByDay, byMonthDay: r.ByMonthDay, byMonth: r.ByMonth}
	if len(r.ByDay)+len(r.ByMonthDay) == 0 {
		switch r.Freq {
		case Yearly:
			if len(r.ByMonth) == 0 {
				e.byMonth = []int{int(start.Month)}
			}
			e.byMonthDay = []int{start.Day}
		case Monthly:
			e.byMonthDay = []int{start.Day}
		case Weekly:
			e.byDay = []WeekdayNum{{Day: e.start.Weekday()}}
		}
	}
	return e
}

// period is the k-th period's first day and the day after its last.
func (e *expander) period(k int) (time.Time, time.Time) {
	n := k * e.rule.Interval
	s := e.start
	switch e.rule.Freq {
	case Daily:
		d := s.AddDate(0, 0, n)
		return d, d.AddDate(0, 0, 1)
	case Weekly:
		weekStart := s.AddDate(0, 0, -weekdayIndex(s.Weekday(), e.rule.WeekStart))
		d := weekStart.AddDate(0, 0, 7*n)
		return d, d.AddDate(0, 0, 7)
	case Monthly:
		d := time.Date(s.Year(), s.Month()+time.Month(n), 1, 0, 0, 0, 0, time.UTC)
		return d, d.AddDate(0, 1, 0)
	default:
		d := time.Date(s.Year()+n, 1, 1, 0, 0, 0, 0, time.UTC)
		return d, d.AddDate(1, 0, 0)
	}
}

// periodAt is the index of a period that starts on or before day d, as
// late as possible: iteration may begin there instead of at the start.
func (e *expander) periodAt(d time.Time) int {
	s := e.start
	var units int
	switch e.rule.Freq {
	case Daily:
		units = int(d.Sub(s).Hours() / 24)
	case Weekly:
		units = int(d.Sub(s).Hours()/24) / 7
	case Monthly:
		units = (d.Year()-s.Year())*12 + int(d.Month()) - int(s.Month())
	default:
		units = d.Year() - s.Year()
	}
	k := units/e.rule.Interval - 1
	return max(k, 0)
}

// days are the selected days of period k, after BYSETPOS, in order.
func (e *expander) days(k int, buf []time.Time) []time.Time {
	from, to := e.period(k)
	buf = buf[:0]
	for d := from; d.Before(to); d = d.Add(24 * time.Hour) {
		if len(e.byMonth) > 0 && d.Day() == 1 && !slices.Contains(e.byMonth, int(d.Month())) {
			d = d.AddDate(0, 1, -1) // skip to the month's last day; the loop steps past it
			continue
		}
		if e.match(d) {
			buf = append(buf, d)
		}
	}
	if len(e.rule.BySetPos) == 0 || len(buf) == 0 {
		return buf
	}
	var picked []time.Time
	for _, p := range e.rule.BySetPos {
		i := p - 1
		if p < 0 {
			i = len(buf) + p
		}
		if i >= 0 && i < len(buf) {
			picked = append(picked, buf[i])
		}
	}
	slices.SortFunc(picked, func(a, b time.Time) int { return a.Compare(b) })
	return slices.Compact(picked)
}

func (e *expander) match(d time.Time) bool {
	if len(e.byMonth) > 0 && !slices.Contains(e.byMonth, int(d.Month())) {
		return false
	}
	if len(e.byMonthDay) > 0 {
		mlen := daysIn(d.Year(), d.Month())
		ok := false
		for _, md := range e.byMonthDay {
			if md == d.Day() || md < 0 && mlen+md+1 == d.Day() {
				ok = true
				break
			}
		}
		if !ok {
			return false
		}
	}
	if len(e.byDay) == 0 {
		return true
	}
	for _, w := range e.byDay {
		if w.Day != d.Weekday() {
			continue
		}
		if w.N == 0 || w.N == e.ordinal(d, w.N > 0) {
			return true
		}
	}
	return false
}

// ordinal is d's place among the same weekdays of its month (MONTHLY, or
// YEARLY with BYMONTH) or year: 1, 2, ... counted from the start, or
// -1, -2, ... from the end.
func (e *expander) ordinal(d time.Time, fromStart bool) int {
	pos, length := d.Day(), daysIn(d.Year(), d.Month())
	if e.rule.Freq == Yearly && len(e.rule.ByMonth) == 0 {
		pos, length = d.YearDay(), time.Date(d.Year(), 12, 31, 0, 0, 0, 0, time.UTC).YearDay()
	}
	if fromStart {
		return (pos-1)/7 + 1
	}
	return -((length-pos)/7 + 1)
}

func daysIn(year int, m time.Month) int {
	return time.Date(year, m+1, 0, 0, 0, 0, 0, time.UTC).Day()
}
