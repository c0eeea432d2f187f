// Package pgtest gives each test a fresh, empty Postgres database on the
// real local server and drops it when the test ends.
//
// The server is taken from TASKROCKET_TEST_PG_URL (an admin connection
// string), default postgres://postgres@127.0.0.1:5432/postgres.
package pgtest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"io"
	"log/slog"
	"net/url"
	"os"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"gorm.io/gorm"

	"github.com/taskrocket/taskrocket/services/platform/migrate"
	"github.com/taskrocket/taskrocket/services/platform/postgres"
)

// AdminURL is the connection string of the test server's admin database.
func AdminURL() string {
	if u := os.Getenv("TASKROCKET_TEST_PG_URL"); u != "" {
		return u
	}
	return "postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable"
}

// NewURL creates a database named after the test and returns its URL.
func NewURL(t testing.TB) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	admin, err := pgx.Connect(ctx, AdminURL())
	if err != nil {
		t.Fatalf("pgtest: connect to %s: %v (is PostgreSQL running?)", AdminURL(), err)
	}
	defer admin.Close(context.Background())

	buf := make([]byte, 6)
	_, _ = rand.Read(buf)
	name := "test_" + hex.EncodeToString(buf)
	if _, err := admin.Exec(ctx, "CREATE DATABASE "+name); err != nil {
		t.Fatalf("pgtest: create database: %v", err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		c, err := pgx.Connect(ctx, AdminURL())
		if err != nil {
			t.Errorf("pgtest: drop %s: %v", name, err)
			return
		}
		defer c.Close(ctx)
		if _, err := c.Exec(ctx, "DROP DATABASE IF EXISTS "+name+" WITH (FORCE)"); err != nil {
			t.Errorf("pgtest: drop %s: %v", name, err)
		}
	})

	u, err := url.Parse(AdminURL())
	if err != nil {
		t.Fatalf("pgtest: admin url: %v", err)
	}
	u.Path = "/" + name
	return u.String()
}

// NewDB creates a fresh database, opens it with the production settings and
// applies the given migrations.
func NewDB(t testing.TB, sources ...migrate.Source) *gorm.DB {
	t.Helper()
	dsn := NewURL(t)
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	ctx := context.Background()
	db, err := postgres.Open(ctx, postgres.Config{URL: dsn, MaxOpenConns: 10, MaxIdleConns: 2, ConnLifetime: time.Minute, SlowQuery: time.Second}, log)
	if err != nil {
		t.Fatalf("pgtest: open: %v", err)
	}
	t.Cleanup(func() {
		if sqlDB, err := db.DB(); err == nil {
			_ = sqlDB.Close()
		}
	})
	if len(sources) > 0 {
		if err := postgres.Migrate(ctx, db, sources...); err != nil {
			t.Fatalf("pgtest: migrate: %v", err)
		}
	}
	return db
}
