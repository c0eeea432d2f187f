package contracts

// Internal invocation contract the search service rebuilds its index with
// (`search reindex`): the owning services page through everything they
// hold, in id order. Every export takes ?after=<last id of the previous
// page>&limit=<1..ExportMaxLimit> and answers the page and, unless it is
// the last, next (the after of the next page). Only the search app may
// call them (access policies; the gateway is refused).
const ExportMaxLimit = 500

// TasksPathExportTasks: GET -> TasksExport (every task, as task events
// carry it).
const TasksPathExportTasks = "internal/export/tasks"

// TasksPathExportLabels: GET -> LabelsExport (every category and tag).
const TasksPathExportLabels = "internal/export/labels"

// ProjectsPathExport: GET -> ProjectsExport (every project).
const ProjectsPathExport = "internal/export/projects"

// CollaborationPathExportComments: POST ExportCommentsRequest ->
// CommentsExport (every comment on the given tasks; not paged).
const CollaborationPathExportComments = "internal/export/task-comments"

// ExportCommentsMax is the most task ids one ExportCommentsRequest carries.
const ExportCommentsMax = 200

// TasksExport is a page of tasks.
type TasksExport struct {
	Items []Task `json:"items"`
	Next  string `json:"next,omitempty"`
}

// Label kinds of ExportedLabel.
const (
	LabelTag      = "tag"
	LabelCategory = "category"
)

// ExportedLabel is a category or a tag.
type ExportedLabel struct {
	ID        string `json:"id"`
	ProjectID string `json:"projectId"`
	Kind      string `json:"kind"` // tag | category
	Name      string `json:"name"`
}

// LabelsExport is a page of labels.
type LabelsExport struct {
	Items []ExportedLabel `json:"items"`
	Next  string          `json:"next,omitempty"`
}

// ExportedProject is a project as its events describe it.
type ExportedProject struct {
	ID          string `json:"id"`
	Name        string `json:"name"`
	Key         string `json:"key"`
	Description string `json:"description"`
	Archived    bool   `json:"archived"`
	Version     int64  `json:"version"` // projectVersion
}

// ProjectsExport is a page of projects.
type ProjectsExport struct {
	Items []ExportedProject `json:"items"`
	Next  string            `json:"next,omitempty"`
}

// ExportCommentsRequest names tasks (at most ExportCommentsMax UUIDs).
type ExportCommentsRequest struct {
	TaskIDs []string `json:"taskIds"`
}

// CommentsExport holds comments as comment events carry them.
type CommentsExport struct {
	Items []Comment `json:"items"`
}
