package adapters

import (
	"context"
	"time"

	"github.com/taskrocket/taskrocket/services/notifications/app"
	"github.com/taskrocket/taskrocket/services/notifications/domain"
)

// ProjectViews is app.Projects as a view this service builds from the
// projects events, kept in its own state store (one document per
// project). It stands in for a membership view shared by the services;
// when one exists, Project reads it and Record has nothing left to do.
type ProjectViews struct {
	Docs app.Docs
}

var _ app.Projects = (*ProjectViews)(nil)

func projectKey(id string) string { return "project:" + id }

// Project implements app.Projects.
func (p *ProjectViews) Project(ctx context.Context, projectID string) (domain.ProjectView, bool, error) {
	return app.Lookup[domain.ProjectView](ctx, p.Docs, projectKey(projectID))
}

// Record implements app.Projects.
func (p *ProjectViews) Record(ctx context.Context, projectID, name string, at time.Time, changes []domain.MemberChange) error {
	_, err := app.Update(ctx, p.Docs, projectKey(projectID), app.Write{}, func(v *domain.ProjectView, _ bool) (bool, error) {
		changed := v.Rename(name, at)
		for _, c := range changes {
			changed = v.Apply(c) || changed
		}
		return changed, nil
	})
	return err
}

// Forget implements app.Projects.
func (p *ProjectViews) Forget(ctx context.Context, projectID string) error {
	return p.Docs.Delete(ctx, projectKey(projectID))
}
