package domain

import "time"

// Task is a task of the tasks service as the calendar knows it (its view
// of the tasks topic): enough to place it on a calendar.
type Task struct {
	ID        string
	ProjectID string
	Title     string
	Status    string // todo, in_progress, done
	DueAt     *time.Time
	Timezone  string
	DoneAt    *time.Time
	Version   int64
	UpdatedAt time.Time
	// SeriesID is the recurring task it is an occurrence of ("" for
	// none); filled when read.
	SeriesID string
}

// TaskDone is the status of a completed task.
const TaskDone = "done"
