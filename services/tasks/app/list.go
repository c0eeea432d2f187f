package app

import (
	"context"

	"github.com/taskrocket/taskrocket/services/tasks/domain"
)

// ProjectTasks returns a page of a project's tasks (any member).
func (a *App) ProjectTasks(ctx context.Context, actor, projectID string, q domain.TaskQuery) (domain.TaskPage, error) {
	m, err := a.member(ctx, projectID, actor)
	if err != nil {
		return domain.TaskPage{}, err
	}
	q.Filter.ProjectIDs = []string{m.ProjectID}
	q.Filter.Now = a.now()
	return a.Store.Tasks(ctx, q)
}

// MyTasks returns a page of the tasks of every project the caller belongs
// to, as the projects service lists them now.
func (a *App) MyTasks(ctx context.Context, actor string, q domain.TaskQuery) (domain.TaskPage, error) {
	ids, err := a.Projects.UserProjects(ctx, actor)
	if err != nil {
		return domain.TaskPage{}, err
	}
	if len(ids) == 0 {
		page := domain.TaskPage{}
		if q.Counts {
			page.Counts = map[domain.Status]int64{}
		}
		return page, nil
	}
	q.Filter.ProjectIDs = ids
	q.Filter.Now = a.now()
	return a.Store.Tasks(ctx, q)
}

// OpenTasks returns a page of a project's tasks that are not done, in
// manual order, for the priorities service (an internal call: no user).
func (a *App) OpenTasks(ctx context.Context, projectID string, after *domain.TaskCursor, limit int) (domain.TaskPage, error) {
	return a.Store.Tasks(ctx, domain.TaskQuery{
		Filter: domain.TaskFilter{ProjectIDs: []string{projectID}, Statuses: []domain.Status{domain.StatusTodo, domain.StatusInProgress}, Now: a.now()},
		Sort:   domain.SortPosition, Order: domain.Asc, After: after, Limit: limit,
	})
}
