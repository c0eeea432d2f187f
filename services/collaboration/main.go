// Command collaboration is the TaskRocket collaboration service. It owns
// comments on tasks and projects, kept in Dapr state.
package main

import (
	"context"

	"github.com/taskrocket/taskrocket/services/platform/service"
)

type config struct {
	Port int `env:"PORT" default:"8106"`
}

func main() {
	service.Main(service.Spec{Name: "collaboration", Serve: serve})
}

func serve(ctx context.Context, rt *service.Runtime) error {
	var cfg config
	if err := rt.Load(&cfg); err != nil {
		return err
	}
	return rt.Run(ctx, rt.Server(cfg.Port))
}
