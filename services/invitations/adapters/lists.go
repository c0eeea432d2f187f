package adapters

import (
	"context"
	"fmt"
	"time"

	"github.com/google/uuid"
	"gorm.io/gorm"

	"github.com/taskrocket/taskrocket/services/invitations/domain"
)

// ListForProject implements app.Invitations. Filters go by effective
// status: an overdue pending invitation counts as expired.
func (s *Invitations) ListForProject(ctx context.Context, projectID string, filter domain.StatusFilter, now time.Time, page domain.Page) (domain.Paged, error) {
	q := s.db.WithContext(ctx).Where("project_id = ?", projectID)
	switch filter {
	case domain.FilterAll:
	case domain.StatusFilter(domain.StatusPending):
		q = q.Where("status = 'pending' AND expires_at > ?", now)
	case domain.StatusFilter(domain.StatusExpired):
		q = q.Where("(status = 'expired' OR (status = 'pending' AND expires_at <= ?))", now)
	default:
		q = q.Where("status = ?", string(filter))
	}
	return s.page(q, page)
}

// ListPendingFor implements app.Invitations.
func (s *Invitations) ListPendingFor(ctx context.Context, userID, email string, now time.Time, page domain.Page) (domain.Paged, error) {
	uid, err := uuid.Parse(userID)
	if err != nil {
		return domain.Paged{}, nil // no account has such an id
	}
	q := s.db.WithContext(ctx).Where("status = 'pending' AND expires_at > ?", now)
	if email == "" {
		q = q.Where("invitee_user_id = ?", uid.String())
	} else {
		q = q.Where("(invitee_user_id = ? OR (invitee_user_id IS NULL AND invitee_email = ?))", uid.String(), email)
	}
	return s.page(q, page)
}

// page reads one page of q, newest first with the id as tie-break, and
// the position of its last item when more follow.
func (s *Invitations) page(q *gorm.DB, p domain.Page) (domain.Paged, error) {
	limit := p.Limit
	if limit < 1 || limit > domain.MaxLimit {
		limit = domain.DefaultLimit
	}
	if p.After != nil {
		q = q.Where("(created_at, id) < (?, ?)", p.After.CreatedAt, p.After.ID)
	}
	var rows []invitationRow
	if err := q.Order("created_at DESC, id DESC").Limit(limit + 1).Find(&rows).Error; err != nil {
		return domain.Paged{}, fmt.Errorf("list invitations: %w", err)
	}
	out := domain.Paged{Items: make([]domain.Invitation, 0, min(len(rows), limit))}
	for i, r := range rows {
		if i == limit {
			last := out.Items[limit-1]
			out.Next = &domain.Position{CreatedAt: last.CreatedAt, ID: last.ID}
			break
		}
		out.Items = append(out.Items, r.domain())
	}
	return out, nil
}
