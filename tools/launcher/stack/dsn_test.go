package stack

import (
	"strings"
	"testing"
)

func TestRewriteDSNMovesTheDatabaseToTheServerInUse(t *testing.T) {
	admin, err := ParsePostgresURL("postgres://admin:s3cret@10.1.2.3:6543/postgres?sslmode=require")
	if err != nil {
		t.Fatal(err)
	}
	for name, tc := range map[string]struct{ dsn, suffix, want, db string }{
		"suffix-and-server": {"postgres://postgres@127.0.0.1:5432/taskrocket_users?sslmode=disable", "_e2e",
			"postgres://admin:s3cret@10.1.2.3:6543/taskrocket_users_e2e?sslmode=disable", "taskrocket_users_e2e"},
		"no-suffix": {"postgresql://u@h/taskrocket_tasks", "",
			"postgresql://admin:s3cret@10.1.2.3:6543/taskrocket_tasks", "taskrocket_tasks"},
	} {
		t.Run(name, func(t *testing.T) {
			got, db, err := RewriteDSN(tc.dsn, admin, tc.suffix)
			if err != nil || got != tc.want || db != tc.db {
				t.Fatalf("got %q %q %v, want %q %q", got, db, err, tc.want, tc.db)
			}
		})
	}
	for _, bad := range []string{"host=localhost dbname=x", "postgres://h:5432/", "mysql://h/x"} {
		if _, _, err := RewriteDSN(bad, admin, ""); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
	if got := DatabaseURL(admin, "taskrocket_state_e2e"); got != "postgres://admin:s3cret@10.1.2.3:6543/taskrocket_state_e2e?sslmode=require" {
		t.Errorf("state URL %s", got)
	}
}

func TestPostgresURLDefaultsPortAndHidesPasswordInErrors(t *testing.T) {
	u, err := ParsePostgresURL("postgres://postgres@127.0.0.1/postgres")
	if err != nil || u.Host != "127.0.0.1:5432" {
		t.Fatalf("%v %v", u, err)
	}
	_, err = ParsePostgresURL("mysql://root:topsecret@h/x")
	if err == nil || strings.Contains(err.Error(), "topsecret") {
		t.Fatalf("error %v should not show the password", err)
	}
}

func TestParseRedisURL(t *testing.T) {
	for in, want := range map[string]RedisServer{
		"127.0.0.1:6379":              {Addr: "127.0.0.1:6379"},
		"redis://localhost":           {Addr: "localhost:6379"},
		"redis://:pw@10.0.0.1:7000/3": {Addr: "10.0.0.1:7000", Password: "pw", DB: 3},
	} {
		got, err := ParseRedisURL(in)
		if err != nil || got != want {
			t.Errorf("%q: got %+v %v, want %+v", in, got, err, want)
		}
	}
	for _, bad := range []string{"redis://h/x", "http://h"} {
		if _, err := ParseRedisURL(bad); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
}
