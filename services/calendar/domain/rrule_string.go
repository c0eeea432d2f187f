package domain

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// String is the rule in canonical RRULE form (without the "RRULE:"
// prefix): parts in a fixed order, defaults left out.
func (r Rule) String() string {
	var b strings.Builder
	b.WriteString("FREQ=" + r.Freq.String())
	if r.Interval > 1 {
		fmt.Fprintf(&b, ";INTERVAL=%d", r.Interval)
	}
	if r.Count > 0 {
		fmt.Fprintf(&b, ";COUNT=%d", r.Count)
	}
	switch r.UntilForm {
	case UntilUTC:
		b.WriteString(";UNTIL=" + r.Until.UTC().Format("20060102T150405Z"))
	case UntilDate:
		b.WriteString(";UNTIL=" + r.Until.Format("20060102"))
	case UntilLocal:
		b.WriteString(";UNTIL=" + r.Until.Format("20060102T150405"))
	}
	if len(r.ByMonth) > 0 {
		b.WriteString(";BYMONTH=" + joinInts(r.ByMonth))
	}
	if len(r.ByMonthDay) > 0 {
		b.WriteString(";BYMONTHDAY=" + joinInts(r.ByMonthDay))
	}
	if len(r.ByDay) > 0 {
		days := make([]string, len(r.ByDay))
		for i, d := range r.ByDay {
			days[i] = d.String()
		}
		b.WriteString(";BYDAY=" + strings.Join(days, ","))
	}
	if len(r.BySetPos) > 0 {
		b.WriteString(";BYSETPOS=" + joinInts(r.BySetPos))
	}
	if r.WeekStart != time.Monday {
		b.WriteString(";WKST=" + dayCodes[r.WeekStart])
	}
	return b.String()
}

func joinInts(xs []int) string {
	s := make([]string, len(xs))
	for i, x := range xs {
		s[i] = strconv.Itoa(x)
	}
	return strings.Join(s, ",")
}
