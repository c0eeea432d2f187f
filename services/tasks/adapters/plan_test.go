package adapters

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"gorm.io/gorm"

	"github.com/taskrocket/taskrocket/services/platform/outbox"
	"github.com/taskrocket/taskrocket/services/platform/pgtest"

	"github.com/taskrocket/taskrocket/services/tasks/domain"
)

// seedTasks inserts n tasks into a project with one statement (priorities,
// statuses and due dates spread like real use, 20% without a due date)
// and refreshes the planner's statistics.
func seedTasks(t testing.TB, db *gorm.DB, projectID, userID string, n int) {
	t.Helper()
	err := db.Exec(`
		INSERT INTO tasks (id, project_id, title, status, priority, due_at, position, done_at, version, created_by, created_at, updated_at)
		SELECT gen_random_uuid(), ?, 'Task ' || i, s.status, (i::bigint * 7919) % 5,
			CASE WHEN i % 5 = 0 THEN NULL ELSE timestamptz '2026-11-26 00:00Z' + ((i::bigint * 104729) % 3600) * interval '1 hour' END,
			'd' || lpad(to_hex(i), 6, '0') || 'V', CASE WHEN s.status = 'done' THEN now() END,
			1, ?, now() - i * interval '1 second', now() - i * interval '1 second'
		FROM generate_series(1, ?) AS i
		CROSS JOIN LATERAL (SELECT (ARRAY['todo', 'in_progress', 'done'])[1 + (i * 31) % 3] AS status) AS s`,
		projectID, userID, n).Error
	if err != nil {
		t.Fatal(err)
	}
	if err := db.Exec(`ANALYZE tasks`).Error; err != nil {
		t.Fatal(err)
	}
}

// planNode is the part of EXPLAIN (FORMAT JSON) the checks read.
type planNode struct {
	NodeType  string     `json:"Node Type"`
	IndexName string     `json:"Index Name"`
	Plans     []planNode `json:"Plans"`
}

func explain(t testing.TB, db *gorm.DB, options string, q domain.TaskQuery) string {
	t.Helper()
	query, args := pageSQL(q)
	var out []string
	if err := db.Raw("EXPLAIN ("+options+") "+query, args...).Scan(&out).Error; err != nil {
		t.Fatal(err)
	}
	return strings.Join(out, "\n")
}

// Each sort of a project's list reads its own index in order and stops
// after one page: no sort step, whatever the page. (A plan check, not a
// timing: timings are for the benchmark below.)
func TestEverySortOfAProjectListReadsItsIndexInOrder(t *testing.T) {
	t.Parallel()
	db := pgtest.NewDB(t, outbox.Migrations(), Migrations())
	p1, user := newID(), newID()
	seedTasks(t, db, p1, user, 20_000)
	seedTasks(t, db, newID(), user, 5_000)
	store := NewStore(db)
	for _, s := range domain.Sorts {
		for _, o := range []domain.Order{domain.Asc, domain.Desc} {
			t.Run(fmt.Sprintf("%s-%s", s, o), func(t *testing.T) {
				q := domain.TaskQuery{Filter: domain.TaskFilter{ProjectIDs: []string{p1}}, Sort: s, Order: o, Limit: 50}
				first, err := store.Tasks(context.Background(), q)
				if err != nil || first.Next == nil {
					t.Fatalf("first page: %v", err)
				}
				for _, page := range []*domain.TaskCursor{nil, first.Next} {
					q.After = page
					var plans []struct{ Plan planNode }
					if err := json.Unmarshal([]byte(explain(t, db, "FORMAT JSON", q)), &plans); err != nil {
						t.Fatal(err)
					}
					top := plans[0].Plan
					if top.NodeType != "Limit" || len(top.Plans) != 1 {
						t.Fatalf("plan starts with %s", top.NodeType)
					}
					scan := top.Plans[0]
					if !strings.HasPrefix(scan.NodeType, "Index Scan") || scan.IndexName != "tasks_by_"+string(s) {
						t.Fatalf("page reads %s %q, want an index scan of tasks_by_%s", scan.NodeType, scan.IndexName, s)
					}
				}
			})
		}
	}
}

// A title search starts from the trigram index, whatever the sort.
func TestATitleSearchReadsTheTrigramIndex(t *testing.T) {
	t.Parallel()
	db := pgtest.NewDB(t, outbox.Migrations(), Migrations())
	p1 := newID()
	seedTasks(t, db, p1, newID(), 20_000)
	for _, s := range domain.Sorts {
		q := domain.TaskQuery{Filter: domain.TaskFilter{ProjectIDs: []string{p1}, Text: "task 1234"}, Sort: s, Order: domain.DefaultOrder(s), Limit: 50}
		if plan := explain(t, db, "FORMAT JSON", q); !strings.Contains(plan, `"tasks_title_trgm"`) || strings.Contains(plan, `"tasks_by_`) {
			t.Errorf("%s: the search does not start from the trigram index:\n%s", s, plan)
		}
	}
}

// BenchmarkProjectList100k reads pages of a 100,000-task project sorted by
// priority (the list the product's latency target is about) and logs the
// plans with their timings:
//
//	go test -run '^$' -bench ProjectList100k -benchtime 500x -v ./adapters/
func BenchmarkProjectList100k(b *testing.B) {
	db := pgtest.NewDB(b, outbox.Migrations(), Migrations())
	project, user := newID(), newID()
	seedTasks(b, db, project, user, 100_000)
	seedTasks(b, db, newID(), user, 20_000)
	store := NewStore(db)
	ctx := context.Background()
	q := domain.TaskQuery{Filter: domain.TaskFilter{ProjectIDs: []string{project}}, Sort: domain.SortPriority, Order: domain.Desc, Limit: 50}
	deep := q
	for range 1000 { // the middle of the project
		page, err := store.Tasks(ctx, deep)
		if err != nil {
			b.Fatal(err)
		}
		deep.After = page.Next
	}
	counted := q
	counted.Counts = true
	for _, c := range []struct {
		name string
		q    domain.TaskQuery
	}{{"first-page", q}, {"deep-page", deep}, {"first-page-with-counts", counted}} {
		b.Run(c.name, func(b *testing.B) {
			b.Logf("EXPLAIN ANALYZE of %s:\n%s", c.name, explain(b, db, "ANALYZE, BUFFERS", c.q))
			for b.Loop() {
				if _, err := store.Tasks(ctx, c.q); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
