// Package adapters connects the priorities service to the outside: its
// Postgres tables (rules and the task projection, through gorm, with the
// transactional outbox), the next-up cache (a Dapr state store), the tasks
// service (loading a project's open tasks) and the projects service (the
// membership view).
package adapters

import (
	"embed"

	"github.com/taskrocket/taskrocket/services/platform/migrate"
)

//go:embed migrations/*.sql
var migrationFiles embed.FS

// Migrations is the priorities schema, applied by OpenStore and by the
// migrate command.
func Migrations() migrate.Source {
	return migrate.Embedded("priorities", migrationFiles, "migrations")
}
