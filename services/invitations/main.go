// Command invitations is the TaskRocket invitations service. It owns
// invitations to projects (by username or email address; accept, reject,
// cancel, expiry), in its own Postgres database.
package main

import (
	"context"
	_ "embed"
	"fmt"
	"time"

	"github.com/taskrocket/taskrocket/services/platform/authn"
	"github.com/taskrocket/taskrocket/services/platform/postgres"
	"github.com/taskrocket/taskrocket/services/platform/service"

	"github.com/taskrocket/taskrocket/services/invitations/adapters"
	"github.com/taskrocket/taskrocket/services/invitations/app"
	"github.com/taskrocket/taskrocket/services/invitations/ports"
)

// openAPIDocument is served (as JSON) at GET /openapi.json.
//
//go:embed openapi.yaml
var openAPIDocument []byte

type config struct {
	Port int `env:"PORT" default:"8105"`
	DB   postgres.Config
	Auth authn.Config
	// TTL is how long an invitation waits for an answer.
	TTL time.Duration `env:"TTL" default:"168h"`
	// ExpiryInterval is how often overdue invitations are marked expired.
	ExpiryInterval time.Duration `env:"EXPIRY_INTERVAL" default:"1m"`
	ProjectsAppID  string        `env:"PROJECTS_APP_ID" default:"projects"`
	UsersAppID     string        `env:"USERS_APP_ID" default:"users"`
}

func main() {
	service.Main(service.Spec{Name: "invitations", Serve: serve, Migrate: service.MigrateDB(adapters.Migrations())})
}

func serve(ctx context.Context, rt *service.Runtime) error {
	var cfg config
	if err := rt.Load(&cfg); err != nil {
		return err
	}
	if cfg.TTL <= 0 || cfg.ExpiryInterval <= 0 {
		return fmt.Errorf("config: INVITATIONS_TTL and INVITATIONS_EXPIRY_INTERVAL must be positive")
	}
	store, err := rt.OpenStore(ctx, cfg.DB, adapters.Migrations())
	if err != nil {
		return err
	}
	application := app.New(app.Deps{
		Invitations: adapters.NewInvitations(store.DB),
		Projects:    adapters.NewProjects(rt.Sidecar, cfg.ProjectsAppID),
		Users:       adapters.NewUsers(rt.Sidecar, cfg.UsersAppID),
		TTL:         cfg.TTL,
		Log:         rt.Log,
	})
	srv := rt.Server(cfg.Port, store.Check())
	if err := ports.Register(srv.Engine, application, rt.PortOptions(cfg.Auth, openAPIDocument)); err != nil {
		return err
	}
	return rt.Run(ctx, srv, store.Relay.Run, application.RunExpiry(cfg.ExpiryInterval))
}
