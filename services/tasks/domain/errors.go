package domain

import (
	"github.com/taskrocket/taskrocket/services/platform/apperr"
	"github.com/taskrocket/taskrocket/services/platform/fields"
)

// Stable error codes of the tasks context. Clients branch on the code; the
// message is for people.
var (
	// The not-found errors are also the answer to a caller who is not a
	// member of the project: they never learn that the object exists.
	ErrProjectNotFound  = apperr.NotFound("project_not_found", "no such project")
	ErrTaskNotFound     = apperr.NotFound("task_not_found", "no such task")
	ErrCategoryNotFound = apperr.NotFound("category_not_found", "no such category")
	ErrTagNotFound      = apperr.NotFound("tag_not_found", "no such tag")

	ErrForbiddenRole   = apperr.Forbidden("forbidden_role", "your role in this project does not allow this")
	ErrProjectArchived = apperr.Conflict("project_archived", "the project is archived and read-only")
	ErrVersionMismatch = apperr.New(apperr.KindPreconditionFailed, "version_mismatch",
		"the task was changed since you read it; reload it and try again")

	ErrCategoryNameTaken = apperr.Conflict("category_name_taken", "the project already has a category with this name")
	ErrTagNameTaken      = apperr.Conflict("tag_name_taken", "the project already has a tag with this name")

	ErrAssigneeNotMember = apperr.Invalid("assignee_not_member", "assignees must be members of the project")
	ErrInvalidParent     = apperr.Invalid("invalid_parent",
		"the parent must be another task of the same project, and not one of this task's subtasks")
	ErrInvalidCategory = apperr.Invalid("invalid_category", "the category does not exist in this project")
	ErrInvalidTag      = apperr.Invalid("invalid_tag", "a tag does not exist in this project")
	ErrInvalidPosition = apperr.Invalid("invalid_position",
		"the tasks to place this one between must be other tasks of the same project, in order")
	ErrPositionExhausted = apperr.Conflict("position_exhausted",
		"there is no room left between these two tasks; move one of them elsewhere first")

	ErrInvalidCursor = apperr.Invalid("invalid_cursor", "the cursor is not one this service issued for this sort")

	ErrProjectsUnavailable = apperr.New(apperr.KindUnavailable, "projects_unavailable",
		"the projects service did not answer; try again")
)

// Problems reported in validation details.
const (
	ProblemRequired    = fields.Required
	ProblemInvalid     = fields.Invalid
	ProblemTooLong     = fields.TooLong
	ProblemOutOfRange  = "out_of_range"
	ProblemTooMany     = "too_many"
	ProblemBeforeStart = "before_start"
	ProblemUnknown     = "unknown"
)

// FieldErrors maps a request field or query parameter (by the name
// clients send) to what is wrong with it; Err reports a body's problems
// (validation_failed), QueryErr a query's (invalid_query).
type FieldErrors = fields.Problems

// AssigneesNotMembers is ErrAssigneeNotMember naming the users.
func AssigneesNotMembers(userIDs []string) error {
	return ErrAssigneeNotMember.WithDetails(map[string]any{"userIds": userIDs})
}

// VersionMismatch is ErrVersionMismatch with the task's current version.
func VersionMismatch(current int64) error {
	return ErrVersionMismatch.WithDetails(map[string]any{"currentVersion": current})
}
