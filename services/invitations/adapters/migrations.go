// Package adapters connects the invitations service to the outside: its
// Postgres tables (through gorm, with the transactional outbox) and the
// projects and users services (through Dapr service invocation).
package adapters

import (
	"embed"
	"io/fs"

	"github.com/taskrocket/taskrocket/services/platform/migrate"
)

//go:embed migrations/*.sql
var migrationFiles embed.FS

// Migrations is the invitations schema, applied by OpenStore and by the
// migrate command.
func Migrations() migrate.Source {
	sub, err := fs.Sub(migrationFiles, "migrations")
	if err != nil {
		panic(err) // the embedded tree is fixed at compile time
	}
	return migrate.Source{Component: "invitations", FS: sub}
}
