package domain

import "github.com/taskrocket/taskrocket/services/platform/apperr"

// Stable error codes of the calendar context. Clients branch on the code;
// the message is for people. Rule errors carry details naming the RRULE
// part and what is wrong with it ({"part": "BYDAY", "reason": "..."}).
var (
	ErrInvalidRRule     = apperr.Invalid("invalid_rrule", "the recurrence rule is not a valid RFC 5545 RRULE")
	ErrUnsupportedRRule = apperr.Invalid("unsupported_rrule",
		"the recurrence rule uses a part this calendar does not support (supported: FREQ DAILY, WEEKLY, MONTHLY, YEARLY, "+
			"INTERVAL, COUNT, UNTIL, BYDAY, BYMONTHDAY, BYMONTH, BYSETPOS, WKST)")
	ErrInvalidCount    = apperr.Invalid("invalid_count", "COUNT must be at least 1")
	ErrUnknownTimezone = apperr.Invalid("unknown_timezone", "the time zone is not a known IANA time zone name")
	ErrInvalidStart    = apperr.Invalid("invalid_start",
		"the start must be a local date and time (2006-01-02T15:04 or 2006-01-02T15:04:05) between 1900 and 2200")
	ErrEndBeforeStart = apperr.Invalid("end_before_start", "the series ends (UNTIL) before it starts")
	ErrSeriesEmpty    = apperr.Invalid("series_empty", "the recurrence rule produces no occurrence")
	ErrSeriesTooLong  = apperr.Invalid("series_too_long",
		"the series would have more than 3660 occurrences; end it earlier or leave it open-ended")
	ErrInvalidMode = apperr.Invalid("invalid_recurrence_mode",
		`the recurrence mode must be "fixed" (with an RRULE) or "after_completion" (with every and unit)`)
	ErrInvalidAfterCompletion = apperr.Invalid("invalid_after_completion",
		"after completion, the next task comes 1 to 365 days or 1 to 52 weeks later")
	ErrUnknownPreset = apperr.Invalid("unknown_preset", "no such recurrence preset")
)

// ruleError is err naming the RRULE part at fault and why.
func ruleError(err *apperr.Error, part, reason string) error {
	return err.WithDetails(map[string]any{"part": part, "reason": reason})
}

// Not-found errors of stored objects; also the answer to a caller who may
// not see the object.
var (
	ErrTaskSeriesNotFound = apperr.NotFound("task_series_not_found", "no such recurring task")
	ErrMeetingNotFound    = apperr.NotFound("meeting_not_found", "no such meeting")
)
