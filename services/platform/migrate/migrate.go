// Package migrate applies versioned SQL migrations embedded in a binary.
//
// Files are named NNNN_description.sql and applied in order, each in its
// own transaction, under a Postgres advisory lock so that replicas starting
// together apply them once. The checksum of every applied file is kept: a
// migration edited after it ran is reported instead of silently skipped.
// Several components (the service's own schema, the shared outbox) keep
// separate version sequences in one schema_migrations table.
package migrate

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"fmt"
	"hash/fnv"
	"io/fs"
	"path"
	"sort"
	"strconv"
	"strings"
)

// Source is one component's migrations.
type Source struct {
	Component string // e.g. "users", "platform.outbox"
	FS        fs.FS  // files NNNN_name.sql at its root
}

// Embedded is the Source of component's migrations in the directory dir
// of files, a tree embedded in the binary (//go:embed dir/*.sql). It
// panics when dir is not a valid path, a mistake no run could recover
// from: the tree is fixed at compile time.
func Embedded(component string, files fs.FS, dir string) Source {
	sub, err := fs.Sub(files, dir)
	if err != nil {
		panic(err)
	}
	return Source{Component: component, FS: sub}
}

type migration struct {
	version  int
	name     string
	sql      string
	checksum string
}

// Run applies every pending migration of every source, in order.
func Run(ctx context.Context, db *sql.DB, sources ...Source) error {
	conn, err := db.Conn(ctx)
	if err != nil {
		return fmt.Errorf("migrate: connect: %w", err)
	}
	defer conn.Close()

	lockID := int64(lockKey("taskrocket.migrate"))
	if _, err := conn.ExecContext(ctx, `SELECT pg_advisory_lock($1)`, lockID); err != nil {
		return fmt.Errorf("migrate: lock: %w", err)
	}
	defer conn.ExecContext(context.WithoutCancel(ctx), `SELECT pg_advisory_unlock($1)`, lockID) //nolint:errcheck

	if _, err := conn.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
		component  text        NOT NULL,
		version    integer     NOT NULL,
		name       text        NOT NULL,
		checksum   text        NOT NULL,
		applied_at timestamptz NOT NULL DEFAULT now(),
		PRIMARY KEY (component, version))`); err != nil {
		return fmt.Errorf("migrate: create schema_migrations: %w", err)
	}
	for _, src := range sources {
		if err := apply(ctx, conn, src); err != nil {
			return err
		}
	}
	return nil
}

func apply(ctx context.Context, conn *sql.Conn, src Source) error {
	migrations, err := load(src.FS)
	if err != nil {
		return fmt.Errorf("migrate %s: %w", src.Component, err)
	}
	applied := map[int]string{}
	rows, err := conn.QueryContext(ctx, `SELECT version, checksum FROM schema_migrations WHERE component = $1`, src.Component)
	if err != nil {
		return fmt.Errorf("migrate %s: read applied: %w", src.Component, err)
	}
	for rows.Next() {
		var v int
		var sum string
		if err := rows.Scan(&v, &sum); err != nil {
			rows.Close()
			return fmt.Errorf("migrate %s: %w", src.Component, err)
		}
		applied[v] = sum
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return fmt.Errorf("migrate %s: %w", src.Component, err)
	}

	for _, m := range migrations {
		if sum, ok := applied[m.version]; ok {
			if sum != m.checksum {
				return fmt.Errorf("migrate %s: %04d_%s was changed after it was applied; add a new migration instead", src.Component, m.version, m.name)
			}
			continue
		}
		tx, err := conn.BeginTx(ctx, nil)
		if err != nil {
			return fmt.Errorf("migrate %s: begin: %w", src.Component, err)
		}
		if _, err := tx.ExecContext(ctx, m.sql); err != nil {
			_ = tx.Rollback()
			return fmt.Errorf("migrate %s: %04d_%s: %w", src.Component, m.version, m.name, err)
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO schema_migrations (component, version, name, checksum) VALUES ($1, $2, $3, $4)`,
			src.Component, m.version, m.name, m.checksum); err != nil {
			_ = tx.Rollback()
			return fmt.Errorf("migrate %s: record %04d: %w", src.Component, m.version, err)
		}
		if err := tx.Commit(); err != nil {
			return fmt.Errorf("migrate %s: commit %04d: %w", src.Component, m.version, err)
		}
	}
	return nil
}

func load(fsys fs.FS) ([]migration, error) {
	entries, err := fs.ReadDir(fsys, ".")
	if err != nil {
		return nil, fmt.Errorf("read migrations: %w", err)
	}
	seen := map[int]string{}
	var out []migration
	for _, e := range entries {
		if e.IsDir() || path.Ext(e.Name()) != ".sql" {
			continue
		}
		base := strings.TrimSuffix(e.Name(), ".sql")
		num, name, ok := strings.Cut(base, "_")
		version, err := strconv.Atoi(num)
		if !ok || err != nil || version <= 0 {
			return nil, fmt.Errorf("migration %q: name must be NNNN_description.sql", e.Name())
		}
		if prev, dup := seen[version]; dup {
			return nil, fmt.Errorf("migrations %q and %q share version %d", prev, e.Name(), version)
		}
		seen[version] = e.Name()
		body, err := fs.ReadFile(fsys, e.Name())
		if err != nil {
			return nil, err
		}
		sum := sha256.Sum256(body)
		out = append(out, migration{version: version, name: name, sql: string(body), checksum: hex.EncodeToString(sum[:])})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].version < out[j].version })
	return out, nil
}

func lockKey(s string) uint32 {
	h := fnv.New32a()
	_, _ = h.Write([]byte(s))
	return h.Sum32()
}
