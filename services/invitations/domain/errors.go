package domain

import (
	"github.com/taskrocket/taskrocket/services/platform/apperr"
	"github.com/taskrocket/taskrocket/services/platform/fields"
)

// Stable error codes of the invitations context. Clients branch on the
// code; the message is for people.
var (
	// ErrProjectNotFound is the answer to everyone who is not a member of
	// the project, so that a project's existence is never revealed.
	ErrProjectNotFound    = apperr.NotFound("project_not_found", "no such project")
	ErrForbiddenRole      = apperr.Forbidden("forbidden_role", "only an owner of the project may do this")
	ErrProjectArchived    = apperr.Conflict("project_archived", "the project is archived and read-only")
	ErrUserNotFound       = apperr.NotFound("user_not_found", "no such user")
	ErrAlreadyMember      = apperr.Conflict("already_member", "this person is already a member of the project")
	ErrInvitationPending  = apperr.Conflict("invitation_pending", "this person already has a pending invitation to the project")
	ErrInvitationNotFound = apperr.NotFound("invitation_not_found", "no such invitation")
	// ErrInvitationNotPending: the invitation was already accepted,
	// rejected, cancelled or has expired.
	ErrInvitationNotPending = apperr.Conflict("invitation_not_pending", "the invitation is no longer pending")
	ErrInvitationExpired    = apperr.New(apperr.KindGone, "invitation_expired", "the invitation has expired")
	ErrInvalidCursor        = apperr.Invalid("invalid_cursor", "the cursor is not one this list handed out")
	ErrProjectsUnavailable  = apperr.New(apperr.KindUnavailable, "projects_unavailable",
		"the projects service cannot be reached; nothing was changed, try again shortly")
	ErrUsersUnavailable = apperr.New(apperr.KindUnavailable, "users_unavailable",
		"the users service cannot be reached; nothing was changed, try again shortly")
)

// NotPending reports that an invitation left the pending state, naming
// the state it is in.
func NotPending(s Status) error {
	return ErrInvitationNotPending.WithDetails(map[string]any{"status": string(s)})
}

// FieldErrors maps a request field (by its JSON name) to what is wrong
// with it: required, invalid, too_long, exactly_one, not_invitable.
// Err reports them all as one validation_failed error.
type FieldErrors = fields.Problems
