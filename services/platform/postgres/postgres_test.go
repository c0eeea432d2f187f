package postgres_test

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"strings"
	"testing"
	"time"

	"gorm.io/gorm"

	"github.com/taskrocket/taskrocket/services/platform/pgtest"
	"github.com/taskrocket/taskrocket/services/platform/postgres"
)

// A duplicate name is an answer (409), not a fault: it must not fill the
// error log, while a real fault still does.
func TestConstraintViolationsStayOutOfTheErrorLog(t *testing.T) {
	var buf bytes.Buffer
	log := slog.New(slog.NewJSONHandler(&buf, nil))
	db, err := postgres.Open(context.Background(), postgres.Config{URL: pgtest.NewURL(t), MaxOpenConns: 2,
		MaxIdleConns: 1, ConnLifetime: time.Minute, SlowQuery: time.Second}, log)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if s, err := db.DB(); err == nil {
			_ = s.Close()
		}
	})
	if err := db.Exec(`CREATE TABLE tag (name text PRIMARY KEY)`).Error; err != nil {
		t.Fatal(err)
	}
	if err := db.Exec(`INSERT INTO tag VALUES ('bug')`).Error; err != nil {
		t.Fatal(err)
	}
	err = db.Exec(`INSERT INTO tag VALUES ('bug')`).Error
	if !errors.Is(err, gorm.ErrDuplicatedKey) || !postgres.IsConstraintViolation(err) {
		t.Fatalf("duplicate insert: %v, want a duplicated-key error", err)
	}
	if buf.Len() != 0 {
		t.Fatalf("a duplicate key was logged: %s", buf.String())
	}
	if err := db.Exec(`SELECT * FROM no_such_table`).Error; err == nil || postgres.IsConstraintViolation(err) {
		t.Fatalf("missing table: %v", err)
	}
	if !strings.Contains(buf.String(), "no_such_table") {
		t.Fatalf("a real fault was not logged: %q", buf.String())
	}
}
