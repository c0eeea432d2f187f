// Command search is the TaskRocket search service: it keeps a document per
// task (with its comments, labels, assignees and project) and per project,
// fed by the other contexts' events, and answers searches as the user
// types, only within the projects the caller belongs to at that moment.
package main

import (
	"context"
	_ "embed"
	"fmt"
	"os"
	"path/filepath"

	"github.com/taskrocket/taskrocket/services/contracts"
	"github.com/taskrocket/taskrocket/services/platform/authn"
	"github.com/taskrocket/taskrocket/services/platform/membership"
	"github.com/taskrocket/taskrocket/services/platform/service"

	"github.com/taskrocket/taskrocket/services/search/adapters"
	"github.com/taskrocket/taskrocket/services/search/app"
	"github.com/taskrocket/taskrocket/services/search/ports"
)

// openAPIDocument is served (as JSON) at GET /openapi.json.
//
//go:embed openapi.yaml
var openAPIDocument []byte

type config struct {
	Port int `env:"PORT" default:"8111"`
	// DataDir holds the Bleve index and the catalog of records.
	DataDir       string `env:"DATA_DIR" default:".data/search"`
	ProjectsAppID string `env:"PROJECTS_APP_ID" default:"projects"`
	Auth          authn.Config
}

func main() {
	service.Main(service.Spec{Name: contracts.AppSearch, Serve: serve})
}

func serve(ctx context.Context, rt *service.Runtime) error {
	var cfg config
	if err := rt.Load(&cfg); err != nil {
		return err
	}
	if err := os.MkdirAll(cfg.DataDir, 0o755); err != nil {
		return fmt.Errorf("data dir: %w", err)
	}
	catalog, err := adapters.OpenCatalog(filepath.Join(cfg.DataDir, "catalog.db"), false)
	if err != nil {
		return err
	}
	defer catalog.Close()
	index, err := adapters.OpenBleve(filepath.Join(cfg.DataDir, "index.bleve"))
	if err != nil {
		return err
	}
	defer index.Close()
	rt.Log.Info("search index", "engine", "bleve", "dir", cfg.DataDir)

	members := membership.New(rt.Sidecar, cfg.ProjectsAppID, membership.Options{Log: rt.Log})
	rt.Metrics.Register(members.Collectors()...)
	application := app.New(app.Deps{
		Catalog: catalog, Index: index, Members: adapters.Members{View: members}, Log: rt.Log,
	})
	if n, err := application.Recover(ctx); err != nil {
		return err
	} else if n > 0 {
		rt.Log.Warn("the index was behind its catalog (a crash); rendered again", "documents", n)
	}
	srv := rt.Server(cfg.Port)
	if err := ports.Register(srv.Engine, application, rt.PortOptions(cfg.Auth, openAPIDocument)); err != nil {
		return err
	}
	return rt.Run(ctx, srv)
}
