package app

import (
	"context"

	"github.com/taskrocket/taskrocket/services/collaboration/domain"
)

// What other contexts' events change here. Each is idempotent: a
// redelivered event finds the work done and does nothing more.

// TaskDeleted removes a deleted task's comments.
func (a *App) TaskDeleted(ctx context.Context, projectID, taskID string) error {
	return a.Store.DeleteThread(ctx, domain.Thread{ProjectID: projectID, TaskID: taskID})
}

// ProjectDeleted removes every comment of a deleted project: its
// discussion thread and its tasks' comments.
func (a *App) ProjectDeleted(ctx context.Context, projectID string) error {
	return a.Store.DeleteProject(ctx, projectID)
}

// UserNamed records an account's current name (registered or updated).
func (a *App) UserNamed(ctx context.Context, userID, username, displayName string) error {
	return a.Store.PutUserName(ctx, userID, UserName{Username: username, DisplayName: displayName}, false)
}

// UserDeleted makes a deleted account's comments show as a deleted
// user's; its name is forgotten.
func (a *App) UserDeleted(ctx context.Context, userID string) error {
	return a.Store.PutUserName(ctx, userID, UserName{Deleted: true}, false)
}
