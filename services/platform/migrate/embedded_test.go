package migrate_test

import (
	"io/fs"
	"testing"
	"testing/fstest"

	"github.com/taskrocket/taskrocket/services/platform/migrate"
)

func TestEmbeddedServesTheDirectoryAsTheSourceRoot(t *testing.T) {
	files := fstest.MapFS{
		"migrations/0001_init.sql": {Data: []byte("SELECT 1;")},
		"other.txt":                {Data: []byte("not a migration")},
	}
	src := migrate.Embedded("tasks", files, "migrations")
	if src.Component != "tasks" {
		t.Fatalf("component %q", src.Component)
	}
	names, err := fs.Glob(src.FS, "*.sql")
	if err != nil || len(names) != 1 || names[0] != "0001_init.sql" {
		t.Fatalf("files at the root: %v, %v", names, err)
	}
}

func TestEmbeddedPanicsOnAnInvalidDirectory(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Fatal("no panic for an invalid directory")
		}
	}()
	migrate.Embedded("tasks", fstest.MapFS{}, "../migrations")
}
