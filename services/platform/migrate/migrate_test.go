package migrate_test

import (
	"database/sql"
	"strings"
	"sync"
	"testing"
	"testing/fstest"

	"github.com/taskrocket/taskrocket/services/platform/migrate"
	"github.com/taskrocket/taskrocket/services/platform/pgtest"
)

func newDB(t *testing.T) *sql.DB {
	t.Helper()
	db, err := pgtest.NewDB(t).DB()
	if err != nil {
		t.Fatal(err)
	}
	return db
}

func files(kv ...string) fstest.MapFS {
	fsys := fstest.MapFS{}
	for i := 0; i < len(kv); i += 2 {
		fsys[kv[i]] = &fstest.MapFile{Data: []byte(kv[i+1])}
	}
	return fsys
}

// Versions 2 and 10 sort wrongly as text; 10 needs the column 2 adds.
var projects = files(
	"1_projects.sql", `CREATE TABLE projects (id bigserial PRIMARY KEY, name text NOT NULL);`,
	"10_projects_archived_index.sql", `CREATE INDEX projects_archived ON projects (archived_at);`,
	"2_projects_archived.sql", `ALTER TABLE projects ADD COLUMN archived_at timestamptz;`,
	"README.md", `not a migration`,
)

type appliedRow struct {
	Version  int
	Name     string
	Checksum string
}

