// Package app holds the use cases of the calendar service. It depends on
// the small interfaces declared here: the Postgres store (adapters) and
// the projects the caller belongs to (the membership view).
package app

import (
	"context"
	"time"

	"github.com/taskrocket/taskrocket/services/calendar/domain"
)

// Projects answers which projects a user belongs to.
type Projects interface {
	// UserProjects returns the ids of every project the user belongs to.
	UserProjects(ctx context.Context, userID string) ([]string, error)
}

// Store is what the range query reads.
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
}

// App is the calendar's use cases.
type App struct {
	Store    Store
	Projects Projects
	// Now is the clock; time.Now by default.
	Now func() time.Time
}

// New returns the use cases over a store and the membership answers.
func New(store Store, projects Projects) *App {
	return &App{Store: store, Projects: projects, Now: time.Now}
}
