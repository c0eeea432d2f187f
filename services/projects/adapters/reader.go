package adapters

import (
	"context"
	"errors"
	"fmt"

	"gorm.io/gorm"

	"github.com/taskrocket/taskrocket/services/projects/app"
	"github.com/taskrocket/taskrocket/services/projects/domain"
)

// reader answers app.Reader on a connection or a transaction.
type reader struct {
	db *gorm.DB
}

var _ app.Reader = reader{}

// viewSelect reads a project with the viewer's role (pm) and its member
// count; the count is an index-only scan of project_members' primary key.
const viewSelect = `p.*, pm.role,
	(SELECT count(*) FROM project_members c WHERE c.project_id = p.id) AS member_count`

func (r reader) views(ctx context.Context, userID string) *gorm.DB {
	return r.db.WithContext(ctx).Table("project_members pm").
		Select(viewSelect).
		Joins("JOIN projects p ON p.id = pm.project_id").
		Where("pm.user_id = ?", userID)
}

// View implements app.Reader.
func (r reader) View(ctx context.Context, projectID, userID string) (domain.View, error) {
	var row viewRow
	err := r.views(ctx, userID).Where("pm.project_id = ?", projectID).Take(&row).Error
	switch {
	case errors.Is(err, gorm.ErrRecordNotFound):
		return domain.View{}, domain.ErrProjectNotFound
	case err != nil:
		return domain.View{}, fmt.Errorf("load project: %w", err)
	}
	return row.domain(), nil
}

// byName orders projects by name, case-insensitively first and then by
// bytes (so the order is total and the same on every server, whatever
// its collation), then by id.
const byName = `lower(p.name) COLLATE "C", p.name COLLATE "C", p.id`

// Projects implements app.Reader (keyset on byName).
func (r reader) Projects(ctx context.Context, userID string, filter domain.ArchivedFilter, after *domain.ProjectCursor, limit int) ([]domain.View, error) {
	q := r.views(ctx, userID)
	switch filter {
	case domain.ArchivedOnly:
		q = q.Where("p.archived_at IS NOT NULL")
	case domain.ArchivedAll:
	default:
		q = q.Where("p.archived_at IS NULL")
	}
	if after != nil {
		q = q.Where(`(lower(p.name) COLLATE "C", p.name COLLATE "C", p.id) > (lower(?) COLLATE "C", ? COLLATE "C", ?)`,
			after.Name, after.Name, after.ID)
	}
	var rows []viewRow
	if err := q.Order(byName).Limit(limit).Find(&rows).Error; err != nil {
		return nil, fmt.Errorf("list projects: %w", err)
	}
	return toViews(rows), nil
}

// Memberships implements app.Reader.
func (r reader) Memberships(ctx context.Context, userID string) ([]domain.View, error) {
	var rows []viewRow
	if err := r.views(ctx, userID).Order(byName).Find(&rows).Error; err != nil {
		return nil, fmt.Errorf("list memberships: %w", err)
	}
	return toViews(rows), nil
}

// Members implements app.Reader (keyset on (joined_at, user_id)).
func (r reader) Members(ctx context.Context, projectID string, after *domain.MemberCursor, limit int) ([]domain.Member, error) {
	q := r.db.WithContext(ctx).Where("project_id = ?", projectID)
	if after != nil {
		q = q.Where("(joined_at, user_id) > (?, ?)", after.JoinedAt, after.UserID)
	}
	var rows []memberRow
	if err := q.Order("joined_at, user_id").Limit(limit).Find(&rows).Error; err != nil {
		return nil, fmt.Errorf("list members: %w", err)
	}
	return toMembers(rows), nil
}

func toViews(rows []viewRow) []domain.View {
	out := make([]domain.View, 0, len(rows))
	for _, r := range rows {
		out = append(out, r.domain())
	}
	return out
}

func toMembers(rows []memberRow) []domain.Member {
	out := make([]domain.Member, 0, len(rows))
	for _, r := range rows {
		out = append(out, r.domain())
	}
	return out
}
