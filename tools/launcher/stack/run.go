package stack

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"
)

// prepareApp works out the environment and arguments of an app and its
// sidecar; config is the derived per-run Dapr Configuration.
func (s *Stack) prepareApp(a *appRun, config string) {
	env := map[string]string{}
	for _, kv := range os.Environ() {
		if k, v, ok := strings.Cut(kv, "="); ok {
			env[k] = v
		}
	}
	for k, v := range a.env {
		env[k] = v
	}
	p := a.ports
	prefix := strings.ToUpper(strings.ReplaceAll(a.id, "-", "_"))
	for k, v := range map[string]string{
		prefix + "_PORT": strconv.Itoa(p.App),
		"APP_ID":         a.id, "APP_PORT": strconv.Itoa(p.App), "APP_PROTOCOL": a.health.Protocol,
		"DAPR_HTTP_PORT": strconv.Itoa(p.HTTP), "DAPR_GRPC_PORT": strconv.Itoa(p.GRPC),
		"DAPR_METRICS_PORT": strconv.Itoa(p.Metrics),
		"DAPR_API_TOKEN":    a.apiToken, "APP_API_TOKEN": a.appToken,
		// A folder of the run's own for an app that keeps files (search's index).
		prefix + "_DATA_DIR": filepath.Join(s.data, "apps", a.id),
	} {
		env[k] = v
	}
	// Where people reach this stack (links in e-mail and push).
	if gw, ok := s.layout.Apps["gateway"]; ok {
		env["TASKROCKET_PUBLIC_URL"] = "http://127.0.0.1:" + strconv.Itoa(gw.App)
	}
	a.appLogPath = filepath.Join(s.data, "logs", a.id+".log")

	cp := s.layout.ControlPlane
	args := []string{
		"--app-id", a.id, "--app-port", strconv.Itoa(p.App), "--app-protocol", a.health.Protocol,
		"--app-channel-address", "127.0.0.1",
		"--dapr-http-port", strconv.Itoa(p.HTTP), "--dapr-grpc-port", strconv.Itoa(p.GRPC),
		"--dapr-internal-grpc-port", strconv.Itoa(p.Internal), "--metrics-port", strconv.Itoa(p.Metrics),
		"--dapr-listen-addresses", "127.0.0.1", "--dapr-internal-grpc-listen-address", "127.0.0.1",
		"--metrics-listen-address", "127.0.0.1",
		"--placement-host-address", "127.0.0.1:" + strconv.Itoa(cp.Placement),
		"--scheduler-host-address", "127.0.0.1:" + strconv.Itoa(cp.Scheduler),
		"--sentry-address", "127.0.0.1:" + strconv.Itoa(cp.Sentry), "--enable-mtls",
		"--config", config, "--log-as-json", "--log-level", a.health.LogLevel,
		"--dapr-graceful-shutdown-seconds", "2",
	}
	for _, r := range a.resources {
		args = append(args, "--resources-path", r)
	}
	if a.health.HealthCheck {
		args = append(args, "--enable-app-health-check", "--app-health-check-path", a.health.HealthPath)
		for flag, v := range map[string]int{"--app-health-probe-interval": a.health.HealthInterval,
			"--app-health-probe-timeout": a.health.HealthTimeout, "--app-health-threshold": a.health.HealthThresh} {
			if v > 0 {
				args = append(args, flag, strconv.Itoa(v))
			}
		}
	}
	a.daprdArgs = s.profilingArgs(a, args, env)
	a.appEnv = envList(env)
	denv := map[string]string{
		"PATH": os.Getenv("PATH"), "HOME": os.Getenv("HOME"),
		"NAMESPACE": "default", "DAPR_HOST_IP": "127.0.0.1", "DAPR_TRUST_ANCHORS": s.anchors,
		"DAPR_API_TOKEN": a.apiToken, "APP_API_TOKEN": a.appToken,
	}
	for k, v := range s.sidecar {
		denv[k] = v
	}
	addDaprdGoRuntime(denv)
	a.daprdEnv = envList(denv)
}

// startApps starts every sidecar and app at once and waits until all are
// ready, printing each as it becomes ready.
func (s *Stack) startApps(ctx context.Context) error {
	ctx, cancel := context.WithTimeout(ctx, 2*time.Minute)
	defer cancel()
	type result struct {
		id   string
		took time.Duration
		err  error
	}
	results := make(chan result, len(s.apps))
	for _, a := range s.apps {
		began := time.Now()
		if err := s.startDaprd(a); err != nil {
			return err
		}
		if err := s.startAppProcess(a); err != nil {
			return err
		}
		go func() {
			err := s.waitReady(ctx, a, began)
			results <- result{a.id, time.Since(began), err}
		}()
	}
	width := len(strconv.Itoa(len(s.apps)))
	for i := range s.apps {
		r := <-results
		if r.err != nil {
			return r.err
		}
		s.con.say("[%*d/%d] %s ready in %.1fs", width, i+1, len(s.apps), r.id, r.took.Seconds())
	}
	return nil
}

