package domain

import (
	"github.com/taskrocket/taskrocket/services/platform/apperr"
	"github.com/taskrocket/taskrocket/services/platform/fields"
)

// Stable error codes of the collaboration context. The not-found errors
// are also the answer to a caller who is not a member of the project:
// they never learn that the object exists.
var (
	ErrProjectNotFound = apperr.NotFound("project_not_found", "no such project")
	ErrTaskNotFound    = apperr.NotFound("task_not_found", "no such task")
	ErrCommentNotFound = apperr.NotFound("comment_not_found", "no such comment")

	ErrNotAuthor = apperr.Forbidden("not_comment_author",
		"only the author may edit a comment; the author or the project's owner may delete it")
	ErrForbiddenRole   = apperr.Forbidden("forbidden_role", "your role in this project does not allow this")
	ErrProjectArchived = apperr.Conflict("project_archived", "the project is archived and read-only")
	ErrVersionMismatch = apperr.New(apperr.KindPreconditionFailed, "version_mismatch",
		"the comment was changed since you read it; reload it and try again")
	ErrTooManyReactions = apperr.Conflict("too_many_reactions",
		"this comment already has the most different reactions it may have")

	ErrInvalidCursor = apperr.Invalid("invalid_cursor", "the cursor is not one this service issued for this list")

	ErrProjectsUnavailable = apperr.New(apperr.KindUnavailable, "projects_unavailable",
		"the projects service did not answer; try again")
	ErrTasksUnavailable = apperr.New(apperr.KindUnavailable, "tasks_unavailable",
		"the tasks service did not answer; try again")
	ErrUsersUnavailable = apperr.New(apperr.KindUnavailable, "users_unavailable",
		"the users service did not answer; try again")
	ErrBusy = apperr.New(apperr.KindUnavailable, "busy",
		"too many changes to this conversation at once; try again")
)

// Problems reported in validation details.
const (
	ProblemRequired = fields.Required
	ProblemInvalid  = fields.Invalid
	ProblemTooLong  = fields.TooLong
	ProblemTooMany  = "too_many"
)

// FieldErrors maps a request field or query parameter to its problem.
type FieldErrors = fields.Problems

// VersionMismatch is ErrVersionMismatch with the comment's current version.
func VersionMismatch(current int64) error {
	return ErrVersionMismatch.WithDetails(map[string]any{"currentVersion": current})
}

// ParseID returns the canonical form of a UUID, or false.
func ParseID(raw string) (string, bool) { return fields.ParseUUID(raw) }
