package domain

import (
	"time"

	"github.com/taskrocket/taskrocket/services/platform/apperr"
	"github.com/taskrocket/taskrocket/services/platform/fields"
)

// Stable error codes of the users context. Clients branch on the code; the
// message is for people.
var (
	ErrPasswordTooShort  = apperr.Invalid("password_too_short", "the password must have at least 10 characters")
	ErrPasswordTooCommon = apperr.Invalid("password_too_common", "this password is too common; choose another")
	ErrEmailTaken        = apperr.Conflict("email_taken", "an account with this email address already exists")
	ErrUsernameTaken     = apperr.Conflict("username_taken", "this username is taken")
	ErrUserNotFound      = apperr.NotFound("user_not_found", "no such user")
	// ErrInvalidCredentials is the one answer to an unknown login and to a
	// wrong password alike, so the response does not reveal which accounts
	// exist.
	ErrInvalidCredentials       = apperr.Unauthenticated("invalid_credentials", "the login or the password is wrong")
	ErrCurrentPasswordIncorrect = apperr.Forbidden("current_password_incorrect", "the current password is wrong")
)

// FieldErrors maps a request field (by its JSON name) to what is wrong
// with it: required, invalid, too_long, ...
// Err reports them all as one validation_failed error.
type FieldErrors = fields.Problems

// TooManyAttempts is the answer while sign-in attempts are throttled;
// retryAfter becomes the Retry-After header.
func TooManyAttempts(retryAfter time.Duration) error {
	e := apperr.New(apperr.KindTooManyRequests, "too_many_attempts",
		"too many failed attempts; try again later")
	e.RetryAfter = max(retryAfter, time.Second)
	return e
}
