// Package adapters connects the projects service to the outside: its
// Postgres tables (through gorm, with the transactional outbox) and the
// users service (through Dapr service invocation).
package adapters

import (
	"embed"

	"github.com/taskrocket/taskrocket/services/platform/migrate"
)

//go:embed migrations/*.sql
var migrationFiles embed.FS

// Migrations is the projects schema, applied by OpenStore and by the
// migrate command.
func Migrations() migrate.Source {
	return migrate.Embedded("projects", migrationFiles, "migrations")
}
