package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/taskrocket/taskrocket/tools/bench/report"
)

// pgbenchDatabase is the scratch database of the baseline.
const pgbenchDatabase = "taskrocket_pgbench_bench"

// pgbenchSchema is a table shaped like the tasks table
// (services/tasks/adapters/migrations) with the same indexes: the primary
// key, one per list sort, status, the partial ones and the title trigram
// index. Foreign keys are left out (a created task has no parent or
// category).
const pgbenchSchema = `
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE TABLE task_rows (
	id               uuid PRIMARY KEY,
	project_id       uuid NOT NULL,
	parent_id        uuid,
	title            text NOT NULL,
	description      text NOT NULL DEFAULT '',
	status           text NOT NULL,
	priority         smallint NOT NULL DEFAULT 0,
	start_at         timestamptz,
	due_at           timestamptz,
	timezone         text,
	estimate_minutes integer NOT NULL DEFAULT 0,
	category_id      uuid,
	position         text COLLATE "C" NOT NULL,
	done_at          timestamptz,
	version          bigint NOT NULL DEFAULT 1,
	created_by       uuid NOT NULL,
	created_at       timestamptz NOT NULL,
	updated_at       timestamptz NOT NULL,
	UNIQUE (project_id, id)
);
CREATE INDEX ON task_rows (project_id, (-priority), (COALESCE(due_at, 'infinity'::timestamptz)), id);
CREATE INDEX ON task_rows (project_id, (COALESCE(due_at, 'infinity'::timestamptz)), id);
CREATE INDEX ON task_rows (project_id, created_at, id);
CREATE INDEX ON task_rows (project_id, updated_at, id);
CREATE INDEX ON task_rows (project_id, position, id);
CREATE INDEX ON task_rows (project_id, status);
CREATE INDEX ON task_rows (parent_id) WHERE parent_id IS NOT NULL;
CREATE INDEX ON task_rows USING gin (title gin_trgm_ops);
CREATE INDEX ON task_rows (category_id) WHERE category_id IS NOT NULL;
`

// pgbenchScript inserts one task-like row per transaction, with the
// columns a create-task request sets.
const pgbenchScript = `\set p random(0, 4)
\set d random(1, 60)
INSERT INTO task_rows (id, project_id, title, description, status, priority, due_at, position, created_by, created_at, updated_at)
VALUES (gen_random_uuid(), '0190f0f0-0000-7000-8000-000000000001', 'Prepare the sprint review notes ' || :client_id,
	'Collect the demo items and the open questions from the team.', 'todo', :p, now() + :d * interval '1 day',
	'd' || md5(random()::text), '0190f0f0-0000-7000-8000-000000000002', now(), now());
`

// pgbench measures Postgres's single-row insert rate with as many clients
// as the load generator has requests in flight, in scratch database
// scratch, which it creates and drops.
func pgbench(ctx context.Context, adminURL, scratch string, cfg config) (*report.Baseline, error) {
	admin, err := pgx.Connect(ctx, adminURL)
	if err != nil {
		return nil, fmt.Errorf("connect: %w", err)
	}
	defer admin.Close(context.WithoutCancel(ctx))
	ident := pgx.Identifier{scratch}.Sanitize()
	if _, err := admin.Exec(ctx, "DROP DATABASE IF EXISTS "+ident+" WITH (FORCE)"); err != nil {
		return nil, fmt.Errorf("drop scratch database: %w", err)
	}
	if _, err := admin.Exec(ctx, "CREATE DATABASE "+ident); err != nil {
		return nil, fmt.Errorf("create scratch database: %w", err)
	}
	defer func() {
		dropCtx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 30*time.Second)
		defer cancel()
		_, _ = admin.Exec(dropCtx, "DROP DATABASE IF EXISTS "+ident+" WITH (FORCE)")
	}()

	dbURL, err := withDatabase(adminURL, scratch)
	if err != nil {
		return nil, err
	}
	db, err := pgx.Connect(ctx, dbURL)
	if err != nil {
		return nil, fmt.Errorf("connect to scratch database: %w", err)
	}
	_, err = db.Exec(ctx, pgbenchSchema)
	_ = db.Close(ctx)
	if err != nil {
		return nil, fmt.Errorf("scratch schema: %w", err)
	}

	script := filepath.Join(cfg.DataDir, "pgbench-insert.sql")
	if err := os.WriteFile(script, []byte(pgbenchScript), 0o644); err != nil {
		return nil, fmt.Errorf("pgbench script: %w", err)
	}
	secs := int(cfg.PgbenchTime.Seconds())
	threads := min(2, cfg.Concurrency)
	cmd := exec.CommandContext(ctx, "pgbench", "-n", "-f", script, "-c", strconv.Itoa(cfg.Concurrency),
		"-j", strconv.Itoa(threads), "-T", strconv.Itoa(secs), dbURL)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Run(); err != nil {
		return nil, fmt.Errorf("%s: %w\n%s", cmd.Path, err, out.String())
	}
	b, err := parsePgbench(out.String())
	if err != nil {
		return nil, err
	}
	b.Clients, b.Threads, b.Seconds, b.Script = cfg.Concurrency, threads, secs, pgbenchScript
	return b, nil
}

var (
	pgbenchTPS     = regexp.MustCompile(`(?m)^tps = ([0-9.]+)`)
	pgbenchLatency = regexp.MustCompile(`(?m)^latency average = ([0-9.]+) ms`)
	pgbenchFailed  = regexp.MustCompile(`(?m)^number of failed transactions: ([0-9]+)`)
)

// parsePgbench reads the summary pgbench prints.
func parsePgbench(out string) (*report.Baseline, error) {
	m := pgbenchTPS.FindStringSubmatch(out)
	if m == nil {
		return nil, errors.New("pgbench printed no tps:\n" + out)
	}
	b := &report.Baseline{}
	b.TPS, _ = strconv.ParseFloat(m[1], 64)
	if m := pgbenchLatency.FindStringSubmatch(out); m != nil {
		b.LatencyAvg, _ = strconv.ParseFloat(m[1], 64)
	}
	if m := pgbenchFailed.FindStringSubmatch(out); m != nil {
		b.Failed, _ = strconv.Atoi(m[1])
	}
	return b, nil
}

// withDatabase is adminURL pointed at another database.
func withDatabase(adminURL, db string) (string, error) {
	u, err := url.Parse(adminURL)
	if err != nil {
		return "", fmt.Errorf("postgres URL: %w", err)
	}
	u.Path, u.RawPath = "/"+db, ""
	return u.String(), nil
}
