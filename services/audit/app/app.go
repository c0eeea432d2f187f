// Package app holds the use cases of the audit service: record every
// event as an activity entry, and read a project's activity (members
// only), a task's history and the caller's own activity.
package app

import (
	"context"
	"errors"
	"slices"

	"github.com/taskrocket/taskrocket/services/audit/domain"
)

// Caller is the signed-in user of a request, with the Authorization header
// they sent (relayed when the tasks service must judge their access).
type Caller struct {
	UserID        string
	Authorization string
}

// Store keeps the log.
type Store interface {
	// Record stores the entry in each of its lists, once per event id.
	Record(ctx context.Context, e domain.Entry) error
	// Page returns up to limit entries of a list, newest first, below
	// position before (0: from the newest), and the next page's before
	// (0: none).
	Page(ctx context.Context, list string, before int64, limit int) ([]domain.Entry, int64, error)
}

// Projects answers membership questions.
type Projects interface {
	// IsMember reports whether the user is a member of the project.
	IsMember(ctx context.Context, projectID, userID string) (bool, error)
}

// Tasks finds a task's project as the caller may see it.
type Tasks interface {
	// TaskProject returns the project of a task the caller may see, or
	// domain.ErrTaskNotFound.
	TaskProject(ctx context.Context, c Caller, taskID string) (string, error)
}

// App runs the use cases.
type App struct {
	Store    Store
	Projects Projects
	Tasks    Tasks
}

// Record makes the event's entry. An entry on a comment of a task records
// the task's title as its history last named it, so that the activity can
// say which task was commented on (comment events do not carry it).
func (a *App) Record(ctx context.Context, ev domain.Event) error {
	e, err := domain.NewEntry(ev)
	if err != nil {
		return err
	}
	if e.Target.Type == "comment" && e.TaskID != "" {
		newest, _, err := a.Store.Page(ctx, domain.TaskIndex(e.TaskID), 0, 1)
		if err != nil {
			return err
		}
		if len(newest) > 0 {
			e.TaskName = newest[0].NameOfTask()
		}
	}
	return a.Store.Record(ctx, e)
}

// PageQuery asks for one page: Before from the previous page's Next.
type PageQuery struct {
	Before int64
	Limit  int
}

// Page is one page of a list, newest first.
type Page struct {
	Items []domain.Entry
	Next  int64
}

// ProjectActivity is a project's activity, for its members.
func (a *App) ProjectActivity(ctx context.Context, c Caller, projectID string, q PageQuery) (Page, error) {
	pid, ok := domain.ParseID(projectID)
	if !ok {
		return Page{}, domain.ErrProjectNotFound
	}
	member, err := a.Projects.IsMember(ctx, pid, c.UserID)
	if err != nil {
		return Page{}, err
	}
	if !member {
		return Page{}, domain.ErrProjectNotFound
	}
	return a.page(ctx, domain.ProjectIndex(pid), q)
}

// TaskHistory is a task's history, for the members of its project. The
// project is the one its entries name; a task without entries (yet) is
// looked up in the tasks service as the caller.
func (a *App) TaskHistory(ctx context.Context, c Caller, taskID string, q PageQuery) (Page, error) {
	tid, ok := domain.ParseID(taskID)
	if !ok {
		return Page{}, domain.ErrTaskNotFound
	}
	list := domain.TaskIndex(tid)
	newest, _, err := a.Store.Page(ctx, list, 0, 1)
	if err != nil {
		return Page{}, err
	}
	var pid string
	if len(newest) > 0 {
		pid = newest[0].ProjectID
	} else if pid, err = a.Tasks.TaskProject(ctx, c, tid); err != nil {
		return Page{}, err
	}
	member, err := a.Projects.IsMember(ctx, pid, c.UserID)
	if err != nil {
		return Page{}, err
	}
	if !member {
		return Page{}, domain.ErrTaskNotFound
	}
	return a.page(ctx, list, q)
}

// MyActivity is what the caller did.
func (a *App) MyActivity(ctx context.Context, c Caller, q PageQuery) (Page, error) {
	return a.page(ctx, domain.ActorIndex(c.UserID), q)
}

// page reads one page of a list. The list is in the order the events
// were recorded, and events of different topics may arrive in another
// order than they happened (a task's change still in its service's outbox
// while a comment on it is already here), so a page is shown in the order
// they happened, newest first.
func (a *App) page(ctx context.Context, list string, q PageQuery) (Page, error) {
	items, next, err := a.Store.Page(ctx, list, q.Before, q.Limit)
	if err != nil {
		return Page{}, err
	}
	slices.SortStableFunc(items, func(x, y domain.Entry) int { return y.At.Compare(x.At) })
	return Page{Items: items, Next: next}, nil
}

// IsMalformed reports an event no entry can be made of.
func IsMalformed(err error) bool { return errors.Is(err, domain.ErrNotAnEvent) }
