package adapters

import (
	"context"
	"errors"

	"github.com/taskrocket/taskrocket/services/platform/membership"

	"github.com/taskrocket/taskrocket/services/search/domain"
)

// Members answers which projects a user is in from the projects service,
// through the shared membership view (asked on every call).
type Members struct {
	View interface {
		UserProjects(ctx context.Context, userID string) ([]membership.Membership, error)
	}
}

// UserProjects implements app.Members.
func (m Members) UserProjects(ctx context.Context, userID string) ([]string, error) {
	ms, err := m.View.UserProjects(ctx, userID)
	switch {
	case errors.Is(err, membership.ErrNotFound):
		return nil, nil
	case err != nil:
		return nil, errors.Join(domain.ErrProjectsUnavailable, err)
	}
	out := make([]string, 0, len(ms))
	for _, p := range ms {
		out = append(out, p.ProjectID)
	}
	return out, nil
}
