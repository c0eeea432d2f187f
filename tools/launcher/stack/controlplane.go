package stack

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"
)

const sentryConfig = `# Written by the launcher: sentry's own configuration.
apiVersion: dapr.io/v1alpha1
kind: Configuration
metadata:
  name: daprsystem
spec:
  mtls:
    enabled: true
    workloadCertTTL: 24h
    allowedClockSkew: 15m
`

// startControlPlane starts sentry (the CA; it creates its issuer
// credentials under <data>/sentry on first start), then placement,
// scheduler and Mailpit, and waits for each to report healthy.
func (s *Stack) startControlPlane(ctx context.Context) error {
	cp := s.layout.ControlPlane
	creds := filepath.Join(s.data, "sentry")
	cfg := filepath.Join(s.data, "sentry-config.yaml")
	if err := os.WriteFile(cfg, []byte(sentryConfig), 0o644); err != nil {
		return fmt.Errorf("sentry config: %w", err)
	}
	began := time.Now()
	sentryArgs := []string{
		"--issuer-credentials", creds, "--trust-domain", "localhost", "--config", cfg,
		"--port", itoa(cp.Sentry), "--listen-address", "127.0.0.1",
		"--healthz-port", itoa(cp.SentryHealthz), "--metrics-port", itoa(cp.SentryMetrics),
		"--healthz-listen-address", "127.0.0.1", "--metrics-listen-address", "127.0.0.1", "--log-as-json",
	}
	err := s.startServer(ctx, "sentry", sentryArgs, healthz(cp.SentryHealthz), "")
	if err != nil {
		return err
	}
	ca, err := os.ReadFile(filepath.Join(creds, "ca.crt"))
	if err != nil {
		return fmt.Errorf("sentry trust anchors: %w", err)
	}
	s.anchors = string(ca)
	anchors := filepath.Join(creds, "ca.crt")
	tls := []string{"--tls-enabled", "--trust-domain", "localhost", "--trust-anchors-file", anchors,
		"--sentry-address", "127.0.0.1:" + itoa(cp.Sentry), "--mode", "standalone", "--listen-address", "127.0.0.1",
		"--healthz-listen-address", "127.0.0.1", "--metrics-listen-address", "127.0.0.1", "--log-as-json"}
	schedData := filepath.Join(s.data, "scheduler")
	servers := []struct {
		name, health, readyMsg string
		args                   []string
	}{
		{"placement", healthz(cp.PlacementHealthz), "", append([]string{
			"--port", itoa(cp.Placement), "--healthz-port", itoa(cp.PlacementHealthz),
			"--metrics-port", itoa(cp.PlacementMetrics),
			"--initial-cluster", "dapr-placement-0=127.0.0.1:" + itoa(cp.PlacementRaft),
		}, tls...)},
		// The scheduler reports healthy before its embedded etcd has
		// replayed existing data; sidecars that connect in between are
		// disconnected again, so wait for its cron to be ready.
		{"scheduler", healthz(cp.SchedulerHealthz), "Cron is ready", append([]string{
			"--port", itoa(cp.Scheduler), "--healthz-port", itoa(cp.SchedulerHealthz),
			"--metrics-port", itoa(cp.SchedulerMetrics),
			"--etcd-data-dir", schedData, "--etcd-client-port", itoa(cp.EtcdClient),
			"--etcd-initial-cluster", "dapr-scheduler-server-0=http://127.0.0.1:" + itoa(cp.EtcdPeer),
			"--identity-directory-write", filepath.Join(schedData, "tls"),
		}, tls...)},
		{"mailpit", s.MailpitURL() + "/readyz", "", []string{
			"--smtp", "127.0.0.1:" + itoa(cp.MailpitSMTP), "--listen", "127.0.0.1:" + itoa(cp.MailpitHTTP),
			"--database", filepath.Join(s.data, "mailpit.db"), "--smtp-auth-accept-any",
			"--smtp-auth-allow-insecure", "--disable-version-check",
		}},
	}
	errs := make(chan error, len(servers))
	for _, sv := range servers {
		go func() { errs <- s.startServer(ctx, sv.name, sv.args, sv.health, sv.readyMsg) }()
	}
	var all []error
	for range servers {
		all = append(all, <-errs)
	}
	if err := errors.Join(all...); err != nil {
		return err
	}
	s.superviseServer("sentry", sentryArgs, healthz(cp.SentryHealthz), "")
	for _, sv := range servers {
		s.superviseServer(sv.name, sv.args, sv.health, sv.readyMsg)
	}
	s.con.say("control plane ready in %.1fs (sentry, placement, scheduler, Mailpit)", time.Since(began).Seconds())
	return nil
}

// startServer starts one control-plane process from .bin with its output
// in <data>/logs/<name>.log (errors echoed) and waits for health and, when
// readyMsg is set, for a log line containing it.
func (s *Stack) startServer(ctx context.Context, name string, args []string, health, readyMsg string) error {
	ctx, cancel := context.WithTimeout(ctx, time.Minute)
	defer cancel()
	logPath := filepath.Join(s.data, "logs", name+".log")
	f, err := openLog(logPath, s.current(name) != nil)
	if err != nil {
		return fmt.Errorf("%s log: %w", name, err)
	}
	ready := make(chan struct{})
	var once sync.Once
	if readyMsg == "" {
		close(ready)
	}
	echo := newLineWriter(func(l string) {
		if readyMsg != "" && strings.Contains(l, readyMsg) {
			once.Do(func() { close(ready) })
		}
		if text, ok := daprNotice(l); ok && !strings.HasPrefix(text, "WARN") && !s.stopping.Load() {
			s.con.line(name, 0, text)
		}
	})
	p, err := startProc(procSpec{Name: name, Path: filepath.Join(s.bin, name), Args: args, Dir: s.data,
		Env: []string{"PATH=" + os.Getenv("PATH"), "HOME=" + os.Getenv("HOME")}, Out: io.MultiWriter(f, echo)})
	if err != nil {
		_ = f.Close()
		return err
	}
	s.addControl(name, p)
	if err := waitHTTP(ctx, health, p); err != nil {
		return fmt.Errorf("%s: %w\n%s", name, err, tail(logPath, 15))
	}
	slow := time.NewTimer(3 * time.Second)
	defer slow.Stop()
	for {
		select {
		case <-ready:
			return nil
		case <-slow.C:
			s.con.say("%s: waiting for %q (after an unclean stop the scheduler waits about 20 s "+
				"for its previous lease to expire)", name, readyMsg)
			continue
		case <-p.done:
			return fmt.Errorf("%w\n%s", p.exitErr(), tail(logPath, 15))
		case <-ctx.Done():
			return fmt.Errorf("%s: no %q in its log: %w", name, readyMsg, ctx.Err())
		}
	}
}

// waitHTTP polls url until it answers 2xx, p exits, or ctx ends.
func waitHTTP(ctx context.Context, url string, p *proc) error {
	client := &http.Client{Timeout: time.Second}
	for {
		if p != nil && p.exited() {
			return p.exitErr()
		}
		err := probe(ctx, client, url, "health")
		if err == nil {
			return nil
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("not healthy: %w", err)
		case <-time.After(100 * time.Millisecond):
		}
	}
}

func healthz(port int) string { return "http://127.0.0.1:" + itoa(port) + "/healthz" }

func itoa(n int) string { return strconv.Itoa(n) }
