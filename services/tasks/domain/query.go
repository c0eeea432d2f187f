package domain

import "time"

// Page limits of list endpoints.
const (
	DefaultLimit = 50
	MaxLimit     = 200
)

// Sort is the order of a task list. Every sort ends with the id, so the
// order is total and keyset pages never skip or repeat a task.
type Sort string

// Sorts of task lists.
const (
	// SortPriority: priority, then due date (no due date last), then id.
	SortPriority Sort = "priority"
	// SortDue: due date (no due date last), then id.
	SortDue      Sort = "due"
	SortCreated  Sort = "created"
	SortUpdated  Sort = "updated"
	SortPosition Sort = "position" // the manual order
	// SortEffective: effective priority (rules applied), then due date, then id.
	SortEffective Sort = "effective"
)

// Sorts lists the sorts clients may ask for.
var Sorts = []Sort{SortPriority, SortDue, SortCreated, SortUpdated, SortPosition, SortEffective}

// Order is the direction of a sort.
type Order string

// Orders.
const (
	Asc  Order = "asc"
	Desc Order = "desc"
)

// DefaultOrder is the direction of a sort when the client names none:
// most urgent, soonest due, newest, most recently changed, manual order.
func DefaultOrder(s Sort) Order {
	switch s {
	case SortPriority, SortEffective, SortCreated, SortUpdated:
		return Desc
	}
	return Asc
}

// Reversed reports whether a sort runs against its key's natural
// direction. Each sort has one key: priority (-priority, due or +inf, id),
// due (due or +inf, id), created (createdAt, id), updated (updatedAt, id),
// position (position, id). "desc" priority is that key ascending (most
// urgent first, then soonest due), every other "asc" is its key ascending;
// the opposite order reverses the whole key, ties on id included.
func Reversed(s Sort, o Order) bool {
	if s == SortPriority || s == SortEffective {
		return o == Asc
	}
	return o == Desc
}

// TaskFilter selects the tasks of a list. Zero values filter nothing.
type TaskFilter struct {
	ProjectIDs []string // the project of a project list; the caller's projects for "my tasks"
	Statuses   []Status
	AssigneeID string
	TagID      string
	CategoryID string
	Priorities []Priority
	// EffectivePriorities: any of these effective priorities.
	EffectivePriorities []Priority
	DueBefore           *time.Time // due strictly before
	DueAfter            *time.Time // due at or after
	Overdue             *bool      // due before Now and not done (false: the others)
	Now                 time.Time
	Text                string // in the title, case-insensitive
	ParentID            string
	TopLevel            bool // only tasks without a parent
}

// TaskQuery is one page request of a task list.
type TaskQuery struct {
	Filter TaskFilter
	Sort   Sort
	Order  Order
	After  *TaskCursor
	Limit  int
	Counts bool // also count the tasks per status, ignoring Filter.Statuses
}

// TaskCursor is the keyset position after the last task of a page, with
// the sort it belongs to.
type TaskCursor struct {
	Sort     Sort
	Order    Order
	Priority Priority
	Due      *time.Time // nil: no due date (after every date)
	At       time.Time  // createdAt or updatedAt
	Position string
	ID       string
}

// CursorAfter is the position after t in a list sorted by s and o.
func CursorAfter(t Task, s Sort, o Order) TaskCursor {
	c := TaskCursor{Sort: s, Order: o, ID: t.ID}
	switch s {
	case SortPriority:
		c.Priority, c.Due = t.Priority, t.DueAt
	case SortEffective:
		c.Priority, c.Due = t.Effective(), t.DueAt
	case SortDue:
		c.Due = t.DueAt
	case SortCreated:
		c.At = t.CreatedAt
	case SortUpdated:
		c.At = t.UpdatedAt
	case SortPosition:
		c.Position = t.Position
	}
	return c
}

// TaskPage is one page of a task list.
type TaskPage struct {
	Items  []Task
	Next   *TaskCursor      // nil on the last page
	Counts map[Status]int64 // when asked for
}
