// Command calendar is the TaskRocket calendar service. It owns meetings,
// recurring tasks, reminders and feed tokens (Postgres), learns who may
// see them from its membership view of the projects service, and serves
// the per-user iCalendar feed.
package main

import (
	"context"
	_ "embed"

	"github.com/taskrocket/taskrocket/services/contracts"
	"github.com/taskrocket/taskrocket/services/platform/authn"
	"github.com/taskrocket/taskrocket/services/platform/membership"
	"github.com/taskrocket/taskrocket/services/platform/postgres"
	"github.com/taskrocket/taskrocket/services/platform/service"

	"github.com/taskrocket/taskrocket/services/calendar/adapters"
	"github.com/taskrocket/taskrocket/services/calendar/app"
	"github.com/taskrocket/taskrocket/services/calendar/ports"
)

// openAPIDocument is served (as JSON) at GET /openapi.json.
//
//go:embed openapi.yaml
var openAPIDocument []byte

type config struct {
	Port          int `env:"PORT" default:"8108"`
	DB            postgres.Config
	Auth          authn.Config
	ProjectsAppID string `env:"PROJECTS_APP_ID" default:"projects"`
	TasksAppID    string `env:"TASKS_APP_ID" default:"tasks"`
}

func main() {
	service.Main(service.Spec{Name: contracts.AppCalendar, Serve: serve, Migrate: service.MigrateDB(adapters.Migrations())})
}

func serve(ctx context.Context, rt *service.Runtime) error {
	var cfg config
	if err := rt.Load(&cfg); err != nil {
		return err
	}
	store, err := rt.OpenStore(ctx, cfg.DB, adapters.Migrations())
	if err != nil {
		return err
	}
	members := membership.New(rt.Sidecar, cfg.ProjectsAppID, membership.Options{Log: rt.Log})
	rt.Metrics.Register(members.Collectors()...)
	application := app.New(adapters.NewStore(store.DB), adapters.NewProjects(members))
	application.Scheduler = adapters.NewScheduler(rt.Sidecar)
	application.Notices = adapters.NewNotices(rt.Sidecar)
	application.Tasks = adapters.NewTasks(rt.Sidecar, cfg.TasksAppID)
	srv := rt.Server(cfg.Port, store.Check())
	opts := rt.PortOptions(cfg.Auth, openAPIDocument)
	if err := ports.Register(srv.Engine, application, opts); err != nil {
		return err
	}
	members.Subscribe(srv.Engine, rt.Log, opts.AppToken)
	return rt.Run(ctx, srv, store.Relay.Run)
}
