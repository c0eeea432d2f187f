// Command search is the TaskRocket search service: it keeps a document per
// task (with its comments, labels, assignees and project) and per project,
// fed by the other contexts' events, and answers searches as the user
// types, only within the projects the caller belongs to at that moment.
// `search reindex` rebuilds the index of the running service from the
// owning services while it keeps answering.
package main

import (
	"context"
	_ "embed"
	"errors"
	"fmt"

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
	// DataDir holds the generations of the Bleve index and its catalog.
	DataDir            string `env:"DATA_DIR" default:".data/search"`
	ProjectsAppID      string `env:"PROJECTS_APP_ID" default:"projects"`
	TasksAppID         string `env:"TASKS_APP_ID" default:"tasks"`
	CollaborationAppID string `env:"COLLABORATION_APP_ID" default:"collaboration"`
	UsersAppID         string `env:"USERS_APP_ID" default:"users"`
	// Engine is bleve (embedded, on disk) or elasticsearch.
	Engine           string `env:"ENGINE" default:"bleve"`
	ElasticsearchURL string `env:"ELASTICSEARCH_URL"`
	ElasticAlias     string `env:"ELASTICSEARCH_ALIAS" default:"taskrocket-search"`
	Auth             authn.Config
}

func main() {
	service.Main(service.Spec{Name: contracts.AppSearch, Serve: serve, Commands: map[string]func(context.Context, *service.Runtime) error{
		"reindex": reindex,
	}})
}

func serve(ctx context.Context, rt *service.Runtime) error {
	var cfg config
	if err := rt.Load(&cfg); err != nil {
		return err
	}
	gens := &adapters.Generations{Dir: cfg.DataDir}
	switch cfg.Engine {
	case "bleve":
	case "elasticsearch":
		if cfg.ElasticsearchURL == "" {
			return errors.New("SEARCH_ELASTICSEARCH_URL is required with SEARCH_ENGINE=elasticsearch")
		}
		es, err := adapters.NewElasticClient(adapters.ElasticConfig{URL: cfg.ElasticsearchURL})
		if err != nil {
			return err
		}
		if gens.Elastic, err = adapters.OpenElastic(ctx, es, cfg.ElasticAlias); err != nil {
			return err
		}
	default:
		return fmt.Errorf("SEARCH_ENGINE: %q is neither bleve nor elasticsearch", cfg.Engine)
	}
	defer gens.Close()
	store, err := gens.Current()
	if err != nil {
		return err
	}
	rt.Log.Info("search index", "engine", cfg.Engine, "dir", cfg.DataDir)

	members := membership.New(rt.Sidecar, cfg.ProjectsAppID, membership.Options{Log: rt.Log})
	rt.Metrics.Register(members.Collectors()...)
	application := app.New(app.Deps{
		Catalog: store.Catalog, Index: store.Index, Members: adapters.Members{View: members}, Log: rt.Log,
		Source: adapters.NewOwners(rt.Sidecar, cfg.TasksAppID, cfg.ProjectsAppID, cfg.CollaborationAppID, cfg.UsersAppID),
		Fresh:  gens.Fresh, Retire: gens.Retire,
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
