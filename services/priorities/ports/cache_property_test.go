package ports_test

import (
	"fmt"
	"math/rand/v2"
	"net/http"
	"slices"
	"testing"
	"time"

	"github.com/taskrocket/taskrocket/services/contracts"
)

// After every kind of task event, rule change and passage of time, the
// next-up answers (each asked twice, so the second comes from the cache)
// equal a fresh computation from the tasks service's truth.
func TestNextUpAlwaysEqualsAFreshComputation(t *testing.T) {
	t.Parallel()
	for seed := range uint64(4) {
		t.Run(fmt.Sprintf("seed-%d", seed), func(t *testing.T) {
			t.Parallel()
			checkRandomHistory(t, seed, 60)
		})
	}
}

func checkRandomHistory(t *testing.T, seed uint64, steps int) {
	e := newEnv(t)
	rng := rand.New(rand.NewPCG(seed, 42))
	users := []user{e.user(), e.user(), e.user()}
	projects := []string{e.project(users[0], users[1], users[2]), e.project(users[1], users[0])}
	owner := map[string]user{projects[0]: users[0], projects[1]: users[1]}
	levels := []string{"none", "low", "medium", "high", "urgent"}
	statuses := []string{contracts.TaskTodo, contracts.TaskInProgress, contracts.TaskDone}
	tagA := "01900000-0000-7000-8000-0000000000aa"
	ruleBodies := []string{
		urgentWhenDueSoon,
		`{"condition":{"kind":"overdue"},"effect":{"kind":"exactly","level":"high"}}`,
		`{"condition":{"kind":"no_due_date"},"effect":{"kind":"exactly","level":"low"}}`,
		`{"condition":{"kind":"tag_is","value":"` + tagA + `"},"effect":{"kind":"at_least","level":"medium"}}`,
		`{"condition":{"kind":"unassigned"},"effect":{"kind":"at_least","level":"high"}}`,
		`{"condition":{"kind":"idle_for","days":1},"effect":{"kind":"at_least","level":"urgent"}}`,
		`{"condition":{"kind":"status_is","value":"in_progress"},"effect":{"kind":"exactly","level":"none"}}`,
		`{"condition":{"kind":"assignee_is","value":"` + users[2].ID + `"},"effect":{"kind":"at_least","level":"high"}}`,
	}
	pick := func(n int) int { return rng.IntN(n) }
	randomTask := func(t contracts.Task) contracts.Task {
		t.Priority = levels[pick(len(levels))]
		t.Status = statuses[pick(len(statuses))]
		t.DueAt = nil
		if pick(3) > 0 {
			d := e.clock.Now().Add(time.Duration(pick(96)-24) * time.Hour)
			t.DueAt = &d
		}
		t.AssigneeIDs = []string{}
		for _, u := range users {
			if pick(2) == 0 {
				t.AssigneeIDs = append(t.AssigneeIDs, u.ID)
			}
		}
		t.TagIDs = []string{}
		if pick(2) == 0 {
			t.TagIDs = []string{tagA}
		}
		return t
	}
	var taskIDs []string
	rulesOf := map[string][]string{}
	for step := range steps {
		pid := projects[pick(len(projects))]
		switch op := pick(10); {
		case op < 3 || len(taskIDs) == 0: // create
			task := randomTask(newTask(pid, fmt.Sprintf("t%03d", step), "none", 0))
			e.save(users[pick(3)], task)
			taskIDs = append(taskIDs, task.ID)
		case op < 6: // update
			id := taskIDs[pick(len(taskIDs))]
			e.world.mu.Lock()
			cur, ok := e.world.tasks[id]
			e.world.mu.Unlock()
			if ok {
				e.save(users[pick(3)], randomTask(cur))
			}
		case op == 6: // delete
			i := pick(len(taskIDs))
			if cur, ok := e.world.remove(taskIDs[i]); ok {
				e.deliver(RouteTasksForTest, contracts.EventTaskDeleted, cur.ID, contracts.TaskDeleted{
					Actor: contracts.Actor{UserID: users[0].ID}, ProjectID: cur.ProjectID, TaskID: cur.ID, Title: cur.Title,
					AssigneeIDs: cur.AssigneeIDs, OccurredAt: e.clock.Now()})
			}
			taskIDs = slices.Delete(taskIDs, i, i+1)
		case op == 7: // a member removed from the task's assignees (task.unassigned only)
			id := taskIDs[pick(len(taskIDs))]
			e.world.mu.Lock()
			cur, ok := e.world.tasks[id]
			e.world.mu.Unlock()
			if ok && len(cur.AssigneeIDs) > 0 {
				uid := cur.AssigneeIDs[0]
				cur.AssigneeIDs = slices.Clone(cur.AssigneeIDs[1:])
				cur = e.world.put(cur)
				e.deliver(RouteTasksForTest, contracts.EventTaskUnassigned, cur.ID, contracts.TaskUnassigned{
					Actor: contracts.Actor{UserID: uid}, ProjectID: cur.ProjectID, TaskID: cur.ID, Title: cur.Title, UserID: uid,
					Reason: contracts.UnassignedMemberRemoved, OccurredAt: e.clock.Now()})
			}
		case op == 8: // a rule added or removed
			if rs := rulesOf[pid]; len(rs) > 0 && pick(2) == 0 {
				e.must(http.StatusNoContent, req{Method: http.MethodDelete, Path: "/api/v1/projects/" + pid + "/priority-rules/" + rs[0], Token: owner[pid].Token})
				rulesOf[pid] = rs[1:]
			} else {
				rulesOf[pid] = append(rulesOf[pid], e.rule(owner[pid], pid, ruleBodies[pick(len(ruleBodies))]))
			}
		default: // time passes; the scheduler runs
			e.clock.Advance(time.Duration(1+pick(20)) * time.Hour)
			if _, err := e.app.Reevaluate(t.Context(), 1000); err != nil {
				t.Fatal(err)
			}
		}
		rules := e.rules(projects...)
		for range 2 {
			for _, u := range users {
				if got, want := e.nextUp(u, ""), e.world.truth(rules, u.ID, ""); !slices.Equal(got, want) {
					t.Fatalf("step %d: next up of user %s\n got %v\nwant %v", step, u.ID, got, want)
				}
			}
			for _, p := range projects {
				if got, want := e.nextUp(owner[p], p), e.world.truth(rules, "", p); !slices.Equal(got, want) {
					t.Fatalf("step %d: next up of project %s\n got %v\nwant %v", step, p, got, want)
				}
			}
		}
	}
	if e.hits < steps {
		t.Fatalf("only %d answers of %d came from the cache", e.hits, steps*2*5)
	}
}
