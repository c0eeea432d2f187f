// Command collaboration is the TaskRocket collaboration service: comments
// on tasks and in each project's discussion thread, with Markdown,
// mentions and reactions, kept in a Dapr state store. It knows who may
// read and write from its membership view of the projects service, and
// announces every change on the comments topic.
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

	"github.com/taskrocket/taskrocket/services/collaboration/adapters"
	"github.com/taskrocket/taskrocket/services/collaboration/app"
	"github.com/taskrocket/taskrocket/services/collaboration/ports"
)

// openAPIDocument is served (as JSON) at GET /openapi.json.
//
//go:embed openapi.yaml
var openAPIDocument []byte

type config struct {
	Port          int    `env:"PORT" default:"8106"`
	StateStore    string `env:"STATE_STORE" default:"collaboration-state"`
	ProjectsAppID string `env:"PROJECTS_APP_ID" default:"projects"`
	TasksAppID    string `env:"TASKS_APP_ID" default:"tasks"`
	UsersAppID    string `env:"USERS_APP_ID" default:"users"`
	// SweepInterval is how often unfinished changes (after a crash, or a
	// failed publication) are looked for.
	SweepInterval time.Duration `env:"SWEEP_INTERVAL" default:"30s"`
	Auth          authn.Config
}

func main() {
	service.Main(service.Spec{Name: contracts.AppCollaboration, Serve: serve})
}

func serve(ctx context.Context, rt *service.Runtime) error {
	var cfg config
	if err := rt.Load(&cfg); err != nil {
		return err
	}
	members := membership.New(rt.Sidecar, cfg.ProjectsAppID, membership.Options{Log: rt.Log})
	rt.Metrics.Register(members.Collectors()...)
	store := adapters.NewStore(statekv.Dapr{Sidecar: rt.Sidecar, Name: cfg.StateStore}, rt.Sidecar, nil)
	application := app.New(app.Deps{
		Store:    store,
		Projects: adapters.NewProjects(rt.Sidecar, cfg.ProjectsAppID, members),
		Tasks:    adapters.NewTasks(rt.Sidecar, cfg.TasksAppID),
		Users:    adapters.NewUsers(rt.Sidecar, cfg.UsersAppID),
		Log:      rt.Log,
	})
	srv := rt.Server(cfg.Port)
	opts := rt.PortOptions(cfg.Auth, openAPIDocument)
	if err := ports.Register(srv.Engine, application, opts); err != nil {
		return err
	}
	members.Subscribe(srv.Engine, rt.Log, opts.AppToken)
	return rt.Run(ctx, srv, store.RunSweeper(rt.Log, cfg.SweepInterval))
}
