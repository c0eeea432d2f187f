package contracts

import "time"

// Events of the tasks context (topic TopicTasks). Each needs a payload
// type below and a schema file schemas/<entity>.<verb>.v1.json.
var taskEvents = []EventSpec{
	{Type: EventTaskCreated, Topic: TopicTasks, Schema: "task.created.v1.json"},
	{Type: EventTaskUpdated, Topic: TopicTasks, Schema: "task.updated.v1.json"},
	{Type: EventTaskStatusChanged, Topic: TopicTasks, Schema: "task.status_changed.v1.json"},
	{Type: EventTaskAssigned, Topic: TopicTasks, Schema: "task.assigned.v1.json"},
	{Type: EventTaskUnassigned, Topic: TopicTasks, Schema: "task.unassigned.v1.json"},
	{Type: EventTaskDeleted, Topic: TopicTasks, Schema: "task.deleted.v1.json"},
	{Type: EventCategoryCreated, Topic: TopicTasks, Schema: "category.created.v1.json"},
	{Type: EventCategoryUpdated, Topic: TopicTasks, Schema: "category.updated.v1.json"},
	{Type: EventCategoryDeleted, Topic: TopicTasks, Schema: "category.deleted.v1.json"},
	{Type: EventTagCreated, Topic: TopicTasks, Schema: "tag.created.v1.json"},
	{Type: EventTagUpdated, Topic: TopicTasks, Schema: "tag.updated.v1.json"},
	{Type: EventTagDeleted, Topic: TopicTasks, Schema: "tag.deleted.v1.json"},
}

// Event types of the tasks context. The CloudEvent subject is the id of
// the task, category or tag.
const (
	EventTaskCreated       = "taskrocket.task.created.v1"
	EventTaskUpdated       = "taskrocket.task.updated.v1"
	EventTaskStatusChanged = "taskrocket.task.status_changed.v1"
	EventTaskAssigned      = "taskrocket.task.assigned.v1"
	EventTaskUnassigned    = "taskrocket.task.unassigned.v1"
	EventTaskDeleted       = "taskrocket.task.deleted.v1"
	EventCategoryCreated   = "taskrocket.category.created.v1"
	EventCategoryUpdated   = "taskrocket.category.updated.v1"
	EventCategoryDeleted   = "taskrocket.category.deleted.v1"
	EventTagCreated        = "taskrocket.tag.created.v1"
	EventTagUpdated        = "taskrocket.tag.updated.v1"
	EventTagDeleted        = "taskrocket.tag.deleted.v1"
)

// Task statuses.
const (
	TaskTodo       = "todo"
	TaskInProgress = "in_progress"
	TaskDone       = "done"
)

// Task priorities, lowest first.
const (
	PriorityNone   = "none"
	PriorityLow    = "low"
	PriorityMedium = "medium"
	PriorityHigh   = "high"
	PriorityUrgent = "urgent"
)

// Why a user stopped being an assignee (TaskUnassigned.Reason).
const (
	UnassignedByEdit        = "unassigned"     // someone edited the task
	UnassignedMemberRemoved = "member_removed" // they left or were removed from the project
)

// Task is a task as it is after the change an event announces. Optional
// values are null, never omitted. Times are UTC.
type Task struct {
	ID              string     `json:"id"`
	ProjectID       string     `json:"projectId"`
	ParentID        *string    `json:"parentId"`
	Title           string     `json:"title"`
	Description     string     `json:"description"` // Markdown
	Status          string     `json:"status"`
	Priority        string     `json:"priority"`
	StartAt         *time.Time `json:"startAt"`
	DueAt           *time.Time `json:"dueAt"`
	Timezone        *string    `json:"timezone"` // IANA zone of the client that set the dates
	EstimateMinutes int        `json:"estimateMinutes"`
	AssigneeIDs     []string   `json:"assigneeIds"`
	CategoryID      *string    `json:"categoryId"`
	TagIDs          []string   `json:"tagIds"`
	Position        string     `json:"position"` // manual order: compare as bytes
	DoneAt          *time.Time `json:"doneAt"`
	Version         int64      `json:"version"`
	CreatedBy       string     `json:"createdBy"`
	CreatedAt       time.Time  `json:"createdAt"`
	UpdatedAt       time.Time  `json:"updatedAt"`
}

// TaskCreated is published when a task is created. Its initial assignees
// also get one TaskAssigned each.
type TaskCreated struct {
	Actor      Actor     `json:"actor"`
	ProjectID  string    `json:"projectId"`
	TaskID     string    `json:"taskId"`
	Task       Task      `json:"task"`
	OccurredAt time.Time `json:"occurredAt"`
}

