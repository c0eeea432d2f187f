package domain

import (
	"slices"
	"strconv"
	"strings"
	"time"
)

// Frequency is the FREQ of a rule; only the day-based ones are supported.
type Frequency int

const (
	Daily Frequency = iota + 1
	Weekly
	Monthly
	Yearly
)

var freqNames = map[Frequency]string{Daily: "DAILY", Weekly: "WEEKLY", Monthly: "MONTHLY", Yearly: "YEARLY"}

func (f Frequency) String() string { return freqNames[f] }

// WeekdayNum is one BYDAY entry: a weekday, with an ordinal N within the
// month or year (2TU: the second Tuesday, -1FR: the last Friday) or N == 0
// for every such weekday.
type WeekdayNum struct {
	N   int
	Day time.Weekday
}

var dayCodes = [7]string{"SU", "MO", "TU", "WE", "TH", "FR", "SA"}

func (w WeekdayNum) String() string {
	if w.N == 0 {
		return dayCodes[w.Day]
	}
	return strconv.Itoa(w.N) + dayCodes[w.Day]
}

// UntilForm says how UNTIL was written: a date, a UTC date-time (the form
// RFC 5545 requires with a zoned DTSTART), or a floating local date-time.
type UntilForm int

const (
	UntilNone UntilForm = iota
	UntilUTC
	UntilDate
	UntilLocal
)

// Rule is a parsed RRULE. Lists are sorted and free of duplicates, so two
// rules that mean the same thing print the same.
type Rule struct {
	Freq       Frequency
	Interval   int // at least 1
	Count      int // 0: no COUNT
	Until      time.Time
	UntilForm  UntilForm
	ByDay      []WeekdayNum
	ByMonthDay []int
	ByMonth    []int
	BySetPos   []int
	WeekStart  time.Weekday // WKST, Monday unless given
}

// Limits of what a rule may say.
const (
	maxRuleLen  = 1024
	MaxInterval = 1000
	maxListLen  = 64
)

// ParseRule parses an RFC 5545 RRULE value, with or without the "RRULE:"
// prefix. It checks everything that can be checked without a start; a
// Series checks the rest (UNTIL against the start, the number of
// occurrences).
func ParseRule(raw string) (Rule, error) {
	r := Rule{Interval: 1, WeekStart: time.Monday}
	s := strings.TrimSpace(raw)
	if len(s) > maxRuleLen {
		return r, ruleError(ErrInvalidRRule, "", "too_long")
	}
	if len(s) >= 6 && strings.EqualFold(s[:6], "RRULE:") {
		s = s[6:]
	}
	if s == "" {
		return r, ruleError(ErrInvalidRRule, "FREQ", "missing")
	}
	seen := map[string]bool{}
	for _, part := range strings.Split(s, ";") {
		name, value, ok := strings.Cut(part, "=")
		name = strings.ToUpper(name)
		if !ok || name == "" || value == "" {
			return r, ruleError(ErrInvalidRRule, name, "malformed")
		}
		if seen[name] {
			return r, ruleError(ErrInvalidRRule, name, "repeated")
		}
		seen[name] = true
		if err := r.setPart(name, strings.ToUpper(value)); err != nil {
			return r, err
		}
	}
	if r.Freq == 0 {
		return r, ruleError(ErrInvalidRRule, "FREQ", "missing")
	}
	return r, r.check(seen)
}

func (r *Rule) setPart(name, value string) error {
	var err error
	switch name {
	case "FREQ":
		switch value {
		case "DAILY":
			r.Freq = Daily
		case "WEEKLY":
			r.Freq = Weekly
		case "MONTHLY":
			r.Freq = Monthly
		case "YEARLY":
			r.Freq = Yearly
		case "SECONDLY", "MINUTELY", "HOURLY":
			return ruleError(ErrUnsupportedRRule, name, "unsupported")
		default:
			return ruleError(ErrInvalidRRule, name, "invalid")
		}
	case "INTERVAL":
		r.Interval, err = number(name, value, 1, MaxInterval)
	case "COUNT":
		n, perr := strconv.Atoi(value)
		switch {
		case perr != nil || len(value) > 6:
			return ruleError(ErrInvalidRRule, name, "invalid")
		case n < 1:
			return ruleError(ErrInvalidCount, name, "out_of_range")
		}
		r.Count = n
	case "UNTIL":
		r.Until, r.UntilForm, err = parseUntil(value)
	case "BYDAY":
		r.ByDay, err = parseList(name, value, parseWeekdayNum)
		slices.SortFunc(r.ByDay, func(a, b WeekdayNum) int {
			if a.N != b.N {
				return a.N - b.N
			}
			return int(weekdayIndex(a.Day, time.Monday)) - int(weekdayIndex(b.Day, time.Monday))
		})
		r.ByDay = slices.Compact(r.ByDay)
	case "BYMONTHDAY":
		r.ByMonthDay, err = intList(name, value, 31, true)
	case "BYMONTH":
		r.ByMonth, err = intList(name, value, 12, false)
	case "BYSETPOS":
		r.BySetPos, err = intList(name, value, 366, true)
	case "WKST":
		d, ok := parseDay(value)
		if !ok {
			return ruleError(ErrInvalidRRule, name, "invalid")
		}
		r.WeekStart = d
	case "BYSECOND", "BYMINUTE", "BYHOUR", "BYYEARDAY", "BYWEEKNO", "RSCALE", "SKIP":
		return ruleError(ErrUnsupportedRRule, name, "unsupported")
	default:
		return ruleError(ErrInvalidRRule, name, "unknown_part")
	}
	return err
}

