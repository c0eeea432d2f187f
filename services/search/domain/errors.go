package domain

import "github.com/taskrocket/taskrocket/services/platform/apperr"

// Stable error codes of the search service.
var (
	ErrQueryTooLong  = apperr.Invalid("query_too_long", "the search text is too long")
	ErrTooManyTerms  = apperr.Invalid("too_many_terms", "the search has too many words")
	ErrInvalidCursor = apperr.Invalid("invalid_cursor", "the cursor is not one this service issued for this search")
	ErrPageTooDeep   = apperr.Invalid("page_too_deep", "results this far down are not served; narrow the search")

	ErrProjectsUnavailable = apperr.New(apperr.KindUnavailable, "projects_unavailable",
		"the projects service did not answer; try again")
	ErrIndexUnavailable = apperr.New(apperr.KindUnavailable, "index_unavailable",
		"the search index did not answer; try again")
)
