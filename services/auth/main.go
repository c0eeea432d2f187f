// Command auth is the TaskRocket auth service. It owns tokens: it signs
// access tokens, publishes its keys as a JWKS, and keeps refresh-token
// families in Dapr state.
package main

import (
	"context"

	"github.com/taskrocket/taskrocket/services/platform/service"
)

type config struct {
	Port int `env:"PORT" default:"8102"`
}

func main() {
	service.Main(service.Spec{Name: "auth", Serve: serve})
}

func serve(ctx context.Context, rt *service.Runtime) error {
	var cfg config
	if err := rt.Load(&cfg); err != nil {
		return err
	}
	return rt.Run(ctx, rt.Server(cfg.Port))
}
