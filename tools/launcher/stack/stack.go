// Package stack runs TaskRocket locally: the Dapr control plane (sentry,
// placement, scheduler), Mailpit, and every app of dapr/dapr.yaml beside its
// own daprd, against the machine's Postgres and Redis (or private instances
// of them). `launcher run` and the end-to-end suite both use it.
package stack

import (
	"context"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"sync"
	"sync/atomic"
	"time"
)

// Options configures Start.
type Options struct {
	Root     string // repository root; default: the working directory
	Template string // run template; default <Root>/dapr/dapr.yaml
	Offset   int    // added to every port of the stack
	DataDir  string // logs, certificates, derived configs; default <Root>/.data/run
	// DatabaseSuffix, when set, isolates the stack's data: every database
	// gets the suffix (taskrocket_users_e2e, …) and is dropped and recreated
	// at start, and the components use Redis database RedisDB, flushed at
	// start.
	DatabaseSuffix string
	// RedisDB is the Redis database of an isolated stack (DatabaseSuffix
	// set); 0 means 1. Stacks that run side by side need different ones:
	// pub/sub consumer groups and state keys are named by app id only.
	RedisDB int
	Only    []string // start only these template apps (default: all)
	// ResourcesPaths replaces the template's common resources paths (to
	// select a components variant); apps with their own paths keep them.
	ResourcesPaths []string
	ExtraApps      []App     // apps outside the template (the e2e probe)
	Stdout         io.Writer // console; default os.Stdout
	// ControlPlaneOnly starts sentry, placement, scheduler and Mailpit and
	// prepares Postgres and Redis, but no app: for the dapr CLI, or for an
	// app run from an IDE. It writes <DataDir>/cli.env.
	ControlPlaneOnly bool
	// Profile serves Go's pprof from every sidecar and app (profiling.go).
	Profile bool
	// Supervise starts again, with backoff, every process of the stack that
	// dies while it runs (app, sidecar, control plane, private Postgres and
	// Redis), and says so on the console (`launcher run` does).
	Supervise bool
	// PrivateInfra starts private Postgres and Redis under DataDir on ports
	// of their own, whatever listens at TASKROCKET_PG_URL and
	// TASKROCKET_REDIS_URL: for tests that kill them.
	PrivateInfra bool
}

// App is an app outside the template. It gets its own daprd like any other,
// in the next free port slot.
type App struct {
	ID             string
	Port           int      // base port; Offset is added like to every port
	Command        []string // executable and arguments
	Dir            string   // working directory; default Root
	Env            map[string]string
	ResourcesPaths []string // in addition to the template's common ones
	ConfigFile     string   // default: the template's common configFilePath
	ReadyPath      string   // default /readyz
}

// Stack is a running local TaskRocket.
type Stack struct {
	opts     Options
	root     string
	bin      string
	data     string
	layout   Layout
	apps     []*appRun
	byID     map[string]*appRun
	con      *console
	pgAdmin  *url.URL
	redis    RedisServer
	anchors  string            // sentry's CA certificate, PEM
	sidecar  map[string]string // TASKROCKET_* of every daprd
	mu       sync.Mutex
	control  []*proc          // sentry, placement, scheduler, Mailpit
	infra    []*proc          // private Postgres and Redis, if started
	named    map[string]*proc // the latest process of each control-plane and infra part
	restarts map[string]int   // supervised restarts per part
	stopped  chan struct{}    // closed when Stop begins
	stopping atomic.Bool
	started  time.Time
	startup  time.Duration
	stopOnce sync.Once
	stopErr  error
}

// Start builds what is missing, starts the whole stack and returns once
// every app and sidecar reports ready. ctx bounds the start only; the stack
// runs until Stop. On error everything already started is stopped.
func Start(ctx context.Context, opts Options) (*Stack, error) {
	s, err := plan(opts)
	if err != nil {
		return nil, err
	}
	if msg, err := reservePorts(s.bindings()); err != nil {
		return nil, err
	} else if msg != "" {
		s.con.say("%s", msg)
	}
	if err := WaitFree(ctx, s.bindings(), 75*time.Second, func(m string) { s.con.say("%s", m) }); err != nil {
		return nil, err
	}
	if err := s.boot(ctx); err != nil {
		stopCtx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
		defer cancel()
		_ = s.Stop(stopCtx)
		return nil, err
	}
	return s, nil
}

