package pgtest_test

import (
	"context"
	"net/url"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/taskrocket/taskrocket/services/platform/pgtest"
)

func databaseExists(t *testing.T, name string) bool {
	t.Helper()
	conn, err := pgx.Connect(t.Context(), pgtest.AdminURL())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(context.Background())
	var n int
	if err := conn.QueryRow(t.Context(), `SELECT count(*) FROM pg_database WHERE datname = $1`, name).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n == 1
}

func TestNewURLGivesAFreshDatabaseAndDropsIt(t *testing.T) {
	t.Parallel()
	var (
		names  []string
		leaked []*pgx.Conn
	)
	defer func() {
		for _, c := range leaked {
			_ = c.Close(context.Background())
		}
	}()
	for range 2 {
		t.Run("fresh-db", func(t *testing.T) {
			dsn := pgtest.NewURL(t)
			u, err := url.Parse(dsn)
			if err != nil {
				t.Fatal(err)
			}
			name := strings.TrimPrefix(u.Path, "/")
			names = append(names, name)

			conn, err := pgx.Connect(t.Context(), dsn)
			if err != nil {
				t.Fatalf("connect to the new database: %v", err)
			}
			leaked = append(leaked, conn) // still open when cleanup drops the database
			var tables int
			if err := conn.QueryRow(t.Context(),
				`SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'`).Scan(&tables); err != nil {
				t.Fatal(err)
			}
			if tables != 0 {
				t.Fatalf("new database %s has %d tables, want none", name, tables)
			}
			// A test that leaves tables and open connections behind must
			// still get its database dropped.
			if _, err := conn.Exec(t.Context(), `CREATE TABLE leftovers (id int)`); err != nil {
				t.Fatal(err)
			}
		})
	}
	if len(names) != 2 || names[0] == names[1] {
		t.Fatalf("two tests shared a database: %v", names)
	}
	for _, name := range names {
		if databaseExists(t, name) {
			t.Fatalf("database %s still exists after its test ended", name)
		}
	}
}

func TestNewDBAppliesNoMigrationsByDefault(t *testing.T) {
	t.Parallel()
	db := pgtest.NewDB(t)
	var one int
	if err := db.WithContext(t.Context()).Raw(`SELECT 1`).Scan(&one).Error; err != nil || one != 1 {
		t.Fatalf("query on the new database: %d, %v", one, err)
	}
	var tables int64
	if err := db.Raw(`SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'`).Scan(&tables).Error; err != nil {
		t.Fatal(err)
	}
	if tables != 0 {
		t.Fatalf("NewDB without sources created %d tables", tables)
	}
}
