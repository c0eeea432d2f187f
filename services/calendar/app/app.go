// Package app holds the use cases of the calendar service. It depends on
// the small interfaces declared here: the Postgres store (adapters) and
// the projects the caller belongs to (the membership view).
package app

import (
	"context"
	"time"

	"github.com/taskrocket/taskrocket/services/platform/events"

	"github.com/taskrocket/taskrocket/services/calendar/domain"
)

// Member is a user's standing in a project, as the membership view says.
type Member struct {
	Role     string
	Archived bool
}

// Projects answers membership questions (the membership view).
type Projects interface {
	// UserProjects returns the ids of every project the user belongs to.
	UserProjects(ctx context.Context, userID string) ([]string, error)
	// Membership answers from memory when it can; ErrNotMember when the
	// user is not a member or the project does not exist.
	Membership(ctx context.Context, projectID, userID string) (Member, error)
	// Confirm asks the projects service (before a refusal).
	Confirm(ctx context.Context, projectID, userID string) (Member, error)
	// Members are the ids of the project's members.
	Members(ctx context.Context, projectID string) ([]string, error)
}

// Store is the calendar's store.
type Store interface {
	// MeetingsOverlapping returns the meetings the user organises or is
	// invited to that may have an occurrence overlapping [from, to).
	MeetingsOverlapping(ctx context.Context, userID string, from, to time.Time) ([]domain.Meeting, error)
	// TaskSeriesOverlapping returns the recurring tasks of the projects
	// that may fall due in [from, to).
	TaskSeriesOverlapping(ctx context.Context, projectIDs []string, from, to time.Time) ([]domain.TaskSeries, error)
	// UseFeedToken returns the unrevoked feed token with this hash and
	// records its use, or domain.ErrFeedTokenInvalid.
	UseFeedToken(ctx context.Context, hash []byte, at time.Time) (domain.FeedToken, error)

	InsertMeeting(ctx context.Context, m domain.Meeting) error
	Meeting(ctx context.Context, id string) (domain.Meeting, error)
	UpdateMeeting(ctx context.Context, m domain.Meeting, version int64) error
	DeleteMeeting(ctx context.Context, id string) error
	SetResponse(ctx context.Context, meetingID, userID string, r domain.Response, at time.Time) error

	InsertTaskSeries(ctx context.Context, ts domain.TaskSeries) error
	TaskSeries(ctx context.Context, id string) (domain.TaskSeries, error)
	ProjectTaskSeries(ctx context.Context, projectID string) ([]domain.TaskSeries, error)
	SaveTaskSeriesState(ctx context.Context, ts domain.TaskSeries, version int64) error
	DeleteTaskSeries(ctx context.Context, id string) error
	ClaimOccurrence(ctx context.Context, seriesID string, dueAt, now time.Time) (string, error)
	OccurrenceCreated(ctx context.Context, seriesID string, dueAt time.Time, taskID string) error

	InsertReminder(ctx context.Context, r domain.Reminder) error
	Reminder(ctx context.Context, id string) (domain.Reminder, error)
	Reminders(ctx context.Context, userID string, kind domain.TargetKind, targetID string) ([]domain.Reminder, error)
	UserReminders(ctx context.Context, userID string) ([]domain.Reminder, error)
	RemindersAbout(ctx context.Context, kind domain.TargetKind, targetID string) ([]domain.Reminder, error)
	DeleteReminder(ctx context.Context, userID, id string) error
	SetReminderNext(ctx context.Context, id string, next *time.Time) error
	// DeliverReminder stores ev for publication once per (reminder,
	// occurrence, snooze) and records the occurrence as reminded of.
	DeliverReminder(ctx context.Context, id string, occurrence time.Time, snoozeSeq int, ev events.Event) (bool, error)
	SnoozeReminder(ctx context.Context, userID, id string, until time.Time) (domain.Reminder, error)
	// Task is a task of the view (false: unknown or deleted).
	Task(ctx context.Context, taskID string) (domain.Task, bool, error)

	// PutTask keeps a task's state unless a newer one (or its deletion)
	// is held; DeleteTask keeps its tombstone.
	PutTask(ctx context.Context, t domain.Task) error
	DeleteTask(ctx context.Context, projectID, taskID string, at time.Time) error
	// TasksDue are the projects' tasks due in [from, to), with their series.
	TasksDue(ctx context.Context, projectIDs []string, from, to time.Time) ([]domain.Task, error)
	// CreatedOccurrences are, per series, the due dates in [from, to)
	// already created (or being created) as tasks.
	CreatedOccurrences(ctx context.Context, seriesIDs []string, from, to time.Time) (map[string][]time.Time, error)
	// OccurrenceOfTask is the series and due date a task was created for.
	OccurrenceOfTask(ctx context.Context, taskID string) (seriesID string, dueAt time.Time, found bool, err error)

	// ForgetProject removes a deleted project's series (returned), the
	// reminders about its items, its meetings' link and its tasks;
	// ForgetMember a former member's reminders about its items.
	ForgetProject(ctx context.Context, projectID string) ([]string, error)
	ForgetMember(ctx context.Context, projectID, userID string) error

	InsertFeedToken(ctx context.Context, t domain.FeedToken) error
	FeedTokens(ctx context.Context, userID string) ([]domain.FeedToken, error)
	RevokeFeedToken(ctx context.Context, userID, id string, at time.Time) error
}

// Scheduler keeps each active series' next occurrence scheduled (Dapr
// actor reminders); the zero value of App schedules nothing.
type Scheduler interface {
	// Schedule makes the series fire at at (replacing what was scheduled).
	Schedule(ctx context.Context, seriesID string, at time.Time) error
	// Unschedule cancels what was scheduled for the series.
	Unschedule(ctx context.Context, seriesID string) error
}

// Tasks creates occurrences in the tasks service.
type Tasks interface {
	// CreateOccurrence creates the task of a series' occurrence, once per
	// key, and returns its id.
	CreateOccurrence(ctx context.Context, o Occurrence) (string, error)
}

// App is the calendar's use cases.
type App struct {
	Store     Store
	Projects  Projects
	Scheduler Scheduler
	// Notices schedules reminders' notices.
	Notices NoticeScheduler
	Tasks   Tasks
	// Now is the clock; time.Now by default.
	Now func() time.Time
	// NewID returns a new object id (UUIDv7).
	NewID func() string
}

// New returns the use cases over a store and the membership answers.
func New(store Store, projects Projects) *App {
	return &App{Store: store, Projects: projects, Now: time.Now, NewID: newID, Scheduler: noScheduler{}, Notices: noNotices{}}
}

type noScheduler struct{}

func (noScheduler) Schedule(context.Context, string, time.Time) error { return nil }
func (noScheduler) Unschedule(context.Context, string) error          { return nil }