// plan reads the template and works out apps and ports; no side effects.
func plan(opts Options) (*Stack, error) {
	root := opts.Root
	if root == "" {
		wd, err := os.Getwd()
		if err != nil {
			return nil, fmt.Errorf("working directory: %w", err)
		}
		root = wd
	}
	root, err := filepath.Abs(root)
	if err != nil {
		return nil, fmt.Errorf("root: %w", err)
	}
	if opts.Template == "" {
		opts.Template = filepath.Join(root, "dapr", "dapr.yaml")
	}
	if opts.DataDir == "" {
		opts.DataDir = filepath.Join(root, ".data", "run")
	}
	if opts.Stdout == nil {
		opts.Stdout = os.Stdout
	}
	data, err := filepath.Abs(opts.DataDir)
	if err != nil {
		return nil, fmt.Errorf("data dir: %w", err)
	}
	tmpl, err := LoadTemplate(opts.Template)
	if err != nil {
		return nil, err
	}
	s := &Stack{opts: opts, root: root, bin: filepath.Join(root, ".bin"), data: data, byID: map[string]*appRun{},
		started: time.Now(), named: map[string]*proc{}, restarts: map[string]int{}, stopped: make(chan struct{})}
	apps, base, err := s.planApps(tmpl)
	if err != nil {
		return nil, err
	}
	if err := base.Validate(); err != nil {
		return nil, fmt.Errorf("ports: %w", err)
	}
	if err := CheckOffset(base, opts.Offset); err != nil {
		return nil, err
	}
	s.layout = base.Shift(opts.Offset)
	width := len("placement")
	for _, a := range apps {
		a.ports = s.layout.Apps[a.id]
		s.apps = append(s.apps, a)
		s.byID[a.id] = a
		width = max(width, len(a.id)+len("-dapr"))
	}
	s.con = newConsole(opts.Stdout, width)
	return s, nil
}

// URL is the base URL of an app's own HTTP server ("" for an unknown app).
func (s *Stack) URL(appID string) string {
	if a := s.byID[appID]; a != nil {
		return "http://127.0.0.1:" + strconv.Itoa(a.ports.App)
	}
	return ""
}

// Ports returns the ports of an app and its sidecar.
func (s *Stack) Ports(appID string) AppPorts {
	if a := s.byID[appID]; a != nil {
		return a.ports
	}
	return AppPorts{}
}

// DaprHTTPPort is the HTTP API port of an app's sidecar (0 if unknown).
func (s *Stack) DaprHTTPPort(appID string) int { return s.Ports(appID).HTTP }

// DaprGRPCPort is the gRPC API port of an app's sidecar (0 if unknown).
func (s *Stack) DaprGRPCPort(appID string) int { return s.Ports(appID).GRPC }

// APIToken is the token the app's sidecar requires (header dapr-api-token).
func (s *Stack) APIToken(appID string) string {
	if a := s.byID[appID]; a != nil {
		return a.apiToken
	}
	return ""
}

// AppToken is the token the app's sidecar sends to the app.
func (s *Stack) AppToken(appID string) string {
	if a := s.byID[appID]; a != nil {
		return a.appToken
	}
	return ""
}

// AppIDs lists the running apps in slot order.
func (s *Stack) AppIDs() []string {
	ids := make([]string, 0, len(s.apps))
	for _, a := range s.apps {
		ids = append(ids, a.id)
	}
	return ids
}

// MailpitURL is the base URL of Mailpit's UI and API.
func (s *Stack) MailpitURL() string {
	return "http://127.0.0.1:" + strconv.Itoa(s.layout.ControlPlane.MailpitHTTP)
}

// PostgresURL is the admin URL of the Postgres server in use.
func (s *Stack) PostgresURL() string { return s.pgAdmin.String() }

// DatabaseURL is the URL of one of the stack's databases, by its base name
// (e.g. "taskrocket_users"; the DatabaseSuffix is appended).
func (s *Stack) DatabaseURL(base string) string {
	return DatabaseURL(s.pgAdmin, base+s.opts.DatabaseSuffix)
}

// Redis is the Redis server (and database) the components use.
func (s *Stack) Redis() RedisServer { return s.redis }

// DataDir is the folder with the stack's logs and state.
func (s *Stack) DataDir() string { return s.data }

// StartupTime is how long Start took.
func (s *Stack) StartupTime() time.Duration { return s.startup }

// Kill SIGKILLs an app's process (not its sidecar), as a crash would.
func (s *Stack) Kill(appID string) error {
	a := s.byID[appID]
	if a == nil {
		return fmt.Errorf("kill: unknown app %q", appID)
	}
	return a.kill()
}

// StartApp starts an app again (after Kill) and waits until it is ready.
func (s *Stack) StartApp(ctx context.Context, appID string) error {
	return s.Restart(ctx, appID, nil)
}

// Stop stops the apps, then their sidecars, then the control plane and
// Mailpit, then private Postgres and Redis; each group is asked to stop
// and killed after a grace period, or at once when ctx is done.
func (s *Stack) Stop(ctx context.Context) error {
	s.stopOnce.Do(func() {
		s.stopping.Store(true)
		close(s.stopped)
		s.mu.Lock()
		control, infra := slices.Clone(s.control), slices.Clone(s.infra)
		s.mu.Unlock()
		var apps, sidecars []*proc
		for _, a := range s.apps {
			apps = append(apps, a.appProc())
			sidecars = append(sidecars, a.daprdProc())
		}
		stopProcs(ctx, 3*time.Second, apps...)
		stopProcs(ctx, 3*time.Second, sidecars...)
		stopProcs(ctx, 2*time.Second, control...)
		stopProcs(ctx, 3*time.Second, infra...)
		for _, a := range s.apps {
			a.closeLogs()
		}
		s.stopErr = ctx.Err()
	})
	return s.stopErr
}

func (s *Stack) addControl(name string, p *proc) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.control = append(s.control, p)
	s.named[name] = p
}

// bindings are the ports this run will listen on.
func (s *Stack) bindings() []Binding {
	if s.opts.ControlPlaneOnly {
		return Layout{ControlPlane: s.layout.ControlPlane}.Bindings()
	}
	return s.layout.Bindings()
}
