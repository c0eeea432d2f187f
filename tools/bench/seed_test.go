package main

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
)

// testAdminURL is the admin URL of the local Postgres the tests use
// (TASKROCKET_TEST_PG_URL, as the services' adapter tests).
func testAdminURL() string {
	if u := os.Getenv("TASKROCKET_TEST_PG_URL"); u != "" {
		return u
	}
	return "postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable"
}

// freshTasksDB creates a database on the local Postgres, applies the
// tasks service's migrations and drops it when the test ends.
func freshTasksDB(t *testing.T) string {
	t.Helper()
	admin := testAdminURL()
	ctx := t.Context()
	conn, err := pgx.Connect(ctx, admin)
	if err != nil {
		t.Fatalf("connect to %s: %v (is PostgreSQL running?)", admin, err)
	}
	defer conn.Close(context.Background())
	b := make([]byte, 6)
	_, _ = rand.Read(b)
	name := "test_bench_" + hex.EncodeToString(b)
	if _, err := conn.Exec(ctx, "CREATE DATABASE "+name); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		c, err := pgx.Connect(ctx, admin)
		if err != nil {
			t.Errorf("drop %s: %v", name, err)
			return
		}
		defer c.Close(ctx)
		_, _ = c.Exec(ctx, "DROP DATABASE IF EXISTS "+name+" WITH (FORCE)")
	})
	dbURL, err := withDatabase(admin, name)
	if err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob(filepath.Join("..", "..", "services", "tasks", "adapters", "migrations", "*.sql"))
	if len(files) == 0 {
		t.Fatal("no tasks migrations found")
	}
	slices.Sort(files)
	db, err := pgx.Connect(ctx, dbURL)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close(context.Background())
	for _, f := range files {
		sql, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := db.Exec(ctx, string(sql)); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
	}
	return dbURL
}

func TestSeedFollowsTheTasksMigrations(t *testing.T) {
	t.Parallel()
	dbURL := freshTasksDB(t)
	ctx := t.Context()
	const n, project, user = 5000, "0190f0f0-0000-7000-8000-00000000000a", "0190f0f0-0000-7000-8000-00000000000b"
	if err := seed(ctx, dbURL, project, user, n); err != nil {
		t.Fatal(err)
	}
	db, err := pgx.Connect(ctx, dbURL)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close(context.Background())

	share := func(where string) float64 {
		t.Helper()
		var f float64
		if err := db.QueryRow(ctx, "SELECT avg(CASE WHEN "+where+" THEN 1.0 ELSE 0 END) FROM tasks").Scan(&f); err != nil {
			t.Fatal(err)
		}
		return f
	}
	for _, c := range []struct {
		name     string
		where    string
		lo, high float64
	}{
		{"no-due-date-about-20%", "due_at IS NULL", 0.17, 0.23},
		{"urgent-about-5%", "priority = 4", 0.03, 0.07},
		{"no-priority-about-35%", "priority = 0", 0.31, 0.39},
		{"done-about-40%", "status = 'done'", 0.36, 0.44},
		{"overdue-and-upcoming", "due_at < now()", 0.2, 0.45},
		{"every-project-row", "project_id = '" + project + "' AND created_by = '" + user + "'", 1, 1},
	} {
		if got := share(c.where); got < c.lo || got > c.high {
			t.Errorf("%s: share %.3f outside [%.2f, %.2f]", c.name, got, c.lo, c.high)
		}
	}

	// Positions are valid fractional-index keys, unique, in creation order.
	rows, err := db.Query(ctx, "SELECT position FROM tasks ORDER BY created_at, id")
	if err != nil {
		t.Fatal(err)
	}
	positions, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		t.Fatal(err)
	}
	key := regexp.MustCompile(`^d[0-9A-Za-z]{4}[0-9A-Za-z]{2}[1-9A-Za-z]$`)
	for i, p := range positions {
		if !key.MatchString(p) || (i > 0 && p <= positions[i-1]) {
			t.Fatalf("position %d %q (after %q): not a valid key in creation order", i, p, positions[max(i-1, 0)])
		}
	}

	// The priority list the bench measures reads the seeded rows through its index.
	rows, err = db.Query(ctx, `EXPLAIN SELECT id FROM tasks WHERE project_id = $1
		ORDER BY -priority, COALESCE(due_at, 'infinity'::timestamptz), id LIMIT 50`, project)
	if err != nil {
		t.Fatal(err)
	}
	lines, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if plan := strings.Join(lines, "\n"); err != nil || !strings.Contains(plan, "tasks_by_priority") {
		t.Errorf("priority list plan %q (%v): not the priority index", plan, err)
	}
}

func TestSeedRefusesASchemaItDoesNotKnow(t *testing.T) {
	t.Parallel()
	dbURL := freshTasksDB(t)
	ctx := t.Context()
	db, err := pgx.Connect(ctx, dbURL)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close(context.Background())
	if _, err := db.Exec(ctx, "ALTER TABLE tasks ADD COLUMN board_id uuid NOT NULL"); err != nil {
		t.Fatal(err)
	}
	err = seed(ctx, dbURL, "0190f0f0-0000-7000-8000-00000000000a", "0190f0f0-0000-7000-8000-00000000000b", 1000)
	if err == nil || !regexp.MustCompile(`tasks\.board_id is required`).MatchString(err.Error()) {
		t.Errorf("err %v, want one naming tasks.board_id", err)
	}
}
