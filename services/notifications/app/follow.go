package app

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/taskrocket/taskrocket/services/notifications/domain"
)

// visibleTask returns the task if the user may see it (is a member of its
// project); domain.ErrTaskNotFound otherwise, as for a task that does not
// exist.
func (a *App) visibleTask(ctx context.Context, userID, taskID string) (domain.TaskView, error) {
	task, found, err := Lookup[domain.TaskView](ctx, a.Docs, keyTask(taskID))
	if err != nil {
		return task, err
	}
	if !found || task.ProjectID == "" {
		return task, domain.ErrTaskNotFound
	}
	view, found, err := a.Projects.Project(ctx, task.ProjectID)
	if err != nil {
		return task, err
	}
	if !found || !view.IsMember(userID) {
		return task, domain.ErrTaskNotFound
	}
	return task, nil
}

// Following reports whether the caller follows a task they may see.
func (a *App) Following(ctx context.Context, userID, taskID string) (bool, error) {
	task, err := a.visibleTask(ctx, userID, taskID)
	return task.IsFollower(userID), err
}

// Follow makes the caller follow (or stop following) a task they may see;
// it returns whether they follow it afterwards.
func (a *App) Follow(ctx context.Context, userID, taskID string, follow bool) (bool, error) {
	if _, err := a.visibleTask(ctx, userID, taskID); err != nil {
		return false, err
	}
	task, err := Update(ctx, a.Docs, keyTask(taskID), Write{}, func(t *domain.TaskView, exists bool) (bool, error) {
		if !exists {
			return false, domain.ErrTaskNotFound // deleted meanwhile
		}
		if follow {
			if len(t.Followers) >= domain.MaxFollowers && !t.IsFollower(userID) {
				return false, domain.ErrTooManyFollowers
			}
			return t.Follow(userID), nil
		}
		return t.Unfollow(userID), nil
	})
	return task.IsFollower(userID), err
}

// Followers lists the people following a task the caller may see.
func (a *App) Followers(ctx context.Context, userID, taskID string) ([]domain.Person, error) {
	task, err := a.visibleTask(ctx, userID, taskID)
	if err != nil {
		return nil, err
	}
	keys := make([]string, len(task.Followers))
	for i, id := range task.Followers {
		keys[i] = keyProfile(id)
	}
	raw, err := a.Docs.GetMany(ctx, keys)
	if err != nil {
		return nil, err
	}
	out := make([]domain.Person, 0, len(task.Followers))
	for i, id := range task.Followers {
		p := domain.Profile{ID: id}
		if b, ok := raw[keys[i]]; ok {
			if err := json.Unmarshal(b, &p); err != nil {
				return nil, fmt.Errorf("%s: %w", keys[i], err)
			}
		}
		if p.Deleted {
			continue
		}
		out = append(out, domain.Person{ID: id, Username: p.Username, DisplayName: p.Name()})
	}
	return out, nil
}
