package e2e

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"gorm.io/driver/postgres"
	"gorm.io/gorm"
	"gorm.io/gorm/logger"

	"github.com/taskrocket/taskrocket/tools/launcher/stack"
)

// checkFaultWrites checks, once the load has stopped, that every write
// answered 2xx is there and every event it caused was applied exactly
// once: projects and tasks exist, the tasks of deleted projects are gone
// (project.deleted), a participant removed while assigned is unassigned
// (project.member_removed), an address invited before it signed up sees
// its invitation once (user.registered), and every outbox is drained. It
// returns a summary of what was checked.
func checkFaultWrites(t *testing.T, fs *stack.Stack, load *faultLoad) string {
	t.Helper()
	dbs := map[string]*gorm.DB{}
	for _, name := range []string{"users", "projects", "tasks", "invitations"} {
		db, err := gorm.Open(postgres.Open(fs.DatabaseURL("taskrocket_"+name)), &gorm.Config{Logger: logger.Discard})
		if err != nil {
			t.Fatalf("open %s: %v", name, err)
		}
		if sqlDB, err := db.DB(); err == nil {
			t.Cleanup(func() { _ = sqlDB.Close() })
		}
		dbs[name] = db
	}
	ids := func(db *gorm.DB, query string) map[string]bool {
		var rows []string
		if err := db.Raw(query).Scan(&rows).Error; err != nil {
			t.Fatalf("%s: %v", query, err)
		}
		out := map[string]bool{}
		for _, r := range rows {
			out[r] = true
		}
		return out
	}
	load.mu.Lock()
	defer load.mu.Unlock()
	var problems []string
	deadline := time.Now().Add(90 * time.Second)
	for {
		problems = nil
		projects := ids(dbs["projects"], `SELECT id::text FROM projects`)
		for p := range load.projects {
			if !projects[p] {
				problems = append(problems, "project "+p+" created (201) is missing")
			}
		}
		for p := range load.deleted {
			if projects[p] {
				problems = append(problems, "project "+p+" deleted (204) is still there")
			}
		}
		tasks := ids(dbs["tasks"], `SELECT id::text FROM tasks`)
		for task, p := range load.tasks {
			switch {
			case load.deleted[p] && tasks[task]:
				problems = append(problems, "task "+task+" of deleted project "+p+" is still there (project.deleted not applied)")
			case !load.deleted[p] && !tasks[task]:
				problems = append(problems, "task "+task+" created (201) is missing")
			}
		}
		assigned := ids(dbs["tasks"], `SELECT task_id::text || '/' || user_id::text FROM task_assignees`)
		for task, u := range load.removed {
			if assigned[task+"/"+u] {
				problems = append(problems, "task "+task+" still assigned to removed member "+u+" (project.member_removed not applied)")
			}
		}
		for email, p := range load.invited {
			n, err := invitationsFor(fs, load.accounts[email], p)
			if err != nil || n != 1 {
				problems = append(problems, fmt.Sprintf("%s sees %d invitations to project %s, want 1 (user.registered) %v", email, n, p, err))
			}
		}
		for name, db := range dbs {
			var pending int64
			_ = db.Raw(`SELECT count(*) FROM outbox_events WHERE published_at IS NULL`).Scan(&pending).Error
			if pending > 0 {
				problems = append(problems, fmt.Sprintf("%s: %d events never published", name, pending))
			}
		}
		if len(problems) == 0 || time.Now().After(deadline) {
			break
		}
		time.Sleep(2 * time.Second)
	}
	if len(problems) > 0 {
		t.Fatalf("after the faults (%d problems):\n%s", len(problems), strings.Join(problems[:min(len(problems), 20)], "\n"))
	}
	return fmt.Sprintf("checked %d projects, %d deleted projects, %d tasks, %d removed assignments, %d invitations by email",
		len(load.projects), len(load.deleted), len(load.tasks), len(load.removed), len(load.invited))
}

// invitationsFor counts the invitations to project among the ones the
// account with token sees.
func invitationsFor(fs *stack.Stack, token, project string) (int, error) {
	l := newFaultLoad(fs.URL("gateway"))
	var res struct {
		Items []struct {
			ProjectID string `json:"projectId"`
		} `json:"items"`
	}
	if err := l.send(context.Background(), token, http.MethodGet, "/invitations?limit=100", nil, &res, http.StatusOK); err != nil {
		return 0, err
	}
	n := 0
	for _, it := range res.Items {
		if it.ProjectID == project {
			n++
		}
	}
	return n, nil
}
