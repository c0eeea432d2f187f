// Command audit is the TaskRocket audit service: every event of every
// topic becomes an activity entry (who did what to which thing, when, and
// which fields changed from what to what), kept in a Dapr state store for
// the retention period (its TTL) and read per project (members only), per
// task and per person.
package main

import (
	"context"
	_ "embed"
	"time"

	"github.com/taskrocket/taskrocket/services/contracts"
	"github.com/taskrocket/taskrocket/services/platform/authn"
	"github.com/taskrocket/taskrocket/services/platform/membership"
	"github.com/taskrocket/taskrocket/services/platform/service"
	"github.com/taskrocket/taskrocket/services/platform/statekv"

	"github.com/taskrocket/taskrocket/services/audit/adapters"
	"github.com/taskrocket/taskrocket/services/audit/app"
	"github.com/taskrocket/taskrocket/services/audit/ports"
)

// openAPIDocument is served (as JSON) at GET /openapi.json.
//
//go:embed openapi.yaml
var openAPIDocument []byte

type config struct {
	Port       int    `env:"PORT" default:"8110"`
	StateStore string `env:"STATE_STORE" default:"audit-state"`
	// Retention is how long an entry is kept (the TTL of its documents).
	Retention     time.Duration `env:"RETENTION" default:"2160h"`
	ProjectsAppID string        `env:"PROJECTS_APP_ID" default:"projects"`
	TasksAppID    string        `env:"TASKS_APP_ID" default:"tasks"`
	Auth          authn.Config
}

func main() {
	service.Main(service.Spec{Name: contracts.AppAudit, Serve: serve})
}

func serve(ctx context.Context, rt *service.Runtime) error {
	var cfg config
	if err := rt.Load(&cfg); err != nil {
		return err
	}
	members := membership.New(rt.Sidecar, cfg.ProjectsAppID, membership.Options{Log: rt.Log})
	rt.Metrics.Register(members.Collectors()...)
	application := &app.App{
		Store:    adapters.NewStore(statekv.Dapr{Sidecar: rt.Sidecar, Name: cfg.StateStore}, cfg.Retention, nil),
		Projects: adapters.NewProjects(members),
		Tasks:    adapters.NewTasks(rt.Sidecar, cfg.TasksAppID),
	}
	rt.Log.Info("activity retention", "retention", cfg.Retention.String())
	srv := rt.Server(cfg.Port)
	opts := rt.PortOptions(cfg.Auth, openAPIDocument)
	if err := ports.Register(srv.Engine, application, opts); err != nil {
		return err
	}
	members.Subscribe(srv.Engine, rt.Log, opts.AppToken)
	return rt.Run(ctx, srv)
}
