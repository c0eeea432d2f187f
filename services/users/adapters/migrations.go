// Package adapters connects the users service to the outside: its Postgres
// tables (through gorm, with the transactional outbox) and the auth service
// (through Dapr service invocation).
package adapters

import (
	"embed"

	"github.com/taskrocket/taskrocket/services/platform/migrate"
)

//go:embed migrations/*.sql
var migrationFiles embed.FS

// Migrations is the users schema, applied by OpenStore and by the migrate
// command.
func Migrations() migrate.Source {
	return migrate.Embedded("users", migrationFiles, "migrations")
}
