package e2e

import (
	"fmt"
	"net/http"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// The activity log through the gateway: every event becomes one entry,
// readable per project (members only), per task and per person.

// acWalk reads every page of an activity list.
func acWalk(t *testing.T, p person, path string) []map[string]any {
	t.Helper()
	return flowWalk(t, p, path+"?limit=100")
}

// acFind returns the entries of an action about a target.
func acFind(entries []map[string]any, action, targetID string) []map[string]any {
	var out []map[string]any
	for _, e := range entries {
		tg, _ := e["target"].(map[string]any)
		if e["action"] == action && (targetID == "" || tg["id"] == targetID) {
			out = append(out, e)
		}
	}
	return out
}

func TestActivityThroughTheGateway(t *testing.T) {
	t.Parallel()
	owner, part, outsider := newPerson(t, "acowner"), newPerson(t, "acpart"), newPerson(t, "acout")
	pid := newProject(t, owner, "Activity")
	addParticipant(t, owner, pid, part)
	tid := newTask(t, owner, pid, map[string]any{"title": "Before", "dueAt": "2030-01-01T09:00:00Z"})["id"].(string)
	expect(t, "edit", part.call(t, http.MethodPatch, "/api/v1/tasks/"+tid, `{"title":"After","dueAt":null}`), http.StatusOK, "")
	expect(t, "status", part.call(t, http.MethodPatch, "/api/v1/tasks/"+tid, `{"status":"done"}`), http.StatusOK, "")
	expect(t, "rename project", owner.call(t, http.MethodPatch, "/api/v1/projects/"+pid, `{"name":"Activity 2"}`), http.StatusOK, "")
	cid := cmPost(t, part, "/api/v1/tasks/"+tid+"/comments", "Done!")["id"].(string)

	var history []map[string]any
	// The suite's bursts (thousands of events, here and in the notification
	// tests) go through the audit app too: these events may queue behind them.
	eventually(t, 90*time.Second, "the task's history", func() bool {
		history = acWalk(t, owner, "/api/v1/tasks/"+tid+"/activity")
		// Every event of the test, which may arrive in any order.
		return len(acFind(history, "comment.created", cid)) == 1 && len(acFind(history, "task.status_changed", tid)) == 1 &&
			len(acFind(history, "task.updated", tid)) == 1
	})
	updated := acFind(history, "task.updated", tid)
	if len(updated) < 1 {
		t.Fatalf("no task.updated entry in %v", history)
	}
	changes := map[string]string{}
	for _, c := range flowObjects(t, updated[len(updated)-1]["changes"]) {
		changes[c["field"].(string)] = fmt.Sprintf("%v -> %v", c["old"], c["new"])
	}
	if changes["title"] != "Before -> After" || changes["dueAt"] != "2030-01-01T09:00:00Z -> <nil>" {
		t.Fatalf("the edit's changes %v", changes)
	}
	if history[0]["action"] != "comment.created" || history[0]["actorId"] != part.ID {
		t.Fatalf("newest first: %v", history[0])
	}

	var project []map[string]any
	eventually(t, 90*time.Second, "the project's activity", func() bool {
		project = acWalk(t, part, "/api/v1/projects/"+pid+"/activity")
		return len(acFind(project, "project.updated", pid)) == 1
	})
	renamed := flowObjects(t, acFind(project, "project.updated", pid)[0]["changes"])
	if len(renamed) != 1 || renamed[0]["old"] != "Activity" || renamed[0]["new"] != "Activity 2" {
		t.Fatalf("rename %v", renamed)
	}
	for _, a := range []string{"project.created", "project.member_added", "task.created"} {
		if len(acFind(project, a, "")) == 0 {
			t.Errorf("no %s entry in the project's activity", a)
		}
	}
	mine := acWalk(t, part, "/api/v1/me/activity")
	for _, e := range mine {
		if e["actorId"] != part.ID {
			t.Fatalf("someone else's action in my activity: %v", e)
		}
	}
	if len(acFind(mine, "task.updated", tid)) == 0 {
		t.Fatalf("my own edit is missing from my activity: %v", mine)
	}

	expect(t, "outsider project", outsider.call(t, http.MethodGet, "/api/v1/projects/"+pid+"/activity", ""), http.StatusNotFound, "project_not_found")
	expect(t, "outsider task", outsider.call(t, http.MethodGet, "/api/v1/tasks/"+tid+"/activity", ""), http.StatusNotFound, "task_not_found")
	expect(t, "bad limit", owner.call(t, http.MethodGet, "/api/v1/me/activity?limit=0", ""), http.StatusBadRequest, "invalid_query")
	expect(t, "bad cursor", owner.call(t, http.MethodGet, "/api/v1/me/activity?cursor=abc", ""), http.StatusBadRequest, "invalid_cursor")
	expect(t, "unknown parameter", owner.call(t, http.MethodGet, "/api/v1/projects/"+pid+"/activity?sort=x", ""), http.StatusBadRequest, "invalid_query")
}

// Entries live as long as the retention period (the state's TTL): with a
// short one they disappear. Not parallel: it restarts the audit app.
func TestActivityEntriesExpire(t *testing.T) {
	if err := suite.Kill("audit"); err != nil {
		t.Fatal(err)
	}
	if err := suite.Restart(t.Context(), "audit", map[string]string{"AUDIT_RETENTION": "4s"}); err != nil {
		t.Fatal(err)
	}
	defer func() {
		if err := suite.Kill("audit"); err != nil {
			t.Error(err)
		}
		if err := suite.Restart(t.Context(), "audit", map[string]string{"AUDIT_RETENTION": "2160h"}); err != nil {
			t.Error(err)
		}
	}()
	owner := newPerson(t, "acttl")
	pid := newProject(t, owner, "Short-lived")
	path := "/api/v1/projects/" + pid + "/activity"
	eventually(t, 60*time.Second, "the project's creation in its activity", func() bool {
		return len(acFind(acWalk(t, owner, path), "project.created", pid)) == 1
	})
	eventually(t, 30*time.Second, "the entry to expire", func() bool {
		return len(acWalk(t, owner, path)) == 0
	})
}

// Nothing is lost: a burst of events while the audit app and its sidecar
// are killed and restarted still makes exactly one entry per event. Not
// parallel: it kills the audit app.
func TestActivityLosesNothingWhenAuditIsKilled(t *testing.T) {
	const projects, perProject = 4, 520 // 2,080 task.created events
	type fixture struct {
		owner person
		pid   string
	}
	fx := make([]fixture, projects)
	for i := range fx {
		fx[i].owner = newPerson(t, fmt.Sprintf("acburst%d", i))
		fx[i].pid = newProject(t, fx[i].owner, fmt.Sprintf("Burst %d", i))
	}
	var created atomic.Int64
	ids := make([][]string, projects)
	var wg sync.WaitGroup
	var mu sync.Mutex
	for i := range fx {
		for w := range 4 {
			wg.Go(func() {
				for n := w; n < perProject; n += 4 {
					r := fx[i].owner.call(t, http.MethodPost, "/api/v1/projects/"+fx[i].pid+"/tasks",
						jsonBody(t, map[string]any{"title": fmt.Sprintf("burst %d", n)}))
					if r.Status != http.StatusCreated {
						t.Errorf("create: %d %s", r.Status, r.Body)
						return
					}
					mu.Lock()
					ids[i] = append(ids[i], r.str(t, "id"))
					mu.Unlock()
					created.Add(1)
				}
			})
		}
	}
	eventually(t, 60*time.Second, "the burst to be under way", func() bool { return created.Load() >= 300 })
	if err := suite.KillWithSidecar("audit"); err != nil {
		t.Fatal(err)
	}
	t.Logf("killed the audit app and its sidecar after %d of %d tasks", created.Load(), projects*perProject)
	time.Sleep(2 * time.Second)
	if err := suite.Restart(t.Context(), "audit", nil); err != nil {
		t.Fatal(err)
	}
	t.Logf("audit back after %d tasks", created.Load())
	wg.Wait()
	if t.Failed() {
		return
	}
	for i := range fx {
		path := "/api/v1/projects/" + fx[i].pid + "/activity"
		var entries []map[string]any
		eventually(t, 4*time.Minute, fmt.Sprintf("an entry for each of project %d's %d tasks", i, perProject), func() bool {
			entries = acWalk(t, fx[i].owner, path)
			return len(acFind(entries, "task.created", "")) >= perProject
		})
		seen := map[string]int{}
		for _, e := range entries {
			seen[e["id"].(string)]++
		}
		for id, n := range seen {
			if n != 1 {
				t.Errorf("event %s has %d entries", id, n)
			}
		}
		byTask := map[string]int{}
		for _, e := range acFind(entries, "task.created", "") {
			byTask[e["target"].(map[string]any)["id"].(string)]++
		}
		for _, id := range ids[i] {
			if byTask[id] != 1 {
				t.Errorf("task %s has %d task.created entries", id, byTask[id])
			}
		}
		if len(byTask) != perProject {
			t.Errorf("project %d: %d task.created entries for %d tasks", i, len(byTask), perProject)
		}
	}
}
