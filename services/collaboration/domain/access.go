package domain

// Project roles, as the projects service names them.
const (
	RoleOwner       = "owner"
	RoleParticipant = "participant"
)

// Membership is the caller's standing in a project.
type Membership struct {
	ProjectID string
	UserID    string
	Role      string
	Archived  bool
}

// CanRead reports whether the member may read the project's comments:
// every member may.
func (m Membership) CanRead() bool { return m.Role != "" }

// CheckWrite allows owners and participants to comment and react in a
// project that is not archived. A role this service does not know (one
// added later, e.g. a viewer) may read only.
func (m Membership) CheckWrite() error {
	switch {
	case m.Role != RoleOwner && m.Role != RoleParticipant:
		return ErrForbiddenRole
	case m.Archived:
		return ErrProjectArchived
	}
	return nil
}

// IsOwner reports whether the member owns the project (and so may delete
// anyone's comment).
func (m Membership) IsOwner() bool { return m.Role == RoleOwner }
