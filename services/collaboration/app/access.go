package app

import (
	"context"
	"errors"

	"github.com/taskrocket/taskrocket/services/collaboration/domain"
)

// Authorization: every request checks the caller's membership of the
// project it touches (the membership view, platform/membership); someone
// who is not a member gets the same not-found answer as for an object that
// does not exist.

// member returns the caller's membership of a project, or
// domain.ErrProjectNotFound.
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

// checkWrite allows m to comment and react, or refuses on an answer
// confirmed with the projects service: an unarchiving or a role change may
// still be on its way to the view.
func (a *App) checkWrite(ctx context.Context, m domain.Membership) error {
	if m.CheckWrite() == nil {
		return nil
	}
	m, err := a.Projects.Confirm(ctx, m.ProjectID, m.UserID)
	switch {
	case err != nil:
		return err
	case !m.CanRead():
		return domain.ErrProjectNotFound
	}
	return m.CheckWrite()
}

// conversation is a thread the caller is a member of, as stored.
type conversation struct {
	thread domain.Thread
	state  ThreadState
	member domain.Membership
}

// projectThread returns a project's discussion thread for a member.
func (a *App) projectThread(ctx context.Context, c Caller, projectID string) (conversation, error) {
	m, err := a.member(ctx, projectID, c.UserID)
	if err != nil {
		return conversation{}, err
	}
	t := domain.Thread{ProjectID: m.ProjectID}
	st, err := a.Store.Thread(ctx, t)
	if err != nil {
		return conversation{}, err
	}
	if st.Deleted {
		return conversation{}, domain.ErrProjectNotFound
	}
	return conversation{thread: t, state: st, member: m}, nil
}

// taskThread returns a task's comments for a member of its project. The
// task's project is known from its conversation once it has comments;
// before that the tasks service is asked, as the caller.
func (a *App) taskThread(ctx context.Context, c Caller, taskID string) (conversation, error) {
	tid, ok := domain.ParseID(taskID)
	if !ok {
		return conversation{}, domain.ErrTaskNotFound
	}
	st, err := a.Store.Thread(ctx, domain.Thread{TaskID: tid})
	if err != nil {
		return conversation{}, err
	}
	if st.Deleted {
		return conversation{}, domain.ErrTaskNotFound
	}
	projectID := st.ProjectID
	if !st.Exists {
		if projectID, err = a.Tasks.TaskProject(ctx, c, tid); err != nil {
			return conversation{}, err
		}
	}
	m, err := a.member(ctx, projectID, c.UserID)
	if errors.Is(err, domain.ErrProjectNotFound) {
		return conversation{}, domain.ErrTaskNotFound
	}
	if err != nil {
		return conversation{}, err
	}
	return conversation{thread: domain.Thread{ProjectID: m.ProjectID, TaskID: tid}, state: st, member: m}, nil
}

// commentFor loads a comment and the caller's membership of its project;
// a comment of a project the caller is not a member of is not found.
func (a *App) commentFor(ctx context.Context, c Caller, commentID string) (domain.Comment, domain.Membership, error) {
	id, ok := domain.ParseID(commentID)
	if !ok {
		return domain.Comment{}, domain.Membership{}, domain.ErrCommentNotFound
	}
	cm, err := a.Store.Comment(ctx, id)
	if err != nil {
		return domain.Comment{}, domain.Membership{}, err
	}
	m, err := a.member(ctx, cm.ProjectID, c.UserID)
	if errors.Is(err, domain.ErrProjectNotFound) {
		return domain.Comment{}, domain.Membership{}, domain.ErrCommentNotFound
	}
	return cm, m, err
}
