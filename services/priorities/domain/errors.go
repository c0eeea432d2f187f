package domain

import "github.com/taskrocket/taskrocket/services/platform/apperr"

// Stable error codes of the priorities context.
var (
	// Also the answer to a caller who is not a member of the project.
	ErrProjectNotFound = apperr.NotFound("project_not_found", "no such project")
	ErrRuleNotFound    = apperr.NotFound("rule_not_found", "no such rule")
	ErrForbiddenRole   = apperr.Forbidden("forbidden_role", "only the project's owner manages its priority rules")
	ErrProjectArchived = apperr.Conflict("project_archived", "the project is archived and read-only")
	ErrTooManyRules    = apperr.Conflict("too_many_rules", "the project has as many rules as it may have")
	ErrVersionMismatch = apperr.New(apperr.KindPreconditionFailed, "version_mismatch",
		"the rule was changed since you read it; reload it and try again")
	ErrInvalidOrder = apperr.Invalid("invalid_order", "the order must list every rule of the project exactly once")

	ErrProjectsUnavailable = apperr.New(apperr.KindUnavailable, "projects_unavailable",
		"the projects service did not answer; try again")
	ErrTasksUnavailable = apperr.New(apperr.KindUnavailable, "tasks_unavailable",
		"the tasks service did not answer; try again")
)

// ProblemOutOfRange: a number outside what the field accepts.
const ProblemOutOfRange = "out_of_range"
