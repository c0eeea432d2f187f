package service

import (
	"context"
	"errors"
	"fmt"

	"golang.org/x/sync/errgroup"
	"gorm.io/gorm"

	"github.com/taskrocket/taskrocket/services/platform/httpserver"
	"github.com/taskrocket/taskrocket/services/platform/migrate"
	"github.com/taskrocket/taskrocket/services/platform/outbox"
	"github.com/taskrocket/taskrocket/services/platform/postgres"
)

// Store is a service's relational database with its outbox relay.
type Store struct {
	DB    *gorm.DB
	Relay *outbox.Relay
}

// OpenStore connects to the service's database, applies the outbox schema
// and the service's own migrations, and prepares the outbox relay (started
// by Run). The connection pool is closed when ctx ends.
func (rt *Runtime) OpenStore(ctx context.Context, cfg postgres.Config, own ...migrate.Source) (*Store, error) {
	db, err := postgres.Open(ctx, cfg, rt.Log)
	if err != nil {
		return nil, err
	}
	context.AfterFunc(ctx, func() {
		if sqlDB, err := db.DB(); err == nil {
			_ = sqlDB.Close()
		}
	})
	if err := postgres.Migrate(ctx, db, append([]migrate.Source{outbox.Migrations()}, own...)...); err != nil {
		return nil, fmt.Errorf("migrate: %w", err)
	}
	relay := outbox.NewRelay(db, rt.Sidecar, rt.Log, outbox.RelayOptions{ListenDSN: cfg.URL})
	rt.Metrics.Register(relay.Collectors()...)
	return &Store{DB: db, Relay: relay}, nil
}

// Check is the readiness check of the database.
func (s *Store) Check() httpserver.Check {
	return httpserver.Check{Name: "postgres", Fn: postgres.Ping(s.DB)}
}

// MigrateOnly applies the schema and returns; it backs the migrate command
// (run by Kubernetes before the service starts).
func (rt *Runtime) MigrateOnly(ctx context.Context, cfg postgres.Config, own ...migrate.Source) error {
	db, err := postgres.Open(ctx, cfg, rt.Log)
	if err != nil {
		return err
	}
	if sqlDB, err := db.DB(); err == nil {
		defer sqlDB.Close()
	}
	return postgres.Migrate(ctx, db, append([]migrate.Source{outbox.Migrations()}, own...)...)
}

// Run serves HTTP and runs the background workers (outbox relay, consumers)
// until ctx is cancelled or one of them fails, then stops them all.
func (rt *Runtime) Run(ctx context.Context, srv *httpserver.Server, workers ...func(context.Context) error) error {
	g, ctx := errgroup.WithContext(ctx)
	g.Go(func() error { return srv.Run(ctx) })
	for _, w := range workers {
		g.Go(func() error {
			if err := w(ctx); err != nil && !errors.Is(err, context.Canceled) {
				return err
			}
			return nil
		})
	}
	return g.Wait()
}
