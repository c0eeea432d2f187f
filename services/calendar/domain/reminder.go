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

var (
	ErrInvalidReminder = apperr.Invalid("invalid_reminder",
		"a reminder is about a meeting, a recurring task or a task, 0 to 40320 minutes before it")
	ErrReminderExists   = apperr.Conflict("reminder_exists", "you already have this reminder")
	ErrReminderNotFound = apperr.NotFound("reminder_not_found", "no such reminder")
)

// Reminder asks for a notice some minutes before each occurrence of a
// meeting or recurring task, or before a task is due.
type Reminder struct {
	ID            string
	UserID        string
	Kind          TargetKind
	TargetID      string
	MinutesBefore int
	CreatedAt     time.Time
}

// CheckReminder checks what a reminder is about and how early it comes.
func CheckReminder(kind TargetKind, minutesBefore int) error {
	if kind != TargetMeeting && kind != TargetTaskSeries && kind != TargetTask ||
		minutesBefore < 0 || minutesBefore > MaxMinutesBefore {
		return ErrInvalidReminder
	}
	return nil
}

// At is when the reminder of an occurrence starting at start fires.
func (r Reminder) At(start time.Time) time.Time {
	return start.Add(-time.Duration(r.MinutesBefore) * time.Minute)
}
