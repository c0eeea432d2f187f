// Package domain holds the rules of the projects context: what a project
// and a membership are, what each role may do, and how fields are checked.
// It does no I/O.
package domain

import (
	"time"

	"github.com/taskrocket/taskrocket/services/contracts"
)

// Roles (the contract's names).
const (
	RoleOwner       = contracts.RoleOwner
	RoleParticipant = contracts.RoleParticipant
)

// Project fields a change can name (project.updated's "changed").
const (
	FieldName        = "name"
	FieldDescription = "description"
	FieldColor       = "color"
	FieldKey         = "key"
)

// Project is a project as stored.
type Project struct {
	ID          string
	Name        string
	Description string
	Color       string // #rrggbb or ""
	Key         string
	OwnerID     string
	ArchivedAt  *time.Time
	CreatedAt   time.Time
	UpdatedAt   time.Time
	// Version counts the events published about the project: each one
	// carries the version after it (projectVersion).
	Version int64
}

// Archived reports whether the project is read-only.
func (p Project) Archived() bool { return p.ArchivedAt != nil }

// Member is one user's membership of a project.
type Member struct {
	ProjectID string
	UserID    string
	Role      string
	JoinedAt  time.Time
}

// Person is how an account is shown to the people it works with, as the
// users service names it.
type Person struct {
	Username    string
	DisplayName string
}

// NamedMember is a membership with its member's name; Person is nil when
// the account no longer exists (or was deleted).
type NamedMember struct {
	Member
	Person *Person
}

// View is a project as one of its members sees it.
type View struct {
	Project
	Role        string // the viewer's
	MemberCount int
}

// Details are the fields an owner edits; nil leaves a field alone.
type Details struct {
	Name        *string
	Description *string
	Color       *string
	Key         *string
}

// Normalize checks every field present and returns the details in their
// stored form, with all problems at once.
func (d Details) Normalize() (Details, error) {
	problems := FieldErrors{}
	check := func(field string, v *string, norm func(string) (string, string)) *string {
		if v == nil {
			return nil
		}
		s, p := norm(*v)
		problems.Add(field, p)
		return &s
	}
	out := Details{
		Name:        check(FieldName, d.Name, NormalizeName),
		Description: check(FieldDescription, d.Description, NormalizeDescription),
		Color:       check(FieldColor, d.Color, NormalizeColor),
		Key:         check(FieldKey, d.Key, NormalizeKey),
	}
	return out, problems.Err()
}

// Apply writes the present fields into p and returns the names of those
// whose value changed, in a fixed order.
func (d Details) Apply(p *Project) []string {
	var changed []string
	set := func(field string, dst *string, v *string) {
		if v != nil && *dst != *v {
			*dst = *v
			changed = append(changed, field)
		}
	}
	set(FieldName, &p.Name, d.Name)
	set(FieldDescription, &p.Description, d.Description)
	set(FieldColor, &p.Color, d.Color)
	set(FieldKey, &p.Key, d.Key)
	return changed
}

// Action is something a member may try to do to a project.
type Action int

const (
	// ActRead: see the project, its members.
	ActRead Action = iota
	// ActManage: edit details, add/remove members, change roles,
	// transfer ownership, archive. Owner only; refused while archived
	// (archive itself is idempotent and is checked with ActArchive).
	ActManage
	// ActArchive: archive or unarchive. Owner only, allowed while archived.
	ActArchive
	// ActDelete: delete. Owner only, allowed while archived.
	ActDelete
	// ActLeave: leave the project. Participants only (the owner transfers
	// first); refused while archived, like every other write.
	ActLeave
)

// Authorize decides whether a member with role may do act on p:
// forbidden_role when the role does not allow it, project_archived when
// the project is read-only. The caller has already checked membership.
func Authorize(p Project, role string, act Action) error {
	switch act {
	case ActRead:
		return nil
	case ActLeave:
		if role == RoleOwner {
			return ErrOwnerMustTransfer
		}
	default:
		if role != RoleOwner {
			return ErrForbiddenRole
		}
	}
	if p.Archived() && (act == ActManage || act == ActLeave) {
		return ErrProjectArchived
	}
	return nil
}
