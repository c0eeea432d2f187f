// Package adapters connects the calendar service to its Postgres tables
// (through gorm): recurring tasks, meetings and their attendees,
// reminders and feed tokens.
package adapters

import (
	"embed"

	"github.com/taskrocket/taskrocket/services/platform/migrate"
)

//go:embed migrations/*.sql
var migrationFiles embed.FS

// Migrations is the calendar schema.
func Migrations() migrate.Source {
	return migrate.Embedded("calendar", migrationFiles, "migrations")
}