// check applies the RFC's rules on combinations of parts.
func (r *Rule) check(seen map[string]bool) error {
	switch {
	case seen["COUNT"] && seen["UNTIL"]:
		return ruleError(ErrInvalidRRule, "UNTIL", "with_count")
	case r.Freq == Weekly && len(r.ByMonthDay) > 0:
		return ruleError(ErrInvalidRRule, "BYMONTHDAY", "not_with_weekly")
	case len(r.BySetPos) > 0 && len(r.ByDay)+len(r.ByMonthDay)+len(r.ByMonth) == 0:
		return ruleError(ErrInvalidRRule, "BYSETPOS", "needs_other_by_part")
	}
	for _, d := range r.ByDay {
		switch {
		case d.N == 0:
		case r.Freq == Daily || r.Freq == Weekly:
			return ruleError(ErrInvalidRRule, "BYDAY", "ordinal_needs_monthly_or_yearly")
		case (r.Freq == Monthly || len(r.ByMonth) > 0) && (d.N > 5 || d.N < -5):
			return ruleError(ErrInvalidRRule, "BYDAY", "ordinal_out_of_range")
		}
	}
	if !r.canOccur() {
		return ruleError(ErrInvalidRRule, "BYMONTHDAY", "never_occurs")
	}
	return nil
}

// canOccur reports whether some month allowed by BYMONTH has a day named
// by BYMONTHDAY (BYMONTH=2;BYMONTHDAY=30 never happens).
func (r *Rule) canOccur() bool {
	if len(r.ByMonthDay) == 0 {
		return true
	}
	months := r.ByMonth
	if len(months) == 0 {
		months = []int{1}
	}
	maxDays := [13]int{0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31}
	for _, m := range months {
		for _, d := range r.ByMonthDay {
			if d <= maxDays[m] && -d <= maxDays[m] {
				return true
			}
		}
	}
	return false
}

func number(part, value string, lo, hi int) (int, error) {
	n, err := strconv.Atoi(value)
	if err != nil || len(value) > 6 {
		return 0, ruleError(ErrInvalidRRule, part, "invalid")
	}
	if n < lo || n > hi {
		return 0, ruleError(ErrInvalidRRule, part, "out_of_range")
	}
	return n, nil
}

func parseList[T any](part, value string, parse func(string) (T, bool)) ([]T, error) {
	items := strings.Split(value, ",")
	if len(items) > maxListLen {
		return nil, ruleError(ErrInvalidRRule, part, "too_many")
	}
	out := make([]T, 0, len(items))
	for _, it := range items {
		v, ok := parse(it)
		if !ok {
			return nil, ruleError(ErrInvalidRRule, part, "invalid")
		}
		out = append(out, v)
	}
	return out, nil
}

// intList parses a list of integers within ±max (negatives only if
// signed; never 0), sorted and without duplicates.
func intList(part, value string, max int, signed bool) ([]int, error) {
	out, err := parseList(part, value, func(s string) (int, bool) {
		if s == "" || len(s) > 4 || s[0] == '+' && len(s) == 1 {
			return 0, false
		}
		n, err := strconv.Atoi(s)
		if err != nil || n == 0 || n > max || n < -max || (n < 0 && !signed) {
			return 0, false
		}
		return n, true
	})
	slices.Sort(out)
	return slices.Compact(out), err
}

func parseDay(s string) (time.Weekday, bool) {
	i := slices.Index(dayCodes[:], s)
	return time.Weekday(i), i >= 0
}

func parseWeekdayNum(s string) (WeekdayNum, bool) {
	if len(s) < 2 || len(s) > 5 {
		return WeekdayNum{}, false
	}
	d, ok := parseDay(s[len(s)-2:])
	if !ok {
		return WeekdayNum{}, false
	}
	w := WeekdayNum{Day: d}
	if num := s[:len(s)-2]; num != "" {
		digits := strings.TrimLeft(num, "+-")
		if len(num)-len(digits) > 1 || digits == "" {
			return WeekdayNum{}, false
		}
		n, err := strconv.Atoi(num)
		if err != nil || n == 0 || n > 53 || n < -53 {
			return WeekdayNum{}, false
		}
		w.N = n
	}
	return w, true
}

func parseUntil(v string) (time.Time, UntilForm, error) {
	layouts := []struct {
		layout string
		form   UntilForm
	}{{"20060102", UntilDate}, {"20060102T150405Z", UntilUTC}, {"20060102T150405", UntilLocal}}
	for _, l := range layouts {
		if len(v) != len(l.layout) {
			continue
		}
		t, err := time.Parse(l.layout, v)
		if err != nil || t.Year() < minYear || t.Year() > maxYear {
			break
		}
		return t, l.form, nil
	}
	return time.Time{}, UntilNone, ruleError(ErrInvalidRRule, "UNTIL", "invalid")
}

// weekdayIndex is d's place (0-6) in a week that starts on start.
func weekdayIndex(d, start time.Weekday) int {
	return (int(d) - int(start) + 7) % 7
}
