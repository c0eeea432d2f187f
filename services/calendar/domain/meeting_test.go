package domain

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/taskrocket/taskrocket/services/platform/apperr"
)

func fieldProblems(err error) map[string]any {
	var e *apperr.Error
	if errors.As(err, &e) && e.Code == "validation_failed" {
		return e.Details["fields"].(map[string]any)
	}
	return nil
}

func TestNewMeeting(t *testing.T) {
	t.Parallel()
	id := "0190e7a4-0000-7000-8000-000000000001"
	base := MeetingInput{Title: "Planning", Start: "2026-03-29T10:00", End: "2026-03-29T11:00", Timezone: "Europe/Warsaw"}
	tests := []struct {
		name   string
		change func(*MeetingInput)
		field  string
		want   string
		code   string
	}{
		{"ok", func(*MeetingInput) {}, "", "", ""},
		{"title-required", func(in *MeetingInput) { in.Title = "  " }, FieldTitle, "required", ""},
		{"title-too-long", func(in *MeetingInput) { in.Title = strings.Repeat("x", 201) }, FieldTitle, "too_long", ""},
		{"end-before-start", func(in *MeetingInput) { in.End = "2026-03-29T09:00" }, FieldEnd, "before_start", ""},
		{"end-equals-start", func(in *MeetingInput) { in.End = in.Start }, FieldEnd, "before_start", ""},
		{"longer-than-a-week", func(in *MeetingInput) { in.End = "2026-04-06T10:00" }, FieldEnd, "too_long", ""},
		{"bad-start", func(in *MeetingInput) { in.Start = "tomorrow" }, FieldStart, "invalid", ""},
		{"unknown-zone", func(in *MeetingInput) { in.Timezone = "Europe/Atlantis" }, FieldTimezone, "invalid", ""},
		{"javascript-link", func(in *MeetingInput) { in.Link = "javascript:alert(1)" }, FieldLink, "invalid", ""},
		{"bad-attendee", func(in *MeetingInput) { in.AttendeeIDs = []string{"ada"} }, FieldAttendeeIDs, "invalid", ""},
		{"too-many-attendees", func(in *MeetingInput) { in.AttendeeIDs = make([]string, 101) }, FieldAttendeeIDs, "too_many", ""},
		{"bad-project", func(in *MeetingInput) { in.ProjectID = "x" }, FieldProjectID, "invalid", ""},
		{"bad-rrule", func(in *MeetingInput) { in.RRule = "FREQ=SOMETIMES" }, "", "", "invalid_rrule"},
		{"duplicate-attendees-merged", func(in *MeetingInput) { in.AttendeeIDs = []string{id, strings.ToUpper(id)} }, "", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			in := base
			tt.change(&in)
			_, err := NewMeeting(in)
			switch {
			case tt.field != "":
				if got := fieldProblems(err)[tt.field]; got != tt.want {
					t.Errorf("%s: %v (%v)", tt.field, got, err)
				}
			case code(err) != tt.code:
				t.Errorf("code %q, want %q (%v)", code(err), tt.code, err)
			}
		})
	}
}

func TestRecurringMeeting(t *testing.T) {
	t.Parallel()
	// Created on a Sunday for Mondays and Thursdays: the first occurrence
	// is Monday's, one hour long like the input.
	m, err := NewMeeting(MeetingInput{Title: "Stand-up", Start: "2026-03-29T09:00", End: "2026-03-29T10:00",
		Timezone: "Europe/Warsaw", RRule: "FREQ=WEEKLY;BYDAY=MO,TH;COUNT=3"})
	if err != nil {
		t.Fatal(err)
	}
	if m.Start.Format(time.RFC3339) != "2026-03-30T09:00:00+02:00" || m.End.Sub(m.Start) != time.Hour {
		t.Errorf("first occurrence %v - %v", m.Start, m.End)
	}
	last, ok := m.LastEnd()
	if !ok || last.Format(time.RFC3339) != "2026-04-06T10:00:00+02:00" {
		t.Errorf("last end %v %v", last, ok)
	}
	// An occurrence that started before the window but runs into it is in.
	occ, _ := m.Occurrences(m.Start.Add(30*time.Minute), m.Start.Add(24*time.Hour), 0)
	if len(occ) != 1 || !occ[0].Start.Equal(m.Start) {
		t.Errorf("occurrences %v", occ)
	}
}

