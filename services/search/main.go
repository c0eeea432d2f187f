// Command search is the TaskRocket search service. It indexes tasks, projects
// and comments for permission-aware full-text search.
package main

import (
	"context"

	"github.com/taskrocket/taskrocket/services/platform/service"
)

type config struct {
	Port int `env:"PORT" default:"8111"`
}

func main() {
	service.Main(service.Spec{Name: "search", Serve: serve})
}

func serve(ctx context.Context, rt *service.Runtime) error {
	var cfg config
	if err := rt.Load(&cfg); err != nil {
		return err
	}
	return rt.Run(ctx, rt.Server(cfg.Port))
}