func (s *Stack) startDaprd(a *appRun) error {
	flags := os.O_CREATE | os.O_WRONLY | os.O_APPEND
	if a.daprdProc() == nil {
		flags |= os.O_TRUNC
	}
	f, err := os.OpenFile(filepath.Join(s.data, "logs", a.id+"-daprd.log"), flags, 0o644)
	if err != nil {
		return fmt.Errorf("daprd log: %w", err)
	}
	name := a.id + "-dapr"
	echo := newLineWriter(func(l string) {
		if text, ok := daprNotice(l); ok && !s.stopping.Load() {
			s.con.line(name, a.colour, text)
		}
	})
	p, err := startProc(procSpec{Name: a.id + " sidecar", Path: filepath.Join(s.bin, "daprd"), Args: a.daprdArgs,
		Dir: s.root, Env: a.daprdEnv, Out: io.MultiWriter(f, echo)})
	if err != nil {
		_ = f.Close()
		return err
	}
	a.mu.Lock()
	if a.daprdLog != nil {
		_ = a.daprdLog.Close()
	}
	a.daprd, a.daprdLog = p, f
	a.mu.Unlock()
	return nil
}

// startAppProcess starts (or restarts) the app itself; its output goes to
// the console and to <data>/logs/<app>.log.
func (s *Stack) startAppProcess(a *appRun) error {
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.app != nil && !a.app.exited() {
		return fmt.Errorf("start %s: already running", a.id)
	}
	flags := os.O_CREATE | os.O_WRONLY | os.O_APPEND
	if a.app == nil {
		flags |= os.O_TRUNC
	}
	f, err := os.OpenFile(a.appLogPath, flags, 0o644)
	if err != nil {
		return fmt.Errorf("app log: %w", err)
	}
	if a.appLog != nil {
		_ = a.appLog.Close()
	}
	echo := newLineWriter(func(l string) { s.con.line(a.id, a.colour, l) })
	p, err := startProc(procSpec{Name: a.id, Path: a.command[0], Args: a.command[1:], Dir: a.dir,
		Env: a.appEnv, Out: io.MultiWriter(f, echo)})
	if err != nil {
		_ = f.Close()
		return err
	}
	a.app, a.appLog = p, f
	go func() {
		<-p.done
		if a.appProc() == p && !s.stopping.Load() {
			s.con.line(a.id, a.colour, p.exitErr().Error())
		}
	}()
	return nil
}

// waitReady polls the sidecar's /v1.0/healthz, then the app's readiness
// path (which needs the sidecar), until both answer 2xx, a process exits,
// or ctx ends.
func (s *Stack) waitReady(ctx context.Context, a *appRun, began time.Time) error {
	client := &http.Client{Timeout: 2 * time.Second}
	daprURL := "http://127.0.0.1:" + strconv.Itoa(a.ports.HTTP) + "/v1.0/healthz"
	appURL := "http://127.0.0.1:" + strconv.Itoa(a.ports.App) + a.readyPath
	sidecarReady := false
	retries := 0
	var last error
	for {
		if d := a.daprdProc(); d != nil && d.exited() {
			logPath := filepath.Join(s.data, "logs", a.id+"-daprd.log")
			// The sidecar's ports are in the kernel's ephemeral range: an
			// outgoing connection started meanwhile may hold one. Try again.
			if strings.Contains(tail(logPath, 20), "address already in use") && retries < 3 {
				retries++
				s.con.say("%s sidecar: a port was taken by another connection; starting it again", a.id)
				time.Sleep(time.Second)
				if err := s.startDaprd(a); err != nil {
					return err
				}
				continue
			}
			return fmt.Errorf("%s sidecar: %w\n%s", a.id, d.exitErr(), tail(logPath, 15))
		}
		if p := a.appProc(); p != nil && p.exited() {
			return fmt.Errorf("%w\n%s", p.exitErr(), tail(a.appLogPath, 15))
		}
		if !sidecarReady {
			last = probe(ctx, client, daprURL, "sidecar")
			sidecarReady = last == nil
		}
		if sidecarReady {
			if last = probe(ctx, client, appURL, "app"); last == nil {
				return nil
			}
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("%s not ready after %.0fs: %w", a.id, time.Since(began).Seconds(), last)
		case <-time.After(150 * time.Millisecond):
		}
	}
}

func probe(ctx context.Context, client *http.Client, url, what string) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return err
	}
	resp, err := client.Do(req)
	if err != nil {
		return fmt.Errorf("%s: %w", what, err)
	}
	_, _ = io.Copy(io.Discard, resp.Body)
	_ = resp.Body.Close()
	if resp.StatusCode >= 300 {
		return fmt.Errorf("%s: %s answers %d", what, url, resp.StatusCode)
	}
	return nil
}

func envList(env map[string]string) []string {
	out := make([]string, 0, len(env))
	for k, v := range env {
		out = append(out, k+"="+v)
	}
	slices.Sort(out)
	return out
}
