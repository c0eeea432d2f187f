package app

import (
	"context"
	"errors"
	"fmt"

	"github.com/google/uuid"
	"golang.org/x/sync/errgroup"

	"github.com/taskrocket/taskrocket/services/tasks/domain"
)

// Authorization: every request checks the caller's membership of the
// project it touches (the membership view, platform/membership). A caller
// who is not a member gets the same not-found answer as for an object that
// does not exist.

// member returns the caller's membership of a project (any role may
// read), or domain.ErrProjectNotFound.
func (a *App) member(ctx context.Context, projectID, userID string) (domain.Membership, error) {
	pid, ok := domain.ParseID(projectID)
	if !ok {
		return domain.Membership{}, domain.ErrProjectNotFound
	}
	m, err := a.Projects.Membership(ctx, pid, userID)
	if err != nil {
		return domain.Membership{}, err
	}
	if !m.CanRead() {
		return domain.Membership{}, domain.ErrProjectNotFound
	}
	return m, nil
}

// writer is member for changes: owners and participants of a project
// that is not archived.
func (a *App) writer(ctx context.Context, projectID, userID string) (domain.Membership, error) {
	m, err := a.member(ctx, projectID, userID)
	if err != nil {
		return domain.Membership{}, err
	}
	return a.checkWrite(ctx, m)
}

// checkWrite allows m to change the project, or refuses on an answer
// confirmed with the projects service: an unarchiving or a role change
// may still be on its way to the view.
func (a *App) checkWrite(ctx context.Context, m domain.Membership) (domain.Membership, error) {
	if m.CheckWrite() == nil {
		return m, nil
	}
	m, err := a.Projects.Confirm(ctx, m.ProjectID, m.UserID)
	switch {
	case err != nil:
		return domain.Membership{}, err
	case !m.CanRead():
		return domain.Membership{}, domain.ErrProjectNotFound
	}
	return m, m.CheckWrite()
}

// taskFor loads a task and the caller's membership of its project; a
// task of a project the caller is not a member of is not found.
func (a *App) taskFor(ctx context.Context, taskID, userID string) (domain.Task, domain.Membership, error) {
	id, ok := domain.ParseID(taskID)
	if !ok {
		return domain.Task{}, domain.Membership{}, domain.ErrTaskNotFound
	}
	t, err := a.Store.Task(ctx, id)
	if err != nil {
		return domain.Task{}, domain.Membership{}, err
	}
	m, err := a.member(ctx, t.ProjectID, userID)
	if err != nil {
		return domain.Task{}, domain.Membership{}, notFoundAsTask(err)
	}
	return t, m, nil
}

// notFoundAsTask answers a task of a project the caller is not a member
// of as a task that does not exist.
func notFoundAsTask(err error) error {
	if errors.Is(err, domain.ErrProjectNotFound) {
		return domain.ErrTaskNotFound
	}
	return err
}

// checkAssignees checks that each user is a member of the project (the
// caller is one already) and names those who are not.
func (a *App) checkAssignees(ctx context.Context, projectID, callerID string, userIDs []string) error {
	notMembers := make([]bool, len(userIDs))
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(8)
	for i, uid := range userIDs {
		if uid == callerID {
			continue
		}
		g.Go(func() error {
			_, err := a.Projects.Membership(gctx, projectID, uid)
			if errors.Is(err, domain.ErrProjectNotFound) {
				notMembers[i] = true
				return nil
			}
			return err
		})
	}
	if err := g.Wait(); err != nil {
		return err
	}
	var out []string
	for i, bad := range notMembers {
		if bad {
			out = append(out, userIDs[i])
		}
	}
	if len(out) > 0 {
		return domain.AssigneesNotMembers(out)
	}
	return nil
}

func newUUIDv7() (string, error) {
	id, err := uuid.NewV7()
	if err != nil {
		return "", fmt.Errorf("new id: %w", err)
	}
	return id.String(), nil
}
