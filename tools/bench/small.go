package main

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"sync/atomic"
	"time"

	"github.com/taskrocket/taskrocket/tools/launcher/stack"
)

// smallProject is the project of the usual size (-small-tasks, default
// 1,000, with -teammates members besides the owner), where per-request
// overhead rather than the query decides: the list-first-page-1k and
// ui-mix scenarios use it. versions holds the version each task was last
// seen at, so that edits send the If-Match the UI sends.
type smallProject struct {
	id       string
	members  int
	tasks    []string
	versions []atomic.Int64
	seedTook time.Duration
}

// setUpSmall creates the project through the API, signs up its members
// and adds them, seeds its tasks and reads their ids back.
func (fx *fixture) setUpSmall(ctx context.Context, cfg config, st *stack.Stack, say func(string, ...any)) error {
	gw := st.URL("gateway")
	var project struct {
		ID string `json:"id"`
	}
	if err := fx.c.call(ctx, http.MethodPost, gw+"/api/v1/projects", map[string]string{"name": "Team board", "key": "TEAM"},
		&project, http.StatusCreated); err != nil {
		return fmt.Errorf("create the team project: %w", err)
	}
	sp := &smallProject{id: project.ID, members: 1 + cfg.Teammates}
	for i := range cfg.Teammates {
		id, err := signUp(ctx, gw, fmt.Sprintf("Teammate %d", i+1))
		if err != nil {
			return err
		}
		body := map[string]string{"userId": id, "role": "participant"}
		if err := fx.c.call(ctx, http.MethodPost, gw+"/api/v1/projects/"+sp.id+"/members", body, nil, http.StatusCreated); err != nil {
			return fmt.Errorf("add a teammate: %w", err)
		}
	}
	say("seeding %d tasks into the team project (%d members)", cfg.SmallTasks, sp.members)
	began := time.Now()
	if err := seed(ctx, st.DatabaseURL("taskrocket_tasks"), sp.id, fx.userID, cfg.SmallTasks); err != nil {
		return fmt.Errorf("seed the team project: %w", err)
	}
	sp.seedTook = time.Since(began)
	if err := sp.readTasks(ctx, fx.c, st.URL("tasks")); err != nil {
		return err
	}
	if len(sp.tasks) != cfg.SmallTasks {
		return fmt.Errorf("the team project lists %d tasks, want %d", len(sp.tasks), cfg.SmallTasks)
	}
	fx.small = sp
	return nil
}

// readTasks walks the project's tasks (directly, 200 a page).
func (sp *smallProject) readTasks(ctx context.Context, c *client, direct string) error {
	cursor := ""
	for {
		q := url.Values{"limit": {"200"}}
		if cursor != "" {
			q.Set("cursor", cursor)
		}
		var p taskPage
		if err := c.call(ctx, http.MethodGet, direct+"/api/v1/projects/"+sp.id+"/tasks?"+q.Encode(), nil, &p, http.StatusOK); err != nil {
			return fmt.Errorf("read the team project's tasks: %w", err)
		}
		for _, it := range p.Items {
			sp.tasks = append(sp.tasks, it.ID)
		}
		if p.NextCursor == "" {
			break
		}
		cursor = p.NextCursor
	}
	sp.versions = make([]atomic.Int64, len(sp.tasks))
	for i := range sp.versions {
		sp.versions[i].Store(1)
	}
	return nil
}

// signUp creates an account through the gateway and returns its id.
func signUp(ctx context.Context, gw, name string) (string, error) {
	suffix := randomHex(4)
	user := map[string]string{
		"email": "member-" + suffix + "@example.com", "username": "member_" + suffix,
		"displayName": name, "password": "Bench-" + randomHex(12),
	}
	var out struct {
		User struct {
			ID string `json:"id"`
		} `json:"user"`
	}
	if err := newClient(1).call(ctx, http.MethodPost, gw+"/api/v1/users", user, &out, http.StatusCreated); err != nil {
		return "", fmt.Errorf("sign up %s: %w", name, err)
	}
	if out.User.ID == "" {
		return "", fmt.Errorf("sign up %s: no user id in the answer", name)
	}
	return out.User.ID, nil
}
