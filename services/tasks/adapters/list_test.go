package adapters

import (
	"cmp"
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/taskrocket/taskrocket/services/platform/outbox"
	"github.com/taskrocket/taskrocket/services/platform/pgtest"

	"github.com/taskrocket/taskrocket/services/tasks/app"
	"github.com/taskrocket/taskrocket/services/tasks/domain"
)

var base = time.Date(2026, 11, 26, 9, 0, 0, 0, time.UTC)

func newID() string { return uuid.Must(uuid.NewV7()).String() }

// fixture is a store with a few hundred tasks whose sort keys collide a
// lot (few priorities, few due dates, shared timestamps), in two projects.
type fixture struct {
	store  *Store
	p1, p2 string
	user   string
	tag    string
	cat    string
	tasks  []domain.Task // every task, both projects
}

func newFixture(t *testing.T, n int) *fixture {
	t.Helper()
	db := pgtest.NewDB(t, outbox.Migrations(), Migrations())
	f := &fixture{store: NewStore(db), p1: newID(), p2: newID(), user: newID(), tag: newID(), cat: newID()}
	ctx := context.Background()
	rng := rand.New(rand.NewPCG(7, 11))
	titles := []string{"Fix 100% of bugs", "Write_docs", `Back\slash`, "Review the release", "plan sprint"}
	err := f.store.InTx(ctx, func(tx app.Tx) error {
		for _, l := range []domain.Label{
			{Kind: domain.Tag, ID: f.tag, ProjectID: f.p1, Name: "t", Color: "#000000", CreatedBy: f.user, CreatedAt: base, UpdatedAt: base},
			{Kind: domain.Category, ID: f.cat, ProjectID: f.p1, Name: "c", Color: "#000000", CreatedBy: f.user, CreatedAt: base, UpdatedAt: base},
		} {
			if err := tx.InsertLabel(ctx, l); err != nil {
				return err
			}
		}
		for i := range n {
			project := f.p1
			if i%10 == 9 {
				project = f.p2
			}
			task := domain.Task{
				ID: newID(), ProjectID: project, Title: fmt.Sprintf("%s %d", titles[rng.IntN(len(titles))], i),
				Status: domain.Statuses[rng.IntN(3)], Priority: domain.Priority(rng.IntN(5)),
				Position: fmt.Sprintf("a%c", "0123456789ABCDEFGHIJ"[rng.IntN(20)]), Version: 1, CreatedBy: f.user,
				CreatedAt: base.Add(time.Duration(rng.IntN(20)) * time.Minute), UpdatedAt: base.Add(time.Duration(rng.IntN(20)) * time.Minute),
				AssigneeIDs: []string{}, TagIDs: []string{},
			}
			if rng.IntN(4) > 0 {
				due := base.Add(time.Duration(rng.IntN(6)-3) * 24 * time.Hour)
				task.DueAt = &due
			}
			if task.Status == domain.StatusDone {
				task.DoneAt = &base
			}
			if project == f.p1 && rng.IntN(3) == 0 {
				task.AssigneeIDs = []string{f.user}
			}
			if project == f.p1 && rng.IntN(4) == 0 {
				task.TagIDs, task.CategoryID = []string{f.tag}, f.cat
			}
			if project == f.p1 && i > 0 && rng.IntN(5) == 0 && f.tasks[i-1].ProjectID == f.p1 {
				task.ParentID = f.tasks[i-1].ID
			}
			if err := tx.InsertTask(ctx, task); err != nil {
				return err
			}
			f.tasks = append(f.tasks, task)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return f
}

// reference sorts tasks as the list must, in Go.
func reference(tasks []domain.Task, s domain.Sort, o domain.Order) []string {
	out := slices.Clone(tasks)
	due := func(t domain.Task) time.Time {
		if t.DueAt == nil {
			return time.Date(9999, 1, 1, 0, 0, 0, 0, time.UTC)
		}
		return *t.DueAt
	}
	slices.SortFunc(out, func(a, b domain.Task) int {
		var c int
		switch s {
		case domain.SortPriority:
			c = cmp.Or(cmp.Compare(b.Priority, a.Priority), due(a).Compare(due(b)))
		case domain.SortEffective:
			c = cmp.Or(cmp.Compare(b.Effective(), a.Effective()), due(a).Compare(due(b)))
		case domain.SortDue:
			c = due(a).Compare(due(b))
		case domain.SortCreated:
			c = a.CreatedAt.Compare(b.CreatedAt)
		case domain.SortUpdated:
			c = a.UpdatedAt.Compare(b.UpdatedAt)
		case domain.SortPosition:
			c = strings.Compare(a.Position, b.Position)
		}
		c = cmp.Or(c, strings.Compare(a.ID, b.ID))
		if domain.Reversed(s, o) {
			c = -c
		}
		return c
	})
	ids := make([]string, len(out))
	for i, t := range out {
		ids[i] = t.ID
	}
	return ids
}

// walk reads every page of q and returns the ids in order.
func walk(t *testing.T, s *Store, q domain.TaskQuery, between func()) []string {
	t.Helper()
	var ids []string
	for pages := 0; ; pages++ {
		page, err := s.Tasks(context.Background(), q)
		if err != nil {
			t.Fatal(err)
		}
		if len(page.Items) > q.Limit || pages > 1000 {
			t.Fatalf("page of %d items", len(page.Items))
		}
		for _, it := range page.Items {
			ids = append(ids, it.ID)
		}
		if page.Next == nil {
			return ids
		}
		q.After = page.Next
		if between != nil {
			between()
		}
	}
}

func TestEverySortPagesThroughTheWholeProjectInOrder(t *testing.T) {
	t.Parallel()
	f := newFixture(t, 300)
	var p1 []domain.Task
	for _, tk := range f.tasks {
		if tk.ProjectID == f.p1 {
			p1 = append(p1, tk)
		}
	}
	for _, s := range domain.Sorts {
		for _, o := range []domain.Order{domain.Asc, domain.Desc} {
			t.Run(fmt.Sprintf("%s-%s", s, o), func(t *testing.T) {
				got := walk(t, f.store, domain.TaskQuery{Filter: domain.TaskFilter{ProjectIDs: []string{f.p1}}, Sort: s, Order: o, Limit: 7}, nil)
				if want := reference(p1, s, o); !slices.Equal(got, want) {
					t.Fatalf("order differs from the reference (%d vs %d items)", len(got), len(want))
				}
			})
		}
	}
}

// Tasks created while a client pages never make it skip or repeat one of
// the tasks that were there when it started.
func TestPagingIsStableUnderConcurrentInserts(t *testing.T) {
	t.Parallel()
	f := newFixture(t, 200)
	ctx := context.Background()
	before := map[string]bool{}
	for _, tk := range f.tasks {
		if tk.ProjectID == f.p1 {
			before[tk.ID] = true
		}
	}
	rng := rand.New(rand.NewPCG(3, 4))
	var mu sync.Mutex
	insert := func() {
		mu.Lock()
		defer mu.Unlock()
		for range 5 {
			due := base.Add(time.Duration(rng.IntN(6)-3) * 24 * time.Hour)
			tk := domain.Task{ID: newID(), ProjectID: f.p1, Title: "late", Status: domain.StatusTodo, Priority: domain.Priority(rng.IntN(5)),
				DueAt: &due, Position: "a5", Version: 1, CreatedBy: f.user, CreatedAt: base, UpdatedAt: base}
			if err := f.store.InTx(ctx, func(tx app.Tx) error { return tx.InsertTask(ctx, tk) }); err != nil {
				t.Error(err)
			}
		}
	}
	for _, s := range []domain.Sort{domain.SortPriority, domain.SortDue, domain.SortPosition} {
		got := walk(t, f.store, domain.TaskQuery{Filter: domain.TaskFilter{ProjectIDs: []string{f.p1}}, Sort: s, Order: domain.DefaultOrder(s), Limit: 10}, insert)
		seen := map[string]int{}
		for _, id := range got {
			seen[id]++
			if seen[id] > 1 {
				t.Fatalf("%s: task %s listed twice", s, id)
			}
		}
		for id := range before {
			if seen[id] != 1 {
				t.Fatalf("%s: task %s skipped", s, id)
			}
		}
	}
}

func TestFiltersAndCountsMatchTheReference(t *testing.T) {
	t.Parallel()
	f := newFixture(t, 300)
	now := base
	before, after := base.Add(24*time.Hour), base.Add(-24*time.Hour)
	yes, no := true, false
	tests := []struct {
		name   string
		filter domain.TaskFilter
		keep   func(domain.Task) bool
	}{
		{"both-projects", domain.TaskFilter{ProjectIDs: []string{f.p1, f.p2}}, func(domain.Task) bool { return true }},
		{"statuses", domain.TaskFilter{Statuses: []domain.Status{domain.StatusTodo, domain.StatusDone}},
			func(t domain.Task) bool { return t.Status != domain.StatusInProgress }},
		{"assignee", domain.TaskFilter{AssigneeID: f.user}, func(t domain.Task) bool { return len(t.AssigneeIDs) > 0 }},
		{"tag", domain.TaskFilter{TagID: f.tag}, func(t domain.Task) bool { return len(t.TagIDs) > 0 }},
		{"category", domain.TaskFilter{CategoryID: f.cat}, func(t domain.Task) bool { return t.CategoryID != "" }},
		{"priorities", domain.TaskFilter{Priorities: []domain.Priority{domain.PriorityUrgent, domain.PriorityNone}},
			func(t domain.Task) bool {
				return t.Priority == domain.PriorityUrgent || t.Priority == domain.PriorityNone
			}},
		{"due-window", domain.TaskFilter{DueBefore: &before, DueAfter: &after},
			func(t domain.Task) bool { return t.DueAt != nil && t.DueAt.Before(before) && !t.DueAt.Before(after) }},
		{"overdue", domain.TaskFilter{Overdue: &yes}, func(t domain.Task) bool {
			return t.DueAt != nil && t.DueAt.Before(now) && t.Status != domain.StatusDone
		}},
		{"not-overdue", domain.TaskFilter{Overdue: &no}, func(t domain.Task) bool {
			return !(t.DueAt != nil && t.DueAt.Before(now) && t.Status != domain.StatusDone)
		}},
		{"text-with-percent", domain.TaskFilter{Text: "100%"}, func(t domain.Task) bool { return strings.Contains(t.Title, "100%") }},
		{"text-with-underscore", domain.TaskFilter{Text: "e_d"}, func(t domain.Task) bool { return strings.Contains(t.Title, "e_d") }},
		{"text-with-backslash", domain.TaskFilter{Text: `k\s`}, func(t domain.Task) bool { return strings.Contains(t.Title, `k\s`) }},
		{"text-ignores-case", domain.TaskFilter{Text: "PLAN"}, func(t domain.Task) bool { return strings.Contains(t.Title, "plan") }},
		{"top-level", domain.TaskFilter{TopLevel: true}, func(t domain.Task) bool { return t.ParentID == "" }},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			filter := tc.filter
			if filter.ProjectIDs == nil {
				filter.ProjectIDs = []string{f.p1}
			}
			filter.Now = now
			var want []domain.Task
			wantCounts := map[domain.Status]int64{}
			for _, tk := range f.tasks {
				if slices.Contains(filter.ProjectIDs, tk.ProjectID) && tc.keep(tk) {
					want = append(want, tk)
				}
			}
			for _, tk := range want {
				wantCounts[tk.Status]++
			}
			if len(want) == 0 {
				t.Fatal("the fixture has no task for this filter")
			}
			got := walk(t, f.store, domain.TaskQuery{Filter: filter, Sort: domain.SortPriority, Order: domain.Desc, Limit: 50}, nil)
			if !slices.Equal(got, reference(want, domain.SortPriority, domain.Desc)) {
				t.Fatalf("%d tasks listed, want %d", len(got), len(want))
			}
			// Counts ignore the status filter.
			filter.Statuses = []domain.Status{domain.StatusInProgress}
			page, err := f.store.Tasks(context.Background(), domain.TaskQuery{Filter: filter, Sort: domain.SortDue, Order: domain.Asc, Limit: 1, Counts: true})
			if err != nil {
				t.Fatal(err)
			}
			for _, st := range domain.Statuses {
				if tc.filter.Statuses == nil && page.Counts[st] != wantCounts[st] {
					t.Fatalf("count of %s = %d, want %d", st, page.Counts[st], wantCounts[st])
				}
			}
		})
	}
}
