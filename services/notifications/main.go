// Command notifications is the TaskRocket notifications service. It turns
// events into e-mail, push and in-app notifications through Dapr bindings and
// state.
package main

import (
	"context"

	"github.com/taskrocket/taskrocket/services/platform/service"
)

type config struct {
	Port int `env:"PORT" default:"8109"`
}

func main() {
	service.Main(service.Spec{Name: "notifications", Serve: serve})
}

func serve(ctx context.Context, rt *service.Runtime) error {
	var cfg config
	if err := rt.Load(&cfg); err != nil {
		return err
	}
	return rt.Run(ctx, rt.Server(cfg.Port))
}
