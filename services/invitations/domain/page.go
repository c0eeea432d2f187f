package domain

import "time"

// Paging limits of every list.
const (
	DefaultLimit = 50
	MaxLimit     = 200
)

// Position is a place in a list ordered newest first: by creation time,
// then by id (the tie-break that makes the order total).
type Position struct {
	CreatedAt time.Time
	ID        string
}

// Page asks for at most Limit items after After (nil: from the start).
type Page struct {
	Limit int
	After *Position
}

// Paged is one page of a list; Next is nil on the last page.
type Paged struct {
	Items []Invitation
	Next  *Position
}

// StatusFilter selects invitations in a project's list by their
// effective status; "all" selects every one.
type StatusFilter string

// FilterAll lists invitations in every status.
const FilterAll StatusFilter = "all"

// ParseStatusFilter returns the filter named s ("" is pending), or false.
func ParseStatusFilter(s string) (StatusFilter, bool) {
	switch Status(s) {
	case "":
		return StatusFilter(StatusPending), true
	case StatusPending, StatusAccepted, StatusRejected, StatusCancelled, StatusExpired:
		return StatusFilter(s), true
	}
	if StatusFilter(s) == FilterAll {
		return FilterAll, true
	}
	return "", false
}
