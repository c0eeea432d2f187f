package adapters

import (
	"context"
	"encoding/json"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/taskrocket/taskrocket/services/platform/pgtest"
)

// planNode is the part of EXPLAIN (FORMAT JSON) the check reads.
type planNode struct {
	NodeType string     `json:"Node Type"`
	Relation string     `json:"Relation Name"`
	Plans    []planNode `json:"Plans"`
}

func seqScans(n planNode, relation string) int {
	c := 0
	if n.NodeType == "Seq Scan" && n.Relation == relation {
		c++
	}
	for _, p := range n.Plans {
		c += seqScans(p, relation)
	}
	return c
}

// A month of a project with many recurring tasks: the range query names
// the series of each task it lists through an index, not by reading
// every series once per task (a plan check; its time is the calendar
// benchmark's, make bench-calendar).
func TestTasksDueFindsEachTasksSeriesThroughAnIndex(t *testing.T) {
	t.Parallel()
	db := pgtest.NewDB(t, Migrations())
	project, user := uuid.NewString(), uuid.NewString()
	month := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
	// 5,000 series, each copying a task of its own; 200 tasks due in the
	// month, the first 100 of them copied by a series.
	seed := func(sql string, args ...any) {
		t.Helper()
		if err := db.Exec(sql, args...).Error; err != nil {
			t.Fatal(err)
		}
	}
	seed(`INSERT INTO tasks_view (task_id, project_id, title, status, due_at, version, updated_at)
		SELECT gen_random_uuid(), ?, 'Task ' || i, 'todo', ?::timestamptz + i * interval '3 hours', 1, now()
		FROM generate_series(1, 200) AS i`, project, month)
	seed(`INSERT INTO task_series (id, project_id, created_by, title, start_local, timezone, mode, rrule, first_at, next_due_at,
			created_at, updated_at, task_id)
		SELECT gen_random_uuid(), ?, ?, 'Series ' || i, '2026-03-01T09:00:00', 'UTC', 'fixed', 'FREQ=DAILY', ?, ?, now(), now(),
			CASE WHEN i <= 100 THEN (SELECT task_id FROM tasks_view ORDER BY due_at OFFSET i - 1 LIMIT 1) ELSE gen_random_uuid() END
		FROM generate_series(1, 5000) AS i`, project, user, month, month)
	seed(`ANALYZE task_series; ANALYZE tasks_view; ANALYZE series_occurrences`)

	var out []string
	if err := db.Raw("EXPLAIN (FORMAT JSON) "+tasksDueSQL, []string{project}, month, month.AddDate(0, 1, 0)).Scan(&out).Error; err != nil {
		t.Fatal(err)
	}
	var plans []struct{ Plan planNode }
	if err := json.Unmarshal([]byte(out[0]), &plans); err != nil || len(plans) != 1 {
		t.Fatalf("plan %q: %v", out, err)
	}
	if n := seqScans(plans[0].Plan, "task_series"); n > 0 {
		t.Errorf("the range query scans every recurring task for each task it lists:\n%s", out[0])
	}

	tasks, err := NewStore(db).TasksDue(context.Background(), []string{project}, month, month.AddDate(0, 1, 0))
	if err != nil {
		t.Fatal(err)
	}
	withSeries := 0
	for _, task := range tasks {
		if task.SeriesID != "" {
			withSeries++
		}
	}
	if len(tasks) != 200 || withSeries != 100 {
		t.Errorf("%d tasks, %d with their series; want 200 and 100", len(tasks), withSeries)
	}
}
