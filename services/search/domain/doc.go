package domain

import "time"

// Document kinds: what a search result is.
const (
	DocTask    = "task"
	DocProject = "project"
)

// Doc is one searchable document, the same whichever engine holds it. Its
// id is the task's or project's id (UUIDs: they never collide).
type Doc struct {
	ID          string     `json:"id"`
	Kind        string     `json:"kind"`
	ProjectID   string     `json:"projectId"`
	ProjectKey  string     `json:"projectKey"`
	ProjectName string     `json:"projectName"`
	Title       string     `json:"title"`
	Description string     `json:"description"`
	Status      string     `json:"status,omitempty"`
	Priority    string     `json:"priority,omitempty"`
	StartAt     *time.Time `json:"startAt,omitempty"`
	DueAt       *time.Time `json:"dueAt,omitempty"`
	AssigneeIDs []string   `json:"assigneeIds,omitempty"`
	Assignees   []string   `json:"assignees,omitempty"` // display names and usernames
	TagIDs      []string   `json:"tagIds,omitempty"`
	CategoryID  string     `json:"categoryId,omitempty"`
	Labels      []string   `json:"labels,omitempty"` // tag and category names
	Comments    []string   `json:"comments,omitempty"`
	UpdatedAt   time.Time  `json:"updatedAt"`
	Version     int64      `json:"version"`
}

// Names are the names a task's document shows, looked up by the caller.
type Names struct {
	Project Project
	Labels  map[string]Label
	Users   map[string]User
}

// RenderTask makes a task's document from the task, its comments and the
// names of what it refers to. A deleted label or user contributes nothing,
// and a deleted label is no longer among the task's tags.
func RenderTask(t Task, comments []Comment, n Names) Doc {
	d := Doc{
		ID: t.ID, Kind: DocTask, ProjectID: t.ProjectID,
		ProjectKey: n.Project.Key, ProjectName: n.Project.Name,
		Title: t.Title, Description: t.Description, Status: t.Status, Priority: t.Priority,
		StartAt: t.StartAt, DueAt: t.DueAt, AssigneeIDs: t.AssigneeIDs,
		UpdatedAt: t.UpdatedAt, Version: t.Version,
	}
	for _, id := range t.AssigneeIDs {
		if u, ok := n.Users[id]; ok && !u.Deleted {
			d.Assignees = append(d.Assignees, u.DisplayName, u.Username)
		}
	}
	for _, id := range t.TagIDs {
		l, ok := n.Labels[id]
		if ok && l.Deleted {
			continue
		}
		d.TagIDs = append(d.TagIDs, id)
		if ok {
			d.Labels = append(d.Labels, l.Name)
		}
	}
	if l, ok := n.Labels[t.CategoryID]; t.CategoryID != "" && !(ok && l.Deleted) {
		d.CategoryID = t.CategoryID
		if ok {
			d.Labels = append(d.Labels, l.Name)
		}
	}
	for _, c := range comments {
		if !c.Deleted && c.Body != "" {
			d.Comments = append(d.Comments, c.Body)
		}
	}
	return d
}

// RenderProject makes a project's document.
func RenderProject(p Project) Doc {
	return Doc{
		ID: p.ID, Kind: DocProject, ProjectID: p.ID, ProjectKey: p.Key, ProjectName: p.Name,
		Title: p.Name, Description: p.Description, Version: p.Version,
	}
}
