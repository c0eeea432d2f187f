package ports

import (
	"time"

	"github.com/taskrocket/taskrocket/services/projects/domain"
)

// Requests. Pointers tell "leave alone" (absent or null) from a value;
// required fields are checked by the app layer, which reports every field
// at once.

type projectRequest struct {
	Name        *string `json:"name"`
	Description *string `json:"description"`
	Color       *string `json:"color"`
	Key         *string `json:"key"`
}

func (r projectRequest) details() domain.Details {
	return domain.Details{Name: r.Name, Description: r.Description, Color: r.Color, Key: r.Key}
}

type addMemberRequest struct {
	UserID string `json:"userId"`
	Role   string `json:"role"`
}

type changeRoleRequest struct {
	Role string `json:"role"`
}

type transferRequest struct {
	UserID string `json:"userId"`
}

// Responses.

// project is a project as the caller sees it.
type project struct {
	ID          string     `json:"id"`
	Name        string     `json:"name"`
	Description string     `json:"description"`
	Color       string     `json:"color"`
	Key         string     `json:"key"`
	OwnerID     string     `json:"ownerId"`
	Role        string     `json:"role"`
	Archived    bool       `json:"archived"`
	ArchivedAt  *time.Time `json:"archivedAt"`
	MemberCount int        `json:"memberCount"`
	CreatedAt   time.Time  `json:"createdAt"`
	UpdatedAt   time.Time  `json:"updatedAt"`
}

// member is a membership with the member's name; the name is null when
// the account no longer exists.
type member struct {
	UserID      string    `json:"userId"`
	Username    *string   `json:"username"`
	DisplayName *string   `json:"displayName"`
	Role        string    `json:"role"`
	JoinedAt    time.Time `json:"joinedAt"`
}

type page[T any] struct {
	Items      []T    `json:"items"`
	NextCursor string `json:"nextCursor,omitempty"`
}

func toProject(v domain.View) project {
	return project{
		ID: v.ID, Name: v.Name, Description: v.Description, Color: v.Color, Key: v.Key, OwnerID: v.OwnerID,
		Role: v.Role, Archived: v.Archived(), ArchivedAt: v.ArchivedAt, MemberCount: v.MemberCount,
		CreatedAt: v.CreatedAt.UTC(), UpdatedAt: v.UpdatedAt.UTC(),
	}
}

func toMember(m domain.NamedMember) member {
	out := member{UserID: m.UserID, Role: m.Role, JoinedAt: m.JoinedAt.UTC()}
	if p := m.Person; p != nil {
		out.Username, out.DisplayName = &p.Username, &p.DisplayName
	}
	return out
}