// TaskUpdated is published for every edit of a task through the API;
// Changed names the fields that changed and Task is the state after. A
// status change also publishes TaskStatusChanged, an assignee change
// TaskAssigned / TaskUnassigned per user. Changes that follow from other
// events (a category or tag deleted, a member removed from the project)
// are announced by those events only.
//
// Previous holds the value each changed field had before the change,
// under the field's name and in its Task form (null for a value that was
// unset), so that a reader can show "from → to" without history of its
// own. Events published before it existed lack it.
type TaskUpdated struct {
	Actor      Actor          `json:"actor"`
	ProjectID  string         `json:"projectId"`
	TaskID     string         `json:"taskId"`
	Changed    []string       `json:"changed"`
	Task       Task           `json:"task"`
	Previous   map[string]any `json:"previous,omitempty"`
	OccurredAt time.Time      `json:"occurredAt"`
}

// TaskStatusChanged is published when a task moves between statuses.
type TaskStatusChanged struct {
	Actor      Actor     `json:"actor"`
	ProjectID  string    `json:"projectId"`
	TaskID     string    `json:"taskId"`
	Title      string    `json:"title"`
	From       string    `json:"from"`
	To         string    `json:"to"`
	OccurredAt time.Time `json:"occurredAt"`
}

// TaskAssigned is published once per user who becomes an assignee.
type TaskAssigned struct {
	Actor      Actor     `json:"actor"`
	ProjectID  string    `json:"projectId"`
	TaskID     string    `json:"taskId"`
	Title      string    `json:"title"`
	UserID     string    `json:"userId"`
	OccurredAt time.Time `json:"occurredAt"`
}

// TaskUnassigned is published once per user who stops being an assignee.
type TaskUnassigned struct {
	Actor      Actor     `json:"actor"`
	ProjectID  string    `json:"projectId"`
	TaskID     string    `json:"taskId"`
	Title      string    `json:"title"`
	UserID     string    `json:"userId"`
	Reason     string    `json:"reason"`
	OccurredAt time.Time `json:"occurredAt"`
}

// TaskDeleted is published for every task removed: the one deleted and
// each of its subtasks (deleted with it). Tasks removed because their
// project was deleted are announced by project.deleted only.
type TaskDeleted struct {
	Actor       Actor     `json:"actor"`
	ProjectID   string    `json:"projectId"`
	TaskID      string    `json:"taskId"`
	Title       string    `json:"title"`
	ParentID    *string   `json:"parentId"`
	AssigneeIDs []string  `json:"assigneeIds"`
	OccurredAt  time.Time `json:"occurredAt"`
}

// CategoryCreated is published when a project gets a category.
type CategoryCreated struct {
	Actor      Actor     `json:"actor"`
	ProjectID  string    `json:"projectId"`
	CategoryID string    `json:"categoryId"`
	Name       string    `json:"name"`
	Color      string    `json:"color"`
	OccurredAt time.Time `json:"occurredAt"`
}

// CategoryUpdated is published when a category is renamed or recolored;
// it carries the state after the change.
type CategoryUpdated struct {
	Actor      Actor     `json:"actor"`
	ProjectID  string    `json:"projectId"`
	CategoryID string    `json:"categoryId"`
	Name       string    `json:"name"`
	Color      string    `json:"color"`
	Changed    []string  `json:"changed"` // name | color
	OccurredAt time.Time `json:"occurredAt"`
}

// CategoryDeleted is published when a category is deleted; the tasks that
// had it (DetachedTasks of them) have no category from then on.
type CategoryDeleted struct {
	Actor         Actor     `json:"actor"`
	ProjectID     string    `json:"projectId"`
	CategoryID    string    `json:"categoryId"`
	Name          string    `json:"name"`
	DetachedTasks int       `json:"detachedTasks"`
	OccurredAt    time.Time `json:"occurredAt"`
}

// TagCreated is published when a project gets a tag.
type TagCreated struct {
	Actor      Actor     `json:"actor"`
	ProjectID  string    `json:"projectId"`
	TagID      string    `json:"tagId"`
	Name       string    `json:"name"`
	Color      string    `json:"color"`
	OccurredAt time.Time `json:"occurredAt"`
}

// TagUpdated is published when a tag is renamed or recolored; it carries
// the state after the change.
type TagUpdated struct {
	Actor      Actor     `json:"actor"`
	ProjectID  string    `json:"projectId"`
	TagID      string    `json:"tagId"`
	Name       string    `json:"name"`
	Color      string    `json:"color"`
	Changed    []string  `json:"changed"` // name | color
	OccurredAt time.Time `json:"occurredAt"`
}

// TagDeleted is published when a tag is deleted; it is removed from every
// task that had it (DetachedTasks of them).
type TagDeleted struct {
	Actor         Actor     `json:"actor"`
	ProjectID     string    `json:"projectId"`
	TagID         string    `json:"tagId"`
	Name          string    `json:"name"`
	DetachedTasks int       `json:"detachedTasks"`
	OccurredAt    time.Time `json:"occurredAt"`
}
