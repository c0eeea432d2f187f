package domain

// Project roles, as the projects service names them.
const (
	RoleOwner       = "owner"
	RoleParticipant = "participant"
)

// Membership is the caller's standing in a project, as the membership
// view knows it (kept current by the projects events: a removed member
// loses access as soon as the event arrives).
type Membership struct {
	ProjectID string
	UserID    string
	Role      string
	Archived  bool
}

// CanRead reports whether the member may see the project's tasks,
// categories and tags: every member may.
func (m Membership) CanRead() bool { return m.Role != "" }

// CheckWrite allows owners and participants to create, change and delete
// tasks, categories and tags in a project that is not archived. A role
// this service does not know (one added later, e.g. a viewer) may read
// only.
func (m Membership) CheckWrite() error {
	switch {
	case m.Role != RoleOwner && m.Role != RoleParticipant:
		return ErrForbiddenRole
	case m.Archived:
		return ErrProjectArchived
	}
	return nil
}
