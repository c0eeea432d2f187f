package domain

import (
	"time"

	"github.com/taskrocket/taskrocket/services/platform/fields"
)

// TaskSeries is a recurring task of a project: the task's title and the
// series of its occurrences. A fixed series has its dates projected; an
// after-completion series has only its next due date (NextDue), moved on
// when the current task is completed.
type TaskSeries struct {
	ID        string
	ProjectID string
	CreatedBy string
	Title     string
	Series    Series
	NextDue   time.Time
	Version   int64
	CreatedAt time.Time
	UpdatedAt time.Time
}

// TaskSeriesInput is a new recurring task as a client sends it; Preset
// names a rule of Presets instead of an RRULE.
type TaskSeriesInput struct {
	ProjectID string
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
	if err := problems.Err(); err != nil {
		return TaskSeries{}, err
	}
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
	if ts.Series.Mode == ModeAfterCompletion {
		if !ts.NextDue.Before(from) && ts.NextDue.Before(to) {
			return []time.Time{ts.NextDue}, false
		}
		return nil, false
	}
	return ts.Series.Between(from, to, limit)
}
