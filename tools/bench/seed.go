package main

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/jackc/pgx/v5"
)

// seedColumns are the tasks columns the seed fills (the rest take their
// defaults or stay NULL); they follow
// services/tasks/adapters/migrations/0001_tasks.sql.
func seedColumns() []string {
	return []string{
		"id", "project_id", "title", "description", "status", "priority", "due_at", "estimate_minutes",
		"position", "done_at", "version", "created_by", "created_at", "updated_at",
	}
}

// seedSQL inserts $3 tasks into project $1, created by $2, in one
// statement. Every "random" choice is a hash of the row number, so each
// run seeds the same data set. The shape:
//   - priority: none 35%, low 25%, medium 22%, high 13%, urgent 5%;
//   - status: todo 45%, in progress 15%, done 40% (done_at set for done);
//   - due date: none for 20%, else on the hour from 60 days ago to 90 days
//     ahead;
//   - created over the last 180 days, in row order; half have a description;
//   - position: fractional-index keys in creation order, as appending each
//     task through the API would give ('d' + four base-62 digits + three
//     jitter digits, the last not '0').
func seedSQL() string {
	h := func(stream int) string { // 0..999999, a different stream per use
		return fmt.Sprintf("((hashint4(i * 8 + %d)::bigint + 2147483648) %% 1000000)", stream)
	}
	const digits = "'0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'"
	digit := func(expr string) string { return fmt.Sprintf("substr(%s, (%s)::int %% 62 + 1, 1)", digits, expr) }
	return `
INSERT INTO tasks (` + strings.Join(seedColumns(), ", ") + `)
SELECT gen_random_uuid(), $1::uuid,
	(ARRAY['Review', 'Write', 'Fix', 'Plan', 'Update', 'Test', 'Design', 'Refactor', 'Ship', 'Document'])[1 + v.h1 % 10]
		|| ' ' || (ARRAY['the onboarding flow', 'the release notes', 'the login bug', 'the sprint board',
		'the billing export', 'the search index', 'the API docs', 'the invoice template', 'the mobile layout',
		'the weekly report'])[1 + v.h2 % 10] || ' ' || (i + 1),
	CASE WHEN v.h3 % 2 = 0 THEN ''
		ELSE 'Agree the scope with the team, then update the checklist and link the result here.' END,
	v.status, v.priority, v.due_at,
	CASE WHEN v.h4 % 10 < 6 THEN 0 ELSE 30 * (1 + v.h4 % 8) END,
	'd' || ` + digit("i / 238328") + ` || ` + digit("i / 3844") + ` || ` + digit("i / 62") + ` || ` + digit("i") + `
		|| ` + digit("v.h5") + ` || ` + digit("v.h5 / 62") + ` || substr(` + digits + `, (v.h5 / 3844)::int % 61 + 2, 1),
	CASE WHEN v.status = 'done' THEN LEAST(now(), v.created_at + (v.h4 % 336) * interval '1 hour') END,
	1, $2::uuid, v.created_at, v.created_at
FROM generate_series(0, $3::int - 1) AS i
CROSS JOIN LATERAL (
	SELECT h.*,
		CASE WHEN h.p < 350 THEN 0 WHEN h.p < 600 THEN 1 WHEN h.p < 820 THEN 2 WHEN h.p < 950 THEN 3 ELSE 4 END AS priority,
		CASE WHEN h.s < 450 THEN 'todo' WHEN h.s < 600 THEN 'in_progress' ELSE 'done' END AS status,
		CASE WHEN h.d % 100 < 20 THEN NULL
			ELSE date_trunc('hour', now()) + ((h.d / 100) % (150 * 24) - 60 * 24) * interval '1 hour' END AS due_at,
		now() - ($3::int - i) * (interval '180 days' / $3::int) AS created_at
	FROM (SELECT ` + h(0) + ` AS h1, ` + h(1) + ` AS h2, ` + h(2) + ` AS h3, ` + h(3) + ` AS h4, ` + h(4) + ` AS h5,
		` + h(5) + ` % 1000 AS p, ` + h(6) + ` % 1000 AS s, ` + h(7) + ` AS d) AS h
) AS v`
}

// seed bulk-inserts n tasks into the tasks service's own database and
// refreshes the planner statistics. The API would take minutes for this
// and measure nothing the create steps do not.
func seed(ctx context.Context, dbURL, projectID, userID string, n int) error {
	conn, err := pgx.Connect(ctx, dbURL)
	if err != nil {
		return fmt.Errorf("connect to the tasks database: %w", err)
	}
	defer conn.Close(context.WithoutCancel(ctx))
	if err := checkSchema(ctx, conn); err != nil {
		return err
	}
	tag, err := conn.Exec(ctx, seedSQL(), projectID, userID, n)
	if err != nil {
		return fmt.Errorf("insert: %w", err)
	}
	if tag.RowsAffected() != int64(n) {
		return fmt.Errorf("inserted %d tasks, want %d", tag.RowsAffected(), n)
	}
	if _, err := conn.Exec(ctx, "ANALYZE tasks"); err != nil {
		return fmt.Errorf("analyze: %w", err)
	}
	return nil
}

// checkSchema fails early, with the column's name, when the tasks table
// has a required column the seed does not fill: the migrations moved on
// and seedSQL must follow.
func checkSchema(ctx context.Context, conn *pgx.Conn) error {
	rows, err := conn.Query(ctx, `SELECT column_name FROM information_schema.columns
		WHERE table_schema = current_schema() AND table_name = 'tasks' AND is_nullable = 'NO' AND column_default IS NULL`)
	if err != nil {
		return fmt.Errorf("read the tasks schema: %w", err)
	}
	required, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		return fmt.Errorf("read the tasks schema: %w", err)
	}
	if len(required) == 0 {
		return fmt.Errorf("no tasks table in the tasks database: did the service apply its migrations?")
	}
	for _, c := range required {
		if !slices.Contains(seedColumns(), c) {
			return fmt.Errorf("tasks.%s is required but not seeded: update tools/bench/seed.go to the migrations", c)
		}
	}
	return nil
}
