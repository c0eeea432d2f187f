package ical_test

import (
	"bytes"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	goical "github.com/emersion/go-ical"

	"github.com/taskrocket/taskrocket/services/calendar/adapters/ical"
	"github.com/taskrocket/taskrocket/services/calendar/domain"
)

var now = time.Date(2026, 12, 5, 11, 0, 0, 0, time.UTC)

func series(t *testing.T, start, tz, rule string) domain.Series {
	t.Helper()
	s, err := domain.NewSeries(domain.SeriesSpec{Start: start, Timezone: tz, RRule: rule})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func meeting(s domain.Series, uid, summary string, length time.Duration) ical.Event {
	first := s.First()
	return ical.Event{UID: uid, Summary: summary, Start: first, End: first.Add(length), TZID: s.Timezone, Rule: &s.Rule}
}

// testFeed has what a feed may hold: recurring meetings in two zones
// (one across a DST change, one ended by COUNT, one open-ended), a single
// UTC meeting with attendees, text that needs escaping and folding, and
// tasks in two zones, open and done.
func testFeed(t *testing.T) (ical.Feed, map[string]domain.Series) {
	standup := series(t, "2026-03-02T09:00", "Europe/Warsaw", "FREQ=WEEKLY;BYDAY=MO,TH;UNTIL=20261231")
	review := series(t, "2026-01-01T17:00", "America/New_York", "FREQ=MONTHLY;BYDAY=-1FR;COUNT=12")
	oneOnOne := series(t, "2026-01-06T10:30", "Europe/Warsaw", "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU")
	longText := strings.Repeat("Zażółć gęślą jaźń — ", 12)
	events := []ical.Event{
		meeting(standup, "standup@taskrocket", `Stand-up; team, "core" \ notes`, 15*time.Minute),
		meeting(review, "review@taskrocket", "Monthly review", time.Hour),
		meeting(oneOnOne, "1on1@taskrocket", "1:1", 30*time.Minute),
		{
			UID: "kickoff@taskrocket", Summary: "Kick-off", Description: "Agenda:\n1. Scope\r\n2. Dates, owners; risks\n" + longText,
			Location: "Room 4, 2nd floor; Warsaw", URL: "https://meet.example.com/abc-defg-hij?pwd=x,y",
			Start: time.Date(2026, 11, 2, 14, 0, 0, 0, time.UTC), End: time.Date(2026, 11, 2, 15, 30, 0, 0, time.UTC),
			Organizer: &ical.Attendee{Name: "Ada Lovelace", Email: "ada@example.com"},
			Attendees: []ical.Attendee{
				{Name: "Grace Hopper, RADM", Email: "grace@example.com", Status: ical.Accepted},
				{Name: "Alan: \"the\" Turing", Email: "alan@example.com", Status: ical.Declined},
				{UserID: "0190e7a4-0000-7000-8000-000000000001"},
			},
			Sequence: 2, Modified: now.Add(-time.Hour),
		},
	}
	tasks := []ical.Task{
		{UID: "task-1@taskrocket", Summary: "Ship the landing page", Due: time.Date(2026, 3, 8, 17, 0, 0, 0, mustLoc(t, "America/New_York")),
			TZID: "America/New_York", URL: "https://app.example.com/tasks/1"},
		{UID: "task-2@taskrocket", Summary: "Pay invoices", Due: time.Date(2026, 10, 25, 2, 30, 0, 0, time.UTC), TZID: "Europe/Warsaw",
			Completed: time.Date(2026, 10, 24, 8, 0, 0, 0, time.UTC)},
	}
	return ical.Feed{Name: "Ada's calendar", Now: now, Events: events, Tasks: tasks},
		map[string]domain.Series{"standup@taskrocket": standup, "review@taskrocket": review, "1on1@taskrocket": oneOnOne}
}

func mustLoc(t *testing.T, name string) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(name)
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

func write(t *testing.T, f ical.Feed) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := ical.Write(&buf, f); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func decode(t *testing.T, out []byte) *goical.Calendar {
	t.Helper()
	cal, err := goical.NewDecoder(bytes.NewReader(out)).Decode()
	if err != nil {
		t.Fatalf("the feed does not parse: %v\n%s", err, out)
	}
	// The library's encoder checks the required and single-valued
	// properties of every component.
	if err := goical.NewEncoder(&bytes.Buffer{}).Encode(cal); err != nil {
		t.Fatalf("the feed is not a valid calendar: %v", err)
	}
	return cal
}

func TestLinesAreFoldedAt75Octets(t *testing.T) {
	t.Parallel()
	f, _ := testFeed(t)
	out := write(t, f)
	if !bytes.HasSuffix(out, []byte("\r\n")) {
		t.Fatal("the feed does not end with CRLF")
	}
	folded := 0
	for i, line := range strings.Split(strings.TrimSuffix(string(out), "\r\n"), "\r\n") {
		if len(line) > 75 {
			t.Errorf("line %d has %d octets: %q", i+1, len(line), line)
		}
		if !utf8.ValidString(line) {
			t.Errorf("line %d splits a character: %q", i+1, line)
		}
		if strings.ContainsAny(line, "\r\n") {
			t.Errorf("line %d holds a bare line break: %q", i+1, line)
		}
		if strings.HasPrefix(line, " ") {
			folded++
		}
	}
	if folded == 0 {
		t.Error("nothing was folded; the test feed should need it")
	}
}

func TestEventsReadBack(t *testing.T) {
	t.Parallel()
	f, _ := testFeed(t)
	cal := decode(t, write(t, f))
	if got, _ := cal.Props.Text("X-WR-CALNAME"); got != "Ada's calendar" {
		t.Errorf("calendar name %q", got)
	}
	events := map[string]goical.Event{}
	for _, e := range cal.Events() {
		uid, _ := e.Props.Text(goical.PropUID)
		events[uid] = e
	}
	if len(events) != len(f.Events) {
		t.Fatalf("%d events read back, %d written", len(events), len(f.Events))
	}
	for _, want := range f.Events {
		got, ok := events[want.UID]
		if !ok {
			t.Errorf("%s: missing", want.UID)
			continue
		}
		for prop, text := range map[string]string{goical.PropSummary: want.Summary, goical.PropLocation: want.Location,
			goical.PropDescription: strings.ReplaceAll(want.Description, "\r\n", "\n")} {
			if v, _ := got.Props.Text(prop); v != text {
				t.Errorf("%s %s: got %q, want %q", want.UID, prop, v, text)
			}
		}
		start, err := got.DateTimeStart(nil)
		if err != nil || !start.Equal(want.Start) {
			t.Errorf("%s DTSTART: got %v (%v), want %v", want.UID, start, err, want.Start)
		}
		end, err := got.DateTimeEnd(nil)
		if err != nil || !end.Equal(want.End) {
			t.Errorf("%s DTEND: got %v (%v), want %v", want.UID, end, err, want.End)
		}
		if tzid := got.Props.Get(goical.PropDateTimeStart).Params.Get(goical.PropTimezoneID); want.TZID != "" && tzid != want.TZID {
			t.Errorf("%s TZID: got %q, want %q", want.UID, tzid, want.TZID)
		}
	}
	kickoff := events["kickoff@taskrocket"]
	if u, err := kickoff.Props.URI(goical.PropURL); err != nil || u.String() != "https://meet.example.com/abc-defg-hij?pwd=x,y" {
		t.Errorf("URL: %v %v", u, err)
	}
	org := kickoff.Props.Get(goical.PropOrganizer)
	if org.Value != "mailto:ada@example.com" || org.Params.Get(goical.ParamCommonName) != "Ada Lovelace" {
		t.Errorf("organizer: %+v", org)
	}
	type answer struct{ addr, name, status string }
	var got []answer
	for _, a := range kickoff.Props.Values(goical.PropAttendee) {
		got = append(got, answer{a.Value, a.Params.Get(goical.ParamCommonName), a.Params.Get(goical.ParamParticipationStatus)})
	}
	want := []answer{
		{"mailto:grace@example.com", "Grace Hopper, RADM", "ACCEPTED"},
		{"mailto:alan@example.com", "Alan: the Turing", "DECLINED"},
		{"urn:uuid:0190e7a4-0000-7000-8000-000000000001", "", "NEEDS-ACTION"},
	}
	if len(got) != len(want) {
		t.Fatalf("attendees: got %v, want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("attendee %d: got %v, want %v", i, got[i], want[i])
		}
	}
}

// TestRulesReadBack expands every RRULE read back with the library's
// recurrence engine (rrule-go) and compares it with this service's.
func TestRulesReadBack(t *testing.T) {
	t.Parallel()
	f, all := testFeed(t)
	cal := decode(t, write(t, f))
	from, to := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2028, 1, 1, 0, 0, 0, 0, time.UTC)
	checked := 0
	for _, e := range cal.Events() {
		uid, _ := e.Props.Text(goical.PropUID)
		s, ok := all[uid]
		if !ok {
			if e.Props.Get(goical.PropRecurrenceRule) != nil {
				t.Errorf("%s: an RRULE on a single event", uid)
			}
			continue
		}
		if got := e.Props.Get(goical.PropRecurrenceRule).Value; got != s.Rule.String() {
			t.Errorf("%s RRULE: got %s, want %s", uid, got, s.Rule.String())
		}
		set, err := e.RecurrenceSet(nil)
		if err != nil || set == nil {
			t.Fatalf("%s: %v", uid, err)
		}
		theirs := set.Between(from, to, true)
		ours, _ := s.Between(from, to, 0)
		if len(ours) == 0 || len(theirs) != len(ours) {
			t.Errorf("%s: %d occurrences read back, %d expected", uid, len(theirs), len(ours))
			continue
		}
		for i := range ours {
			if !theirs[i].Equal(ours[i]) {
				t.Errorf("%s occurrence %d: read back %v, expected %v", uid, i, theirs[i], ours[i])
			}
		}
		checked++
	}
	if checked != len(all) {
		t.Errorf("%d recurring events checked, %d written", checked, len(all))
	}
}

