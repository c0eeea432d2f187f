package domain

import (
	"github.com/taskrocket/taskrocket/services/platform/apperr"
	"github.com/taskrocket/taskrocket/services/platform/fields"
)

// Stable error codes of the projects context. Clients branch on the code;
// the message is for people.
var (
	// ErrProjectNotFound is also the answer to a caller who is not a
	// member: they never learn that the project exists.
	ErrProjectNotFound   = apperr.NotFound("project_not_found", "no such project")
	ErrMemberNotFound    = apperr.NotFound("member_not_found", "this user is not a member of the project")
	ErrUserNotFound      = apperr.NotFound("user_not_found", "no such user")
	ErrForbiddenRole     = apperr.Forbidden("forbidden_role", "your role in this project does not allow this")
	ErrProjectArchived   = apperr.Conflict("project_archived", "the project is archived and read-only")
	ErrKeyTaken          = apperr.Conflict("project_key_taken", "the owner already has a project with this key")
	ErrAlreadyMember     = apperr.Conflict("already_member", "this user is already a member of the project")
	ErrCannotRemoveOwner = apperr.Conflict("cannot_remove_owner", "the owner cannot be removed; transfer the ownership first")
	ErrOwnerMustTransfer = apperr.Conflict("owner_must_transfer", "the owner cannot leave; transfer the ownership first")
	ErrUseTransfer       = apperr.Conflict("use_transfer", "a project has exactly one owner; use the ownership transfer")
	ErrInvalidCursor     = apperr.Invalid("invalid_cursor", "the cursor is not one this service issued")
	ErrUsersUnavailable  = apperr.New(apperr.KindUnavailable, "users_unavailable", "the users service did not answer; try again")
)

// FieldErrors maps a request field (by its JSON name) to what is wrong
// with it: required, invalid, too_long.
// Err reports them all as one validation_failed error.
type FieldErrors = fields.Problems
