// Package adapters connects the tasks service to the outside: its Postgres
// tables (through gorm, with the transactional outbox) and the projects
// service (through Dapr service invocation).
package adapters

import (
	"embed"

	"github.com/taskrocket/taskrocket/services/platform/migrate"
)

//go:embed migrations/*.sql
var migrationFiles embed.FS

// Migrations is the tasks schema, applied by OpenStore and by the migrate
// command.
func Migrations() migrate.Source {
	return migrate.Embedded("tasks", migrationFiles, "migrations")
}
