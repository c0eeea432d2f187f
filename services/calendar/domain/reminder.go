package domain

import (
	"time"

	"github.com/taskrocket/taskrocket/services/platform/apperr"
)

// TargetKind is what a reminder is about.
type TargetKind string

const (
	TargetMeeting    TargetKind = "meeting"
	TargetTaskSeries TargetKind = "task_series"
	TargetTask       TargetKind = "task"
)

// MaxMinutesBefore is the earliest a reminder may come: four weeks ahead.
const MaxMinutesBefore = 4 * 7 * 24 * 60

// MaxSnoozeMinutes is the longest snooze: a day.
const MaxSnoozeMinutes = 24 * 60

var (
	ErrInvalidReminder = apperr.Invalid("invalid_reminder",
		"a reminder is about a meeting, a recurring task or a task, 0 to 40320 minutes before it, or at a time of day (HH:MM) on a task's due date")
	ErrReminderExists   = apperr.Conflict("reminder_exists", "you already have this reminder")
	ErrReminderNotFound = apperr.NotFound("reminder_not_found", "no such reminder")
	ErrInvalidSnooze    = apperr.Invalid("invalid_snooze", "snooze for 1 to 1440 minutes")
	ErrNothingToSnooze  = apperr.Conflict("reminder_not_delivered", "this reminder has not come yet: there is nothing to snooze")
)

// Reminder asks for a notice some minutes before each occurrence of a
// meeting or recurring task, or before a task is due; or, for a task or
// a recurring task, at a time of day (AtTime, "HH:MM") on the due date in
// the task's zone.
type Reminder struct {
	ID            string
	UserID        string
	Kind          TargetKind
	TargetID      string
	MinutesBefore int
	AtTime        string
	CreatedAt     time.Time

	// Delivery: the last occurrence reminded of (nil: none yet), when the
	// next notice is scheduled (nil: none), and a snooze of the last one.
	LastOccurrence *time.Time
	NextFire       *time.Time
	SnoozeUntil    *time.Time
	SnoozeSeq      int
}

// CheckReminder checks what a reminder is about and when it comes.
func CheckReminder(kind TargetKind, minutesBefore int, atTime string) error {
	if kind != TargetMeeting && kind != TargetTaskSeries && kind != TargetTask ||
		minutesBefore < 0 || minutesBefore > MaxMinutesBefore {
		return ErrInvalidReminder
	}
	if atTime != "" {
		if _, _, ok := clockOf(atTime); !ok || kind == TargetMeeting || minutesBefore != 0 {
			return ErrInvalidReminder
		}
	}
	return nil
}

// CheckSnooze checks a snooze's length.
func CheckSnooze(minutes int) error {
	if minutes < 1 || minutes > MaxSnoozeMinutes {
		return ErrInvalidSnooze
	}
	return nil
}

func clockOf(s string) (h, m int, ok bool) {
	if len(s) != 5 || s[2] != ':' {
		return 0, 0, false
	}
	for _, i := range []int{0, 1, 3, 4} {
		if s[i] < '0' || s[i] > '9' {
			return 0, 0, false
		}
	}
	h, m = int(s[0]-'0')*10+int(s[1]-'0'), int(s[3]-'0')*10+int(s[4]-'0')
	return h, m, h < 24 && m < 60
}

// At is when the reminder of an occurrence at start (a meeting's start,
// a due date) fires; loc is the zone of a time of day.
func (r Reminder) At(start time.Time, loc *time.Location) time.Time {
	if h, m, ok := clockOf(r.AtTime); ok {
		if loc == nil {
			loc = time.UTC
		}
		day := start.In(loc)
		return time.Date(day.Year(), day.Month(), day.Day(), h, m, 0, 0, loc)
	}
	return start.Add(-time.Duration(r.MinutesBefore) * time.Minute)
}
