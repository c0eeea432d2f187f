package app

import (
	"context"

	"github.com/taskrocket/taskrocket/services/contracts"

	"github.com/taskrocket/taskrocket/services/tasks/domain"
)

// ExportTasks is one page of every task, as task events carry them (the
// search service rebuilds its index from it).
func (a *App) ExportTasks(ctx context.Context, after string, limit int) (contracts.TasksExport, error) {
	ts, err := a.Store.ExportTasks(ctx, after, limit)
	if err != nil {
		return contracts.TasksExport{}, err
	}
	out := contracts.TasksExport{Items: make([]contracts.Task, 0, len(ts))}
	for _, t := range ts {
		out.Items = append(out.Items, TaskSnapshot(t))
	}
	if len(ts) == limit {
		out.Next = ts[len(ts)-1].ID
	}
	return out, nil
}

// ExportLabels is one page of every category and tag.
func (a *App) ExportLabels(ctx context.Context, after string, limit int) (contracts.LabelsExport, error) {
	ls, err := a.Store.ExportLabels(ctx, after, limit)
	if err != nil {
		return contracts.LabelsExport{}, err
	}
	out := contracts.LabelsExport{Items: make([]contracts.ExportedLabel, 0, len(ls))}
	for _, l := range ls {
		kind := contracts.LabelTag
		if l.Kind == domain.Category {
			kind = contracts.LabelCategory
		}
		out.Items = append(out.Items, contracts.ExportedLabel{ID: l.ID, ProjectID: l.ProjectID, Kind: kind, Name: l.Name})
	}
	if len(ls) == limit {
		out.Next = ls[len(ls)-1].ID
	}
	return out, nil
}
