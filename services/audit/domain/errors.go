package domain

import (
	"github.com/taskrocket/taskrocket/services/platform/apperr"
	"github.com/taskrocket/taskrocket/services/platform/fields"
)

// Stable error codes of the audit service. The not-found errors are also
// the answer to a caller who is not a member of the project.
var (
	ErrProjectNotFound = apperr.NotFound("project_not_found", "no such project")
	ErrTaskNotFound    = apperr.NotFound("task_not_found", "no such task")
	ErrInvalidCursor   = apperr.Invalid("invalid_cursor", "the cursor is not one this service issued for this list")

	ErrProjectsUnavailable = apperr.New(apperr.KindUnavailable, "projects_unavailable",
		"the projects service did not answer; try again")
	ErrTasksUnavailable = apperr.New(apperr.KindUnavailable, "tasks_unavailable",
		"the tasks service did not answer; try again")
)

// Page sizes.
const (
	DefaultPageSize = 50
	MaxPageSize     = 100
)

// ParseID returns the canonical form of a UUID, or false.
func ParseID(raw string) (string, bool) { return fields.ParseUUID(raw) }
