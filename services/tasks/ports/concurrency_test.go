package ports_test

import (
	"fmt"
	"net/http"
	"sync"
	"testing"
)

// Two edits racing to make each task the other's parent: the project's
// tree lock lets one through and the other sees the cycle.
func TestConcurrentReparentingNeverFormsACycle(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	owner := e.user()
	pid := e.projects.project(owner.ID)
	for round := range 10 {
		a := e.createTask(owner, pid, map[string]any{"title": fmt.Sprintf("A%d", round)})
		b := e.createTask(owner, pid, map[string]any{"title": fmt.Sprintf("B%d", round)})
		statuses := make([]int, 2)
		var wg sync.WaitGroup
		for i, pair := range [][2]string{{a.ID, b.ID}, {b.ID, a.ID}} {
			wg.Go(func() {
				res := e.do(req{Method: "PATCH", Path: "/api/v1/tasks/" + pair[0], Token: owner.Token, Body: map[string]any{"parentId": pair[1]}})
				statuses[i] = res.Status
			})
		}
		wg.Wait()
		ok := 0
		for _, s := range statuses {
			switch s {
			case http.StatusOK:
				ok++
			case http.StatusBadRequest:
			default:
				t.Fatalf("round %d: status %d", round, s)
			}
		}
		if ok != 1 {
			t.Fatalf("round %d: %d of two opposite re-parentings succeeded", round, ok)
		}
	}
}

// Tasks created at the same moment in one project all get a place in the
// manual order, each listed once.
func TestConcurrentCreatesAllLandInTheManualOrder(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	owner := e.user()
	pid := e.projects.project(owner.ID)
	const n = 40
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() {
			res := e.do(req{Method: "POST", Path: "/api/v1/projects/" + pid + "/tasks", Token: owner.Token, Body: map[string]any{"title": fmt.Sprintf("T%d", i)}})
			if res.Status != http.StatusCreated {
				t.Errorf("create %d: %d %s", i, res.Status, res.Body)
			}
		})
	}
	wg.Wait()
	seen := map[string]bool{}
	for _, it := range e.list(owner, "/api/v1/projects/"+pid+"/tasks?sort=position&limit=200").Items {
		if seen[it.ID] {
			t.Fatalf("%s listed twice", it.ID)
		}
		seen[it.ID] = true
	}
	if len(seen) != n {
		t.Fatalf("%d tasks listed, want %d", len(seen), n)
	}
}
