package app

import (
	"context"

	"github.com/taskrocket/taskrocket/services/contracts"
)

// Export is one page of every project, as project events describe them
// (the search service rebuilds its index from it).
func (a *App) Export(ctx context.Context, after string, limit int) (contracts.ProjectsExport, error) {
	ps, err := a.Store.Export(ctx, after, limit)
	if err != nil {
		return contracts.ProjectsExport{}, err
	}
	out := contracts.ProjectsExport{Items: make([]contracts.ExportedProject, 0, len(ps))}
	for _, p := range ps {
		out.Items = append(out.Items, contracts.ExportedProject{
			ID: p.ID, Name: p.Name, Key: p.Key, Description: p.Description, Archived: p.Archived(), Version: p.Version,
		})
	}
	if len(ps) == limit {
		out.Next = ps[len(ps)-1].ID
	}
	return out, nil
}
