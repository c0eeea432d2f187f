// Command users is the TaskRocket users service. It owns accounts:
// registration, login (password check), profiles and password changes, in its
// own Postgres database.
package main

import (
	"context"
	_ "embed"
	"runtime"
	"time"

	"github.com/taskrocket/taskrocket/services/platform/authn"
	"github.com/taskrocket/taskrocket/services/platform/postgres"
	"github.com/taskrocket/taskrocket/services/platform/service"

	"github.com/taskrocket/taskrocket/services/users/adapters"
	"github.com/taskrocket/taskrocket/services/users/app"
	"github.com/taskrocket/taskrocket/services/users/domain"
	"github.com/taskrocket/taskrocket/services/users/ports"
)

// openAPIDocument is served (as JSON) at GET /openapi.json.
//
//go:embed openapi.yaml
var openAPIDocument []byte

type config struct {
	Port  int `env:"PORT" default:"8101"`
	DB    postgres.Config
	Auth  authn.Config
	Login loginThrottle
}

// loginThrottle is domain.LoginThrottle from the environment; the defaults
// are domain.DefaultLoginThrottle's.
type loginThrottle struct {
	FreeFailures       int           `env:"LOGIN_FREE_FAILURES" default:"5"`
	BaseDelay          time.Duration `env:"LOGIN_BASE_DELAY" default:"30s"`
	MaxDelay           time.Duration `env:"LOGIN_MAX_DELAY" default:"15m"`
	AccountWindow      time.Duration `env:"LOGIN_ACCOUNT_WINDOW" default:"24h"`
	AddressMaxFailures int           `env:"LOGIN_ADDRESS_MAX_FAILURES" default:"50"`
	AddressWindow      time.Duration `env:"LOGIN_ADDRESS_WINDOW" default:"15m"`
	KnownAddressTTL    time.Duration `env:"LOGIN_KNOWN_ADDRESS_TTL" default:"2160h"`
}

func main() {
	service.Main(service.Spec{Name: "users", Serve: serve, Migrate: service.MigrateDB(adapters.Migrations())})
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
	policy, err := domain.NewPasswordPolicy()
	if err != nil {
		return err
	}
	attempts := adapters.NewLoginAttempts(store.DB, domain.LoginThrottle(cfg.Login))
	application, err := app.New(ctx, app.Deps{
		Users:    adapters.NewUsers(store.DB),
		Attempts: attempts,
		Sessions: adapters.NewAuthSessions(rt.Sidecar, cfg.Auth.AuthAppID),
		Hasher:   domain.NewHasher(domain.OWASPArgon2id(), 2*runtime.GOMAXPROCS(0)),
		Policy:   policy,
		Log:      rt.Log,
	})
	if err != nil {
		return err
	}
	srv := rt.Server(cfg.Port, store.Check())
	if err := ports.Register(srv.Engine, application, rt.PortOptions(cfg.Auth, openAPIDocument)); err != nil {
		return err
	}
	return rt.Run(ctx, srv, store.Relay.Run, attempts.RunPruner(rt.Log, time.Minute))
}