func applied(t *testing.T, db *sql.DB, component string) []appliedRow {
	t.Helper()
	rows, err := db.QueryContext(t.Context(),
		`SELECT version, name, checksum FROM schema_migrations WHERE component = $1 ORDER BY applied_at, version`, component)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []appliedRow
	for rows.Next() {
		var r appliedRow
		if err := rows.Scan(&r.Version, &r.Name, &r.Checksum); err != nil {
			t.Fatal(err)
		}
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

func versions(rows []appliedRow) []int {
	var v []int
	for _, r := range rows {
		v = append(v, r.Version)
	}
	return v
}

func tableExists(t *testing.T, db *sql.DB, name string) bool {
	t.Helper()
	var reg sql.NullString
	if err := db.QueryRowContext(t.Context(), `SELECT to_regclass($1)::text`, name).Scan(&reg); err != nil {
		t.Fatal(err)
	}
	return reg.Valid
}

func TestRunAppliesInVersionOrderOnce(t *testing.T) {
	t.Parallel()
	db := newDB(t)
	src := migrate.Source{Component: "projects", FS: projects}
	if err := migrate.Run(t.Context(), db, src); err != nil {
		t.Fatalf("first run: %v", err)
	}
	first := applied(t, db, "projects")
	if got := versions(first); len(got) != 3 || got[0] != 1 || got[1] != 2 || got[2] != 10 {
		t.Fatalf("applied versions %v, want [1 2 10]", got)
	}
	if first[2].Name != "projects_archived_index" || len(first[2].Checksum) != 64 {
		t.Fatalf("recorded %+v", first[2])
	}

	// Every migration is plain DDL that fails if run again.
	if err := migrate.Run(t.Context(), db, src); err != nil {
		t.Fatalf("second run is not a no-op: %v", err)
	}
	if again := applied(t, db, "projects"); len(again) != 3 {
		t.Fatalf("second run recorded %v", again)
	}
}

func TestRunAppliesOnlyNewMigrations(t *testing.T) {
	t.Parallel()
	db := newDB(t)
	v1 := files("0001_tags.sql", `CREATE TABLE tags (name text PRIMARY KEY);`)
	if err := migrate.Run(t.Context(), db, migrate.Source{Component: "tags", FS: v1}); err != nil {
		t.Fatal(err)
	}
	v2 := files(
		"0001_tags.sql", `CREATE TABLE tags (name text PRIMARY KEY);`,
		"0002_tag_color.sql", `ALTER TABLE tags ADD COLUMN color text;`,
	)
	if err := migrate.Run(t.Context(), db, migrate.Source{Component: "tags", FS: v2}); err != nil {
		t.Fatalf("upgrade: %v", err)
	}
	if got := versions(applied(t, db, "tags")); len(got) != 2 || got[1] != 2 {
		t.Fatalf("applied %v, want [1 2]", got)
	}
}

func TestRunReportsEditedMigration(t *testing.T) {
	t.Parallel()
	db := newDB(t)
	if err := migrate.Run(t.Context(), db, migrate.Source{Component: "projects", FS: projects}); err != nil {
		t.Fatal(err)
	}
	edited := files(
		"1_projects.sql", `CREATE TABLE projects (id bigserial PRIMARY KEY, name text NOT NULL, owner text);`,
		"2_projects_archived.sql", `ALTER TABLE projects ADD COLUMN archived_at timestamptz;`,
		"10_projects_archived_index.sql", `CREATE INDEX projects_archived ON projects (archived_at);`,
		"11_projects_slug.sql", `ALTER TABLE projects ADD COLUMN slug text;`,
	)
	err := migrate.Run(t.Context(), db, migrate.Source{Component: "projects", FS: edited})
	if err == nil || !strings.Contains(err.Error(), "0001_projects was changed after it was applied") {
		t.Fatalf("edited migration: err = %v", err)
	}
	if got := versions(applied(t, db, "projects")); len(got) != 3 {
		t.Fatalf("a run that reported an edited migration still applied more: %v", got)
	}
}

func TestRunRollsBackFailingMigration(t *testing.T) {
	t.Parallel()
	db := newDB(t)
	broken := files(
		"0001_labels.sql", `CREATE TABLE labels (id int PRIMARY KEY);`,
		"0002_label_links.sql", `CREATE TABLE label_links (label_id int);
			INSERT INTO labels VALUES (1);
			ALTER TABLE label_links ADD CONSTRAINT fk FOREIGN KEY (label_id) REFERENCES nowhere (id);`,
		"0003_after.sql", `CREATE TABLE after_failure (id int);`,
	)
	err := migrate.Run(t.Context(), db, migrate.Source{Component: "labels", FS: broken})
	if err == nil || !strings.Contains(err.Error(), "0002_label_links") {
		t.Fatalf("failing migration: err = %v, want one naming 0002_label_links", err)
	}
	if got := versions(applied(t, db, "labels")); len(got) != 1 || got[0] != 1 {
		t.Fatalf("recorded %v, want only [1]", got)
	}
	if tableExists(t, db, "label_links") || tableExists(t, db, "after_failure") {
		t.Fatal("statements of the failed migration (or later ones) were kept")
	}
	var n int
	if err := db.QueryRowContext(t.Context(), `SELECT count(*) FROM labels`).Scan(&n); err != nil || n != 0 {
		t.Fatalf("rows written by the failed migration: %d, %v", n, err)
	}

	fixed := files(
		"0001_labels.sql", `CREATE TABLE labels (id int PRIMARY KEY);`,
		"0002_label_links.sql", `CREATE TABLE label_links (label_id int REFERENCES labels (id));`,
		"0003_after.sql", `CREATE TABLE after_failure (id int);`,
	)
	if err := migrate.Run(t.Context(), db, migrate.Source{Component: "labels", FS: fixed}); err != nil {
		t.Fatalf("after fixing the migration: %v", err)
	}
	if got := versions(applied(t, db, "labels")); len(got) != 3 {
		t.Fatalf("recorded %v after the fix, want [1 2 3]", got)
	}
}

func TestConcurrentRunsApplyOnce(t *testing.T) {
	t.Parallel()
	db := newDB(t)
	// pg_sleep widens the window in which both runs would otherwise apply.
	src := migrate.Source{Component: "boards", FS: files(
		"0001_boards.sql", `SELECT pg_sleep(0.2); CREATE TABLE boards (id int);`,
		"0002_columns.sql", `CREATE TABLE board_columns (id int);`,
	)}
	var wg sync.WaitGroup
	errs := make([]error, 4)
	for i := range errs {
		wg.Go(func() { errs[i] = migrate.Run(t.Context(), db, src) })
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Errorf("replica %d: %v", i, err)
		}
	}
	if got := versions(applied(t, db, "boards")); len(got) != 2 {
		t.Fatalf("recorded %v, want each version once", got)
	}
}

func TestComponentsKeepSeparateVersions(t *testing.T) {
	t.Parallel()
	db := newDB(t)
	service := migrate.Source{Component: "users", FS: files("0001_users.sql", `CREATE TABLE users (id int);`)}
	shared := migrate.Source{Component: "platform.outbox", FS: files("0001_outbox.sql", `CREATE TABLE outbox (id int);`)}
	if err := migrate.Run(t.Context(), db, service, shared); err != nil {
		t.Fatal(err)
	}
	if !tableExists(t, db, "users") || !tableExists(t, db, "outbox") {
		t.Fatal("version 1 of one component hid version 1 of the other")
	}
}

func TestRunRejectsBadFileNames(t *testing.T) {
	t.Parallel()
	db := newDB(t)
	tests := []struct {
		name    string
		fsys    fstest.MapFS
		wantErr string
	}{
		{"name-without-version", files("create_users.sql", `SELECT 1`), "NNNN_description.sql"},
		{"name-without-description", files("0001.sql", `SELECT 1`), "NNNN_description.sql"},
		{"version-zero", files("0000_init.sql", `SELECT 1`), "NNNN_description.sql"},
		{"version-negative", files("-1_init.sql", `SELECT 1`), "NNNN_description.sql"},
		{"version-not-a-number", files("v1_init.sql", `SELECT 1`), "NNNN_description.sql"},
		{"duplicate-version", files("0001_a.sql", `SELECT 1`, "001_b.sql", `SELECT 1`), "share version 1"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			// A valid file next to the bad one must not be applied either.
			tc.fsys["0005_valid.sql"] = &fstest.MapFile{Data: []byte(`CREATE TABLE "` + tc.name + `" (id int);`)}
			err := migrate.Run(t.Context(), db, migrate.Source{Component: tc.name, FS: tc.fsys})
			if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
				t.Fatalf("err = %v, want one mentioning %q", err, tc.wantErr)
			}
			if got := applied(t, db, tc.name); len(got) != 0 || tableExists(t, db, `"`+tc.name+`"`) {
				t.Fatalf("applied %v despite a bad file name", got)
			}
		})
	}
}
