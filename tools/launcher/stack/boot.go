package stack

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"
)

// boot runs the start sequence; Start stops whatever it started on error.
func (s *Stack) boot(ctx context.Context) error {
	for _, d := range []string{s.data, filepath.Join(s.data, "logs"), filepath.Join(s.data, "config"), filepath.Join(s.data, "sentry")} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			return fmt.Errorf("data dir: %w", err)
		}
	}
	if err := s.build(ctx); err != nil {
		return err
	}
	buildDone := time.Now()
	if err := s.setupPostgres(ctx); err != nil {
		return err
	}
	if err := s.setupRedis(ctx); err != nil {
		return err
	}
	dbs, err := s.rewriteDatabaseURLs()
	if err != nil {
		return err
	}
	if err := prepareDatabases(ctx, s.pgAdmin.String(), dbs, s.opts.DatabaseSuffix != ""); err != nil {
		return err
	}
	if s.sidecar, err = s.sidecarEnv(filepath.Join(filepath.Dir(s.opts.Template), "local.env")); err != nil {
		return err
	}
	// Sidecars of earlier runs registered themselves here; start afresh.
	nameDB := filepath.Join(s.data, "nameresolution.db")
	for _, suffix := range []string{"", "-wal", "-shm"} {
		_ = os.Remove(nameDB + suffix)
	}
	if err := s.startControlPlane(ctx); err != nil {
		return err
	}
	if err := s.ensureStreams(ctx); err != nil {
		return err
	}
	cliEnv, err := s.writeCLIEnv()
	if err != nil {
		return err
	}
	if s.opts.ControlPlaneOnly {
		s.startup = time.Since(s.started)
		cp := s.layout.ControlPlane
		s.con.say("control plane up in %.1fs: sentry 127.0.0.1:%d, placement 127.0.0.1:%d, scheduler 127.0.0.1:%d, "+
			"Mailpit %s\nfor the dapr CLI: set -a; . dapr/local.env; . %s; set +a; dapr run -f dapr/dapr.yaml",
			s.startup.Seconds(), cp.Sentry, cp.Placement, cp.Scheduler, s.MailpitURL(), cliEnv)
		return nil
	}
	for _, a := range s.apps {
		if a.configSrc == "" {
			return fmt.Errorf("%s: no Dapr configuration (configFilePath in the template)", a.id)
		}
		cfg := filepath.Join(s.data, "config", a.id+".yaml")
		if err := deriveConfig(a.configSrc, cfg, nameDB); err != nil {
			return err
		}
		s.prepareApp(a, cfg)
	}
	if err := s.startApps(ctx); err != nil {
		return err
	}
	for _, a := range s.apps {
		s.superviseApp(a)
	}
	s.startup = time.Since(s.started)
	s.summary(buildDone.Sub(s.started))
	return nil
}

// rewriteDatabaseURLs points every *_DATABASE_URL of the apps at the
// Postgres server in use (with the suffix) and returns the databases to
// prepare, the state stores' database included.
func (s *Stack) rewriteDatabaseURLs() ([]string, error) {
	dbs := []string{StateDatabase + s.opts.DatabaseSuffix}
	for _, a := range s.apps {
		env := make(map[string]string, len(a.env))
		for k, v := range a.env {
			if strings.HasSuffix(k, DatabaseURLSuffix) && v != "" {
				u, db, err := RewriteDSN(v, s.pgAdmin, s.opts.DatabaseSuffix)
				if err != nil {
					return nil, fmt.Errorf("%s %s: %w", a.id, k, err)
				}
				v = u
				if !slices.Contains(dbs, db) {
					dbs = append(dbs, db)
				}
			}
			env[k] = v
		}
		a.env = env
	}
	return dbs, nil
}

func (s *Stack) summary(build time.Duration) {
	rel := func(p string) string {
		if r, err := filepath.Rel(s.root, p); err == nil && !strings.HasPrefix(r, "..") {
			return r
		}
		return p
	}
	cp := s.layout.ControlPlane
	var b strings.Builder
	fmt.Fprintf(&b, "\nTaskRocket is up: %d apps in %.1fs (%.1fs building, %.1fs starting)",
		len(s.apps), s.startup.Seconds(), build.Seconds(), (s.startup - build).Seconds())
	if s.opts.Offset != 0 {
		fmt.Fprintf(&b, ", port offset %d", s.opts.Offset)
	}
	b.WriteString("\n")
	if s.byID["gateway"] != nil {
		fmt.Fprintf(&b, "  %-15s %s\n", "gateway", s.URL("gateway"))
	}
	fmt.Fprintf(&b, "  %-15s %s   (SMTP 127.0.0.1:%d)\n", "Mailpit", s.MailpitURL(), cp.MailpitSMTP)
	for _, a := range s.apps {
		fmt.Fprintf(&b, "  %-15s %-24s dapr http %d  grpc %d  metrics %d\n",
			a.id, s.URL(a.id), a.ports.HTTP, a.ports.GRPC, a.ports.Metrics)
	}
	fmt.Fprintf(&b, "  %-15s %s\n", "postgres", redact(s.pgAdmin.String()))
	fmt.Fprintf(&b, "  %-15s %s db %d\n", "redis", s.redis.Addr, s.redis.DB)
	fmt.Fprintf(&b, "  %-15s %s\n", "logs", rel(filepath.Join(s.data, "logs")))
	s.con.say("%s", strings.TrimRight(b.String(), "\n"))
}

// CLIEnv is the environment a daprd started by the dapr CLI needs beside
// this control plane, as the Dapr docs list it for self-hosted mTLS: the
// namespace and trust anchors of the mTLS identities (what daprd 1.16
// reads), the issuer's certificate chain and key (DAPR_CERT_CHAIN,
// DAPR_CERT_KEY, which the docs set too), and the component settings of
// the servers this stack uses.
func (s *Stack) CLIEnv() (map[string]string, error) {
	env := map[string]string{"NAMESPACE": "default", "DAPR_TRUST_ANCHORS": s.anchors}
	for name, file := range map[string]string{"DAPR_CERT_CHAIN": "issuer.crt", "DAPR_CERT_KEY": "issuer.key"} {
		b, err := os.ReadFile(filepath.Join(s.data, "sentry", file))
		if err != nil {
			return nil, fmt.Errorf("sentry issuer credentials: %w", err)
		}
		env[name] = string(b)
	}
	for k, v := range s.sidecar {
		env[k] = v
	}
	return env, nil
}

// ControlPlane is the ports of the stack's sentry, placement, scheduler
// and Mailpit.
func (s *Stack) ControlPlane() ControlPlanePorts { return s.layout.ControlPlane }

// writeCLIEnv writes CLIEnv to <data>/cli.env, for a sidecar the dapr
// CLI starts beside this control plane, and returns its path.
func (s *Stack) writeCLIEnv() (string, error) {
	env, err := s.CLIEnv()
	if err != nil {
		return "", err
	}
	var b strings.Builder
	b.WriteString("# Written by the launcher for this control plane; load it with\n" +
		"#   set -a; . dapr/local.env; . <this file>; set +a; dapr run -f dapr/dapr.yaml\n")
	for _, kv := range envList(env) {
		k, v, _ := strings.Cut(kv, "=")
		fmt.Fprintf(&b, "%s='%s'\n", k, strings.ReplaceAll(v, "'", `'\''`))
	}
	path := filepath.Join(s.data, "cli.env")
	if err := os.WriteFile(path, []byte(b.String()), 0o600); err != nil {
		return "", fmt.Errorf("cli env: %w", err)
	}
	return path, nil
}
