package ical_test

import (
	"slices"
	"sort"
	"testing"
	"time"

	goical "github.com/emersion/go-ical"

	"github.com/taskrocket/taskrocket/services/calendar/adapters/ical"
)

// zoneRules is a VTIMEZONE read back: onsets in order and the offset from
// each on.
type zoneRules struct {
	onsets  []time.Time
	offsets []int
	before  int
}

func (z zoneRules) offset(t time.Time) int {
	i := sort.Search(len(z.onsets), func(i int) bool { return z.onsets[i].After(t) })
	if i == 0 {
		return z.before
	}
	return z.offsets[i-1]
}

func parseOffset(t *testing.T, s string) int {
	t.Helper()
	sign := 1
	if s[0] == '-' {
		sign = -1
	}
	var h, m, sec int
	h = int(s[1]-'0')*10 + int(s[2]-'0')
	m = int(s[3]-'0')*10 + int(s[4]-'0')
	if len(s) == 7 {
		sec = int(s[5]-'0')*10 + int(s[6]-'0')
	}
	return sign * (h*3600 + m*60 + sec)
}

func readZones(t *testing.T, cal *goical.Calendar) map[string]zoneRules {
	t.Helper()
	zones := map[string]zoneRules{}
	for _, c := range cal.Children {
		if c.Name != goical.CompTimezone {
			continue
		}
		tzid, _ := c.Props.Text(goical.PropTimezoneID)
		var z zoneRules
		for i, o := range c.Children {
			if o.Name != goical.CompTimezoneStandard && o.Name != goical.CompTimezoneDaylight {
				t.Fatalf("%s: a %s in a VTIMEZONE", tzid, o.Name)
			}
			local, err := time.Parse("20060102T150405", o.Props.Get(goical.PropDateTimeStart).Value)
			if err != nil {
				t.Fatalf("%s DTSTART: %v", tzid, err)
			}
			from := parseOffset(t, o.Props.Get(goical.PropTimezoneOffsetFrom).Value)
			to := parseOffset(t, o.Props.Get(goical.PropTimezoneOffsetTo).Value)
			if i == 0 {
				z.before = from
			}
			onset := local.Add(-time.Duration(from) * time.Second)
			if len(z.onsets) > 0 && !onset.After(z.onsets[len(z.onsets)-1]) {
				t.Fatalf("%s: observances out of order at %v", tzid, onset)
			}
			z.onsets, z.offsets = append(z.onsets, onset), append(z.offsets, to)
		}
		zones[tzid] = z
	}
	return zones
}

// TestTimezonesMatchTheDatabase reads every VTIMEZONE back and checks that
// it gives the offset Go's database gives, hour by hour, over everything
// the feed holds in that zone: in Warsaw an open-ended series (described up
// to the horizon), in New York a series of 12 months and a task.
func TestTimezonesMatchTheDatabase(t *testing.T) {
	t.Parallel()
	f, all := testFeed(t)
	cal := decode(t, write(t, f))
	review, _ := all["review@taskrocket"].Between(time.Time{}, now.AddDate(10, 0, 0), 0)
	cover := map[string]struct {
		to          time.Time
		transitions int
	}{
		"Europe/Warsaw":    {now.Add(ical.DefaultHorizon), 11},        // two changes a year, 2026 to 2031
		"America/New_York": {review[len(review)-1].Add(time.Hour), 2}, // March and November 2026
	}
	zones := readZones(t, cal)
	var used []string
	for _, c := range cal.Children {
		for _, props := range c.Props {
			for _, p := range props {
				if tzid := p.Params.Get(goical.PropTimezoneID); tzid != "" && !slices.Contains(used, tzid) {
					used = append(used, tzid)
				}
			}
		}
	}
	slices.Sort(used)
	var defined []string
	for tzid := range zones {
		defined = append(defined, tzid)
	}
	slices.Sort(defined)
	if !slices.Equal(used, defined) || len(used) != 2 {
		t.Fatalf("TZIDs used %v, VTIMEZONEs %v", used, defined)
	}
	from := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	for tzid, z := range zones {
		to := cover[tzid].to
		loc := mustLoc(t, tzid)
		transitions := 0
		for at := from; at.Before(to); at = at.Add(time.Hour) {
			_, want := at.In(loc).Zone()
			if got := z.offset(at); got != want {
				t.Fatalf("%s at %v: VTIMEZONE says %d, the database %d", tzid, at, got, want)
			}
		}
		for _, o := range z.onsets {
			if !o.Before(from) {
				transitions++
			}
		}
		if transitions < cover[tzid].transitions {
			t.Errorf("%s: %d transitions after 2026", tzid, transitions)
		}
	}
}
