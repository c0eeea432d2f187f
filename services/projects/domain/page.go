package domain

import "time"

// Page limits of list endpoints.
const (
	DefaultLimit = 50
	MaxLimit     = 200
)

// ArchivedFilter selects projects by archive state in "my projects".
type ArchivedFilter string

const (
	ArchivedExclude ArchivedFilter = "false" // live projects only (default)
	ArchivedOnly    ArchivedFilter = "true"
	ArchivedAll     ArchivedFilter = "all"
)

// ProjectCursor is the keyset position after a project in "my projects"
// (ordered by name, then id).
type ProjectCursor struct {
	Name string
	ID   string
}

// MemberCursor is the keyset position after a member in a member list
// (ordered by joining time, then user id).
type MemberCursor struct {
	JoinedAt time.Time
	UserID   string
}
