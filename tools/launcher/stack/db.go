package stack

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
)

// prepareDatabases creates every database that is missing; with recreate
// (isolated mode) each is dropped first, ending open sessions.
func prepareDatabases(ctx context.Context, adminURL string, names []string, recreate bool) error {
	conn, err := pgx.Connect(ctx, adminURL)
	if err != nil {
		return fmt.Errorf("connect to postgres: %w", err)
	}
	defer conn.Close(context.WithoutCancel(ctx))
	for _, name := range names {
		ident := pgx.Identifier{name}.Sanitize()
		if recreate {
			if _, err := conn.Exec(ctx, "DROP DATABASE IF EXISTS "+ident+" WITH (FORCE)"); err != nil {
				return fmt.Errorf("drop database %s: %w", name, err)
			}
		} else {
			var exists bool
			err := conn.QueryRow(ctx, "SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = $1)", name).Scan(&exists)
			if err != nil {
				return fmt.Errorf("look up database %s: %w", name, err)
			}
			if exists {
				continue
			}
		}
		if _, err := conn.Exec(ctx, "CREATE DATABASE "+ident); err != nil {
			return fmt.Errorf("create database %s: %w", name, err)
		}
	}
	return nil
}

// postgresAccepting waits while a Postgres that just started replays its
// log (after a crash it listens before it accepts sessions: "the database
// system is starting up"), up to two minutes.
func postgresAccepting(ctx context.Context, adminURL string) error {
	deadline := time.Now().Add(2 * time.Minute)
	for {
		conn, err := pgx.Connect(ctx, adminURL)
		if err == nil {
			return conn.Close(ctx)
		}
		var pgErr *pgconn.PgError
		starting := errors.As(err, &pgErr) && (pgErr.Code == "57P03" || pgErr.Code == "57P01")
		if !starting || time.Now().After(deadline) {
			return fmt.Errorf("connect to postgres: %w", err)
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(200 * time.Millisecond):
		}
	}
}
