// Command notifications is the TaskRocket notifications service. It turns
// the events of the other contexts into notifications for the people they
// concern: an in-app inbox with a live feed, e-mail (immediately or as a
// daily digest) and push, each through Dapr (state store, bindings, jobs),
// as each user's preferences say.
package main

import (
	"cmp"
	"context"
	_ "embed"
	"time"

	"github.com/taskrocket/taskrocket/services/contracts"
	"github.com/taskrocket/taskrocket/services/platform/authn"
	"github.com/taskrocket/taskrocket/services/platform/service"

	"github.com/taskrocket/taskrocket/services/notifications/adapters"
	"github.com/taskrocket/taskrocket/services/notifications/app"
	"github.com/taskrocket/taskrocket/services/notifications/ports"
)

// openAPIDocument is served (as JSON) at GET /openapi.json.
//
//go:embed openapi.yaml
var openAPIDocument []byte

type config struct {
	Port       int    `env:"PORT" default:"8109"`
	UsersAppID string `env:"USERS_APP_ID" default:"users"`
	// UIBaseURL is where links in e-mail and push lead; APIBaseURL where a
	// mail client posts a one-click unsubscribe. Both default to
	// PublicURL, the gateway as people reach it.
	PublicURL  string        `env:"TASKROCKET_PUBLIC_URL,noprefix" default:"http://127.0.0.1:8080"`
	UIBaseURL  string        `env:"UI_BASE_URL"`
	APIBaseURL string        `env:"API_BASE_URL"`
	Retention  time.Duration `env:"RETENTION" default:"2160h"`
	// FeedRecheck: how often a waiting feed reads the inbox itself, for
	// notifications another replica wrote.
	FeedRecheck     time.Duration `env:"FEED_RECHECK" default:"5s"`
	PushTopicPrefix string        `env:"PUSH_TOPIC_PREFIX" default:"taskrocket/users"`
	Auth            authn.Config
}

func main() {
	service.Main(service.Spec{Name: contracts.AppNotifications, Serve: serve})
}

func serve(ctx context.Context, rt *service.Runtime) error {
	var cfg config
	if err := rt.Load(&cfg); err != nil {
		return err
	}
	templates, err := adapters.NewTemplates()
	if err != nil {
		return err
	}
	docs := &adapters.Docs{Sidecar: rt.Sidecar, Store: contracts.StoreNotifications}
	application := app.New(app.Deps{
		Docs:      docs,
		Projects:  &adapters.ProjectViews{Docs: docs},
		Users:     adapters.NewUsers(rt.Sidecar, cfg.UsersAppID),
		Mailer:    &adapters.Mailer{Sidecar: rt.Sidecar, Binding: contracts.BindingEmail},
		Renderer:  templates,
		Pusher:    &adapters.Pusher{Sidecar: rt.Sidecar, Binding: contracts.BindingPush, TopicPrefix: cfg.PushTopicPrefix},
		Scheduler: &adapters.Jobs{Sidecar: rt.Sidecar},
		Config: app.Config{UIBaseURL: cmp.Or(cfg.UIBaseURL, cfg.PublicURL), APIBaseURL: cmp.Or(cfg.APIBaseURL, cfg.PublicURL),
			Retention: cfg.Retention, FeedRecheck: cfg.FeedRecheck},
		Log: rt.Log,
	})
	srv := rt.Server(cfg.Port)
	if err := ports.Register(srv.Engine, application, rt.PortOptions(cfg.Auth, openAPIDocument)); err != nil {
		return err
	}
	return rt.Run(ctx, srv)
}
