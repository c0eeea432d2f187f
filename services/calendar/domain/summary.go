package domain

import (
	"fmt"
	"slices"
	"strings"
	"time"
)

var weekdays = []WeekdayNum{{Day: time.Monday}, {Day: time.Tuesday}, {Day: time.Wednesday}, {Day: time.Thursday}, {Day: time.Friday}}

// Summary describes the series in plain English, as a person would say
// it: "every 2 weeks on Monday and Thursday, 10 times", "every month on
// the last Friday", "3 days after completion".
func (s Series) Summary() string {
	if s.Mode == ModeAfterCompletion {
		return fmt.Sprintf("%s after completion", plural(s.Every, strings.TrimSuffix(string(s.Unit), "s")))
	}
	e := newExpander(s.Rule, s.Start)
	r := s.Rule
	var b strings.Builder
	unit := map[Frequency]string{Daily: "day", Weekly: "week", Monthly: "month", Yearly: "year"}[r.Freq]
	onWeekdays := slices.Equal(e.byDay, weekdays) && len(r.BySetPos) == 0 && len(e.byMonthDay) == 0
	switch {
	case onWeekdays && r.Interval == 1 && (r.Freq == Daily || r.Freq == Weekly):
		b.WriteString("every weekday")
	case r.Interval == 1:
		b.WriteString("every " + unit)
	default:
		b.WriteString("every " + plural(r.Interval, unit))
	}
	if !(onWeekdays && r.Interval == 1 && r.Freq <= Weekly) {
		b.WriteString(s.onWhat(e))
	}
	if len(e.byMonth) > 0 && !(r.Freq == Yearly && len(r.ByMonth) == 0) && !strings.Contains(b.String(), " of ") {
		b.WriteString(" in " + list(e.byMonth, func(m int) string { return time.Month(m).String() }))
	}
	switch {
	case r.Count == 1:
		b.WriteString(", once")
	case r.Count > 1:
		fmt.Fprintf(&b, ", %d times", r.Count)
	case r.UntilForm != UntilNone:
		b.WriteString(", until " + r.Until.In(s.Loc).Format("January 2, 2006"))
	}
	return b.String()
}

// onWhat names the selected days: " on Monday and Thursday", " on the
// last Friday", " on the 15th", " on March 3".
func (s Series) onWhat(e *expander) string {
	r := s.Rule
	if r.Freq == Yearly && len(e.byMonth) == 1 && len(e.byMonthDay) == 1 && len(e.byDay) == 0 && e.byMonthDay[0] > 0 {
		return fmt.Sprintf(" on %s %d", time.Month(e.byMonth[0]), e.byMonthDay[0])
	}
	var parts []string
	if len(e.byDay) > 0 {
		parts = append(parts, list(e.byDay, func(w WeekdayNum) string {
			if w.N == 0 {
				return w.Day.String()
			}
			return "the " + ordinal(w.N) + " " + w.Day.String()
		}))
	}
	if len(e.byMonthDay) > 0 {
		parts = append(parts, list(e.byMonthDay, func(d int) string {
			if d < 0 {
				return "the " + ordinal(d) + " day"
			}
			return "the " + ordinal(d)
		}))
	}
	if len(parts) == 0 {
		return ""
	}
	out := " on " + strings.Join(parts, " that is ")
	if r.Freq == Yearly && len(e.byMonth) > 0 && len(e.byDay) > 0 {
		out += " of " + list(e.byMonth, func(m int) string { return time.Month(m).String() })
	}
	if len(r.BySetPos) > 0 {
		out = " on " + list(r.BySetPos, func(p int) string { return "the " + ordinal(p) }) +
			" of" + strings.TrimPrefix(out, " on") + " each " + map[Frequency]string{Daily: "day", Weekly: "week", Monthly: "month", Yearly: "year"}[r.Freq]
		if slices.Equal(e.byDay, weekdays) && len(e.byMonthDay) == 0 {
			out = " on " + list(r.BySetPos, func(p int) string { return "the " + ordinal(p) }) + " weekday"
			if len(r.ByMonth) > 0 && r.Freq == Yearly {
				out += " of " + list(e.byMonth, func(m int) string { return time.Month(m).String() })
			}
		}
	}
	return out
}

func plural(n int, unit string) string {
	if n == 1 {
		return "1 " + unit
	}
	return fmt.Sprintf("%d %ss", n, unit)
}

// list joins names the English way: "A", "A and B", "A, B and C".
func list[T any](xs []T, name func(T) string) string {
	s := make([]string, len(xs))
	for i, x := range xs {
		s[i] = name(x)
	}
	if len(s) <= 1 {
		return strings.Join(s, "")
	}
	return strings.Join(s[:len(s)-1], ", ") + " and " + s[len(s)-1]
}

// ordinal is "first", "2nd", "last", "2nd to last", ...
func ordinal(n int) string {
	switch n {
	case 1:
		return "first"
	case -1:
		return "last"
	}
	if n < 0 {
		return ordinal(-n) + " to last"
	}
	suffix := "th"
	if n%100 < 11 || n%100 > 13 {
		switch n % 10 {
		case 1:
			suffix = "st"
		case 2:
			suffix = "nd"
		case 3:
			suffix = "rd"
		}
	}
	return fmt.Sprintf("%d%s", n, suffix)
}
