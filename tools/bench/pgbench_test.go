package main

import (
	"context"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
)

// Output of pgbench 15 for a -T run.
const pgbenchOutput = `pgbench (15.20 (Debian 15.20-0+deb12u1))
transaction type: /work/main/.data/bench/pgbench-insert.sql
scaling factor: 1
query mode: simple
number of clients: 32
number of threads: 2
maximum number of tries: 1
duration: 10 s
number of transactions actually processed: 41234
number of failed transactions: 3 (0.007%)
latency average = 7.761 ms
initial connection time = 35.170 ms
tps = 4123.456789 (without initial connection time)
`

func TestParsePgbenchReadsTheSummary(t *testing.T) {
	t.Parallel()
	b, err := parsePgbench(pgbenchOutput)
	if err != nil {
		t.Fatal(err)
	}
	if b.TPS != 4123.456789 || b.LatencyAvg != 7.761 || b.Failed != 3 {
		t.Errorf("parsed %+v", b)
	}
	if _, err := parsePgbench("pgbench: error: connection to server failed"); err == nil {
		t.Error("output without tps accepted")
	}
}

func TestWithDatabaseKeepsServerAndOptions(t *testing.T) {
	t.Parallel()
	got, err := withDatabase("postgres://postgres:pw@127.0.0.1:5432/postgres?sslmode=disable", "scratch")
	if err != nil || got != "postgres://postgres:pw@127.0.0.1:5432/scratch?sslmode=disable" {
		t.Errorf("%q %v", got, err)
	}
}

func TestPgbenchInsertsIntoAScratchDatabaseAndDropsIt(t *testing.T) {
	t.Parallel()
	admin := testAdminURL()
	cfg := config{DataDir: t.TempDir(), Concurrency: 2, PgbenchTime: time.Second}
	name := "test_bench_pgbench_" + randomHex(4)
	b, err := pgbench(t.Context(), admin, name, cfg)
	if err != nil {
		t.Fatal(err)
	}
	if b.TPS <= 0 || b.Failed != 0 || b.Clients != 2 || b.Threads != 2 || b.Seconds != 1 {
		t.Errorf("baseline %+v", b)
	}
	conn, err := pgx.Connect(t.Context(), admin)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(context.Background())
	var exists bool
	if err := conn.QueryRow(t.Context(), "SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = $1)", name).Scan(&exists); err != nil || exists {
		t.Errorf("scratch database still there (%v)", err)
	}
}
