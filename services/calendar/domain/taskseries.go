package domain

import (
	"slices"
	"time"

	"github.com/taskrocket/taskrocket/services/platform/apperr"

	"github.com/taskrocket/taskrocket/services/platform/fields"
)

// TaskSeries is a recurring task of a project: the task's title and the
// series of its occurrences. A fixed series has its dates projected; an
// after-completion series has only its next due date (NextDue), moved on
// when the current task is completed.
type TaskSeries struct {
	ID        string
	ProjectID string
	// TaskID is the task each occurrence copies ("" for a series made
	// with a title only).
	TaskID    string
	CreatedBy string
	Title     string
	Series    Series
	NextDue   time.Time
	Status    SeriesStatus
	// Skipped are single occurrences left out.
	Skipped   []time.Time
	Version   int64
	CreatedAt time.Time
	UpdatedAt time.Time
}

// TaskSeriesInput is a new recurring task as a client sends it; Preset
// names a rule of Presets instead of an RRULE.
type TaskSeriesInput struct {
	ProjectID string
	TaskID    string // optional
	Title     string
	Spec      SeriesSpec
	Preset    string
}

// NewTaskSeries checks the input and returns the recurring task (without
// id, creator and times of record).
func NewTaskSeries(in TaskSeriesInput) (TaskSeries, error) {
	problems := fields.Problems{}
	var ts TaskSeries
	var p string
	ts.Title, p = fields.Line(in.Title, MaxTitleRunes)
	problems.Add(FieldTitle, p)
	var ok bool
	if ts.ProjectID, ok = fields.ParseUUID(in.ProjectID); !ok {
		problems.Add(FieldProjectID, fields.Invalid)
	}
	if in.TaskID != "" {
		if ts.TaskID, ok = fields.ParseUUID(in.TaskID); !ok {
			problems.Add(FieldTaskID, fields.Invalid)
		}
	}
	if err := problems.Err(); err != nil {
		return TaskSeries{}, err
	}
	ts.Status = SeriesActive
	spec := in.Spec
	if in.Preset != "" {
		if spec.RRule != "" {
			return TaskSeries{}, ErrInvalidMode
		}
		r, err := Preset(in.Preset)
		if err != nil {
			return TaskSeries{}, err
		}
		spec.RRule = r.String()
	}
	s, err := NewSeries(spec)
	if err != nil {
		return TaskSeries{}, err
	}
	ts.Series = s
	ts.NextDue = s.First()
	return ts, nil
}

// Occurrences are the due dates of the series in [from, to): projected
// for a fixed series, the next one only for an after-completion series.
func (ts TaskSeries) Occurrences(from, to time.Time, limit int) ([]time.Time, bool) {
	if ts.Status != SeriesActive {
		return nil, false
	}
	if ts.Series.Mode == ModeAfterCompletion {
		if !ts.NextDue.Before(from) && ts.NextDue.Before(to) {
			return []time.Time{ts.NextDue}, false
		}
		return nil, false
	}
	if len(ts.Skipped) == 0 {
		return ts.Series.Between(from, to, limit)
	}
	due, truncated := ts.Series.Between(from, to, limit+len(ts.Skipped))
	due = slices.DeleteFunc(due, ts.skipped)
	if len(due) > limit {
		due, truncated = due[:limit], true
	}
	return due, truncated
}

func (ts TaskSeries) skipped(t time.Time) bool {
	return slices.ContainsFunc(ts.Skipped, t.Equal)
}

// Next is the first occurrence later than t that is not skipped, or
// false when the series is not active or has ended. An after-completion
// series has its NextDue only, until the task is completed.
func (ts TaskSeries) Next(t time.Time) (time.Time, bool) {
	if ts.Status != SeriesActive {
		return time.Time{}, false
	}
	if ts.Series.Mode == ModeAfterCompletion {
		return ts.NextDue, ts.NextDue.After(t) && !ts.skipped(ts.NextDue)
	}
	for {
		next, ok := ts.Series.After(t)
		if !ok || !ts.skipped(next) {
			return next, ok
		}
		t = next
	}
}

// IsOccurrence reports whether t is one of the series' dates (skipped or
// not).
func (ts TaskSeries) IsOccurrence(t time.Time) bool {
	if ts.Series.Mode == ModeAfterCompletion {
		return t.Equal(ts.NextDue)
	}
	next, ok := ts.Series.After(t.Add(-time.Nanosecond))
	return ok && next.Equal(t)
}

// Skip leaves one occurrence out.
func (ts *TaskSeries) Skip(at time.Time) error {
	if ts.Status == SeriesStopped {
		return ErrSeriesStopped
	}
	if !ts.IsOccurrence(at) {
		return ErrNotAnOccurrence
	}
	if !ts.skipped(at) {
		ts.Skipped = append(ts.Skipped, at)
	}
	return nil
}

// SetStatus pauses, resumes or stops the series; a stopped series stays
// stopped.
func (ts *TaskSeries) SetStatus(to SeriesStatus) error {
	if to != SeriesActive && to != SeriesPaused && to != SeriesStopped {
		return ErrInvalidSeriesStatus
	}
	if ts.Status == SeriesStopped && to != SeriesStopped {
		return ErrSeriesStopped
	}
	ts.Status = to
	return nil
}

// SeriesStatus is where a recurring task is in its life.
type SeriesStatus string

const (
	SeriesActive  SeriesStatus = "active"
	SeriesPaused  SeriesStatus = "paused"
	SeriesStopped SeriesStatus = "stopped"
)

// FieldTaskID names the task a series repeats.
const FieldTaskID = "taskId"

var (
	ErrSeriesStopped       = apperr.Conflict("series_stopped", "the recurring task is stopped for good")
	ErrInvalidSeriesStatus = apperr.Invalid("invalid_series_status", `the status must be "active", "paused" or "stopped"`)
	ErrNotAnOccurrence     = apperr.Invalid("not_an_occurrence", "the series has no occurrence at that time")
)

// ErrTaskSeriesChanged: the series changed since it was read.
var ErrTaskSeriesChanged = apperr.Conflict("task_series_changed", "the recurring task changed; read it again")
