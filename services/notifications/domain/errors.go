package domain

import "github.com/taskrocket/taskrocket/services/platform/apperr"

// Stable error codes of the notifications service. The not-found errors
// are also the answer to someone who may not see the object: a
// notification of another user, a task or project of which the caller is
// not a member.
var (
	ErrNotificationNotFound = apperr.NotFound("notification_not_found", "no such notification")
	ErrTaskNotFound         = apperr.NotFound("task_not_found", "no such task")
	ErrProjectNotFound      = apperr.NotFound("project_not_found", "no such project")
	ErrInvalidCursor        = apperr.Invalid("invalid_cursor", "the cursor is not one this service issued")
	ErrInvalidUnsubscribe   = apperr.Invalid("invalid_unsubscribe_link",
		"this unsubscribe link is not valid; change your e-mail settings in your profile instead")
	ErrTooManyMuted = apperr.Conflict("too_many_muted_projects", "you cannot mute more projects; unmute one first")
)

// ErrTooManyFollowers: a task has as many followers as it may.
var ErrTooManyFollowers = apperr.Conflict("too_many_followers", "this task cannot have more followers")