func TestTaskSeriesInput(t *testing.T) {
	t.Parallel()
	project := "0190e7a4-0000-7000-8000-000000000002"
	ts, err := NewTaskSeries(TaskSeriesInput{ProjectID: project, Title: "Invoices", Preset: "monthly_last_friday",
		Spec: SeriesSpec{Start: "2026-01-01T10:00", Timezone: "Europe/Warsaw"}})
	if err != nil || ts.Series.Rule.String() != "FREQ=MONTHLY;BYDAY=-1FR" || ts.NextDue.Format(time.RFC3339) != "2026-01-30T10:00:00+01:00" {
		t.Fatalf("preset: %+v %v", ts, err)
	}
	for name, in := range map[string]TaskSeriesInput{
		"unknown_preset":          {ProjectID: project, Title: "x", Preset: "hourly", Spec: SeriesSpec{Start: "2026-01-01T10:00", Timezone: "UTC"}},
		"invalid_recurrence_mode": {ProjectID: project, Title: "x", Preset: "daily", Spec: SeriesSpec{Start: "2026-01-01T10:00", Timezone: "UTC", RRule: "FREQ=DAILY"}},
		"validation_failed":       {ProjectID: "nope", Title: "x"},
		"unknown_timezone":        {ProjectID: project, Title: "x", Spec: SeriesSpec{Start: "2026-01-01T10:00", Timezone: "Nowhere", RRule: "FREQ=DAILY"}},
	} {
		if _, err := NewTaskSeries(in); code(err) != name {
			t.Errorf("%s: %v", name, err)
		}
	}
}

func TestReminderAndFeedToken(t *testing.T) {
	t.Parallel()
	if CheckReminder(TargetMeeting, 15, "") != nil || CheckReminder(TargetTask, 0, "") != nil || CheckReminder(TargetTask, 0, "09:00") != nil ||
		CheckReminder(TargetTaskSeries, 0, "23:59") != nil {
		t.Error("a valid reminder refused")
	}
	for name, err := range map[string]error{
		"kind": CheckReminder("project", 15, ""), "too-early": CheckReminder(TargetMeeting, MaxMinutesBefore+1, ""),
		"negative": CheckReminder(TargetMeeting, -1, ""), "time-of-meeting": CheckReminder(TargetMeeting, 0, "09:00"),
		"both": CheckReminder(TargetTask, 10, "09:00"), "bad-time": CheckReminder(TargetTask, 0, "24:00"),
		"bad-form": CheckReminder(TargetTask, 0, "9:00"), "junk": CheckReminder(TargetTask, 0, "09:0x"),
	} {
		if code(err) != "invalid_reminder" {
			t.Errorf("%s: an invalid reminder accepted (%v)", name, err)
		}
	}
	if code(CheckSnooze(0)) != "invalid_snooze" || code(CheckSnooze(MaxSnoozeMinutes+1)) != "invalid_snooze" || CheckSnooze(10) != nil {
		t.Error("snooze lengths")
	}
	r := Reminder{MinutesBefore: 90}
	if at := r.At(time.Date(2026, 3, 29, 9, 0, 0, 0, time.UTC), nil); at != time.Date(2026, 3, 29, 7, 30, 0, 0, time.UTC) {
		t.Errorf("fires at %v", at)
	}
	// "At 9:00 on the due date" in the task's zone: a task due at 00:30
	// on 30 March in Warsaw (22:30 UTC the day before) is reminded of at
	// 09:00 Warsaw time (summer time) on 30 March.
	warsaw, _ := time.LoadLocation("Europe/Warsaw")
	morning := Reminder{AtTime: "09:00"}
	if at := morning.At(time.Date(2026, 3, 29, 22, 30, 0, 0, time.UTC), warsaw); !at.Equal(time.Date(2026, 3, 30, 7, 0, 0, 0, time.UTC)) {
		t.Errorf("at 9:00 fires at %v", at)
	}
	a, ha := NewFeedToken()
	b, _ := NewFeedToken()
	if a == b || len(ha) != 32 || string(HashFeedToken(a)) != string(ha) || HashFeedToken("trcal_short") != nil || HashFeedToken(a+"x") != nil {
		t.Errorf("tokens %q %q", a, b)
	}
}
