// Command audit is the TaskRocket audit service. It records every user action
// from every topic in Dapr state with a retention TTL.
package main

import (
	"context"

	"github.com/taskrocket/taskrocket/services/platform/service"
)

type config struct {
	Port int `env:"PORT" default:"8110"`
}

func main() {
	service.Main(service.Spec{Name: "audit", Serve: serve})
}

func serve(ctx context.Context, rt *service.Runtime) error {
	var cfg config
	if err := rt.Load(&cfg); err != nil {
		return err
	}
	return rt.Run(ctx, rt.Server(cfg.Port))
}
