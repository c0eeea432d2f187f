package app

import (
	"context"
	"slices"

	"github.com/taskrocket/taskrocket/services/search/domain"
)

// Search answers q for the caller, within the projects they belong to at
// this moment: the scope is asked of the projects service on every query,
// so a removed member finds nothing more of the project at once and the
// index never changes when membership does. A project filter narrows the
// scope (a project the caller is not in matches nothing). A query with
// neither text nor a filter matches nothing.
func (a *App) Search(ctx context.Context, callerID string, q domain.Query) (domain.Result, error) {
	empty := domain.Result{Facets: map[string][]domain.FacetValue{}}
	f := q.Filters
	if q.Text.Empty() && len(f.Projects) == 0 && !f.TasksOnly() {
		return empty, nil
	}
	mine, err := a.members.UserProjects(ctx, callerID)
	if err != nil {
		return domain.Result{}, err
	}
	scope := mine
	if len(f.Projects) > 0 {
		scope = nil
		for _, p := range f.Projects {
			if slices.Contains(mine, p) {
				scope = append(scope, p)
			}
		}
	}
	if len(scope) == 0 {
		return empty, nil
	}
	q.Scope = scope
	return a.index().Search(ctx, q)
}
