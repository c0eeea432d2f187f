package app

import (
	"context"

	"github.com/taskrocket/taskrocket/services/contracts"
)

// ExportTaskComments returns every comment on the tasks (ids already
// checked), as comment events carry them (the search service rebuilds its
// index from it). Deleted conversations have none.
func (a *App) ExportTaskComments(ctx context.Context, taskIDs []string) (contracts.CommentsExport, error) {
	out := contracts.CommentsExport{Items: []contracts.Comment{}}
	threads, err := a.Store.TaskThreads(ctx, taskIDs)
	if err != nil {
		return out, err
	}
	var ids []string
	for _, t := range threads {
		if t.Exists && !t.Deleted {
			ids = append(ids, t.IDs...)
		}
	}
	if len(ids) == 0 {
		return out, nil
	}
	cs, err := a.Store.Comments(ctx, ids)
	if err != nil {
		return out, err
	}
	for _, c := range cs {
		out.Items = append(out.Items, Snapshot(c))
	}
	return out, nil
}