func TestTasksReadBack(t *testing.T) {
	t.Parallel()
	f, _ := testFeed(t)
	t.Run("as-todos", func(t *testing.T) {
		t.Parallel()
		cal := decode(t, write(t, f))
		var todos []*goical.Component
		for _, c := range cal.Children {
			if c.Name == goical.CompToDo {
				todos = append(todos, c)
			}
		}
		if len(todos) != 2 {
			t.Fatalf("%d VTODOs", len(todos))
		}
		for i, want := range f.Tasks {
			due, err := todos[i].Props.DateTime(goical.PropDue, nil)
			if err != nil || !due.Equal(want.Due) {
				t.Errorf("%s DUE: got %v (%v), want %v", want.UID, due, err, want.Due)
			}
			status, _ := todos[i].Props.Text(goical.PropStatus)
			completed, _ := todos[i].Props.DateTime(goical.PropCompleted, nil)
			if want.Completed.IsZero() && status != "NEEDS-ACTION" || !want.Completed.IsZero() && (status != "COMPLETED" || !completed.Equal(want.Completed)) {
				t.Errorf("%s: status %s, completed %v", want.UID, status, completed)
			}
		}
	})
	t.Run("as-events", func(t *testing.T) {
		t.Parallel()
		g := f
		g.TasksAsEvents = true
		cal := decode(t, write(t, g))
		if n := len(cal.Events()); n != len(f.Events)+len(f.Tasks) {
			t.Fatalf("%d events, want %d", n, len(f.Events)+len(f.Tasks))
		}
		last := cal.Events()[len(cal.Events())-1]
		if start, err := last.DateTimeStart(nil); err != nil || !start.Equal(f.Tasks[1].Due) {
			t.Errorf("task as event starts %v (%v)", start, err)
		}
	})
}
