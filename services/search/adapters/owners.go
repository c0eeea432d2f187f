package adapters

import (
	"context"
	"net/http"
	"net/url"
	"time"

	"github.com/taskrocket/taskrocket/services/contracts"
	"github.com/taskrocket/taskrocket/services/platform/daprx"

	"github.com/taskrocket/taskrocket/services/search/app"
	"github.com/taskrocket/taskrocket/services/search/domain"
)

// Owners reads what the owning services hold, through the sidecar, for a
// rebuild (their internal exports, contracts/search_internal.go).
type Owners struct {
	tasks, projects, collaboration, users daprx.Client
	now                                   func() time.Time
}

var _ app.Source = Owners{}

// NewOwners returns the reader of the apps of the given ids.
func NewOwners(sidecar daprx.Invoker, tasks, projects, collaboration, users string) Owners {
	return Owners{
		tasks: daprx.Client{Sidecar: sidecar, AppID: tasks}, projects: daprx.Client{Sidecar: sidecar, AppID: projects},
		collaboration: daprx.Client{Sidecar: sidecar, AppID: collaboration}, users: daprx.Client{Sidecar: sidecar, AppID: users},
		now: time.Now,
	}
}

func get(ctx context.Context, c daprx.Client, path, after string, out any) error {
	method := path
	if after != "" {
		method += "?after=" + url.QueryEscape(after)
	}
	a, err := c.Call(ctx, http.MethodGet, method, nil, out)
	if err != nil {
		return err
	}
	if a.Status != http.StatusOK {
		return c.Unexpected(path, a)
	}
	return nil
}

// Projects implements app.Source.
func (o Owners) Projects(ctx context.Context, after string) ([]domain.Project, string, error) {
	var page contracts.ProjectsExport
	if err := get(ctx, o.projects, contracts.ProjectsPathExport, after, &page); err != nil {
		return nil, "", err
	}
	out := make([]domain.Project, 0, len(page.Items))
	for _, p := range page.Items {
		out = append(out, domain.Project{ID: p.ID, Name: p.Name, Key: p.Key, Description: p.Description, Archived: p.Archived, Version: p.Version})
	}
	return out, page.Next, nil
}

// Labels implements app.Source; a label read now counts as of now
// (labels carry no version: an event of a later change wins).
func (o Owners) Labels(ctx context.Context, after string) ([]domain.Label, string, error) {
	var page contracts.LabelsExport
	at := o.now()
	if err := get(ctx, o.tasks, contracts.TasksPathExportLabels, after, &page); err != nil {
		return nil, "", err
	}
	out := make([]domain.Label, 0, len(page.Items))
	for _, l := range page.Items {
		kind := domain.KindTag
		if l.Kind == contracts.LabelCategory {
			kind = domain.KindCategory
		}
		out = append(out, domain.Label{ID: l.ID, ProjectID: l.ProjectID, Kind: kind, Name: l.Name, At: at})
	}
	return out, page.Next, nil
}

// Tasks implements app.Source.
func (o Owners) Tasks(ctx context.Context, after string) ([]domain.Task, string, error) {
	var page contracts.TasksExport
	if err := get(ctx, o.tasks, contracts.TasksPathExportTasks, after, &page); err != nil {
		return nil, "", err
	}
	out := make([]domain.Task, 0, len(page.Items))
	for _, t := range page.Items {
		out = append(out, domain.TaskFromContract(t))
	}
	return out, page.Next, nil
}

// Comments implements app.Source.
func (o Owners) Comments(ctx context.Context, taskIDs []string) ([]domain.Comment, error) {
	var out contracts.CommentsExport
	a, err := o.collaboration.Call(ctx, http.MethodPost, contracts.CollaborationPathExportComments,
		contracts.ExportCommentsRequest{TaskIDs: taskIDs}, &out)
	if err != nil {
		return nil, err
	}
	if a.Status != http.StatusOK {
		return nil, o.collaboration.Unexpected(contracts.CollaborationPathExportComments, a)
	}
	cs := make([]domain.Comment, 0, len(out.Items))
	for _, c := range out.Items {
		if c.TaskID == nil {
			continue
		}
		cs = append(cs, domain.Comment{ID: c.ID, TaskID: *c.TaskID, ProjectID: c.ProjectID, Body: c.Body, Version: c.Version})
	}
	return cs, nil
}

// Users implements app.Source; names read now count as of now.
func (o Owners) Users(ctx context.Context, ids []string) ([]domain.User, error) {
	var out contracts.UsersLookup
	at := o.now()
	a, err := o.users.Call(ctx, http.MethodPost, contracts.UsersPathLookup, contracts.UsersLookupRequest{IDs: ids}, &out)
	if err != nil {
		return nil, err
	}
	if a.Status != http.StatusOK {
		return nil, o.users.Unexpected(contracts.UsersPathLookup, a)
	}
	us := make([]domain.User, 0, len(out.Users))
	for _, u := range out.Users {
		us = append(us, domain.User{ID: u.ID, Username: u.Username, DisplayName: u.DisplayName, At: at})
	}
	return us, nil
}
