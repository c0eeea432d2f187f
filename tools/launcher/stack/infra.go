package stack

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/url"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"slices"
	"strconv"
	"syscall"
	"time"
)

// Default servers; TASKROCKET_PG_URL and TASKROCKET_REDIS_URL override them.
const (
	DefaultPostgresURL = "postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable"
	DefaultRedisURL    = "redis://127.0.0.1:6379/0"
)

// setupPostgres finds the Postgres server (TASKROCKET_PG_URL, else the
// default), or starts a private one from the installed server binaries
// when nothing listens on a loopback address.
func (s *Stack) setupPostgres(ctx context.Context) error {
	admin, err := ParsePostgresURL(envOr("TASKROCKET_PG_URL", DefaultPostgresURL))
	if err != nil {
		return err
	}
	if s.opts.PrivateInfra || !listening(admin.Host) {
		if !isLoopback(admin.Hostname()) {
			return fmt.Errorf("postgres at %s is not reachable (TASKROCKET_PG_URL)", admin.Host)
		}
		port, err := s.privatePostgres(ctx)
		if err != nil {
			return err
		}
		admin, _ = url.Parse("postgres://postgres@127.0.0.1:" + itoa(port) + "/postgres?sslmode=disable")
	}
	s.pgAdmin = admin
	return nil
}

func (s *Stack) privatePostgres(ctx context.Context) (int, error) {
	bins, _ := filepath.Glob("/usr/lib/postgresql/*/bin/postgres")
	if len(bins) == 0 {
		return 0, errors.New("nothing listens for Postgres and no server is installed: " +
			"apt-get install postgresql (or set TASKROCKET_PG_URL)")
	}
	slices.Sort(bins) // the newest major version last (one-digit majors are long gone)
	binDir := filepath.Dir(bins[len(bins)-1])
	dir := filepath.Join(s.data, "postgres")
	var cred *syscall.Credential
	if os.Geteuid() == 0 { // Postgres refuses to run as root
		u, err := user.Lookup("postgres")
		if err != nil {
			return 0, fmt.Errorf("private Postgres: running as root needs the 'postgres' user: %w", err)
		}
		uid, _ := strconv.Atoi(u.Uid)
		gid, _ := strconv.Atoi(u.Gid)
		cred = &syscall.Credential{Uid: uint32(uid), Gid: uint32(gid)}
	}
	if !isFile(filepath.Join(dir, "PG_VERSION")) {
		s.con.say("creating a private Postgres cluster in %s", dir)
		if err := os.MkdirAll(dir, 0o700); err != nil {
			return 0, fmt.Errorf("private Postgres: %w", err)
		}
		if cred != nil {
			if err := os.Chown(dir, int(cred.Uid), int(cred.Gid)); err != nil {
				return 0, fmt.Errorf("private Postgres: %w", err)
			}
		}
		cmd := exec.CommandContext(ctx, filepath.Join(binDir, "initdb"), "-D", dir, "-U", "postgres",
			"--auth=trust", "-E", "UTF8", "--no-sync")
		cmd.SysProcAttr = &syscall.SysProcAttr{Credential: cred}
		if out, err := cmd.CombinedOutput(); err != nil {
			return 0, fmt.Errorf("initdb: %w\n%s", err, out)
		}
	}
	port, err := s.freePort()
	if err != nil {
		return 0, err
	}
	// The server runs in the foreground under the launcher (not pg_ctl's
	// daemon), so it stops with the stack; SIGINT is Postgres' fast shutdown.
	spec := procSpec{Path: filepath.Join(binDir, "postgres"),
		Args:       []string{"-D", dir, "-p", itoa(port), "-k", dir, "-c", "listen_addresses=127.0.0.1"},
		StopSignal: syscall.SIGINT, Credential: cred}
	if err := s.startInfra(ctx, "postgres", spec, "127.0.0.1:"+itoa(port)); err != nil {
		return 0, err
	}
	s.superviseInfra("postgres", spec, "127.0.0.1:"+itoa(port))
	return port, nil
}

// setupRedis finds Redis (TASKROCKET_REDIS_URL, else the default) or starts
// a private redis-server; in isolated mode (DatabaseSuffix) the components
// use database Options.RedisDB (default 1), flushed now.
func (s *Stack) setupRedis(ctx context.Context) error {
	r, err := ParseRedisURL(envOr("TASKROCKET_REDIS_URL", DefaultRedisURL))
	if err != nil {
		return err
	}
	if s.opts.PrivateInfra || !listening(r.Addr) {
		host, _, _ := net.SplitHostPort(r.Addr)
		if !isLoopback(host) {
			return fmt.Errorf("redis at %s is not reachable (TASKROCKET_REDIS_URL)", r.Addr)
		}
		path, err := exec.LookPath("redis-server")
		if err != nil {
			return errors.New("nothing listens for Redis and redis-server is not installed: " +
				"apt-get install redis-server (or set TASKROCKET_REDIS_URL)")
		}
		port, err := s.freePort()
		if err != nil {
			return err
		}
		dir := filepath.Join(s.data, "redis")
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return fmt.Errorf("private Redis: %w", err)
		}
		r = RedisServer{Addr: "127.0.0.1:" + itoa(port)}
		// Every write is on disk before Redis answers it (append-only file,
		// fsync always): an event the broker accepted survives a crash, as
		// the outbox relay assumes once it marks the event published.
		spec := procSpec{Path: path, Args: []string{"--port", itoa(port), "--bind", "127.0.0.1", "--dir", dir,
			"--save", "", "--appendonly", "yes", "--appendfsync", "always"}}
		if err := s.startInfra(ctx, "redis", spec, r.Addr); err != nil {
			return err
		}
		s.superviseInfra("redis", spec, r.Addr)
	}
	if s.opts.DatabaseSuffix != "" {
		r.DB = s.opts.RedisDB
		if r.DB <= 0 {
			r.DB = 1
		}
		if err := redisDo(ctx, r, "FLUSHDB"); err != nil {
			return fmt.Errorf("flush redis db %d: %w", r.DB, err)
		}
	} else if err := redisDo(ctx, r, "PING"); err != nil {
		return fmt.Errorf("redis at %s: %w", r.Addr, err)
	}
	s.redis = r
	return nil
}

// startInfra starts a private server with its log in <data>/logs and waits
// until it accepts connections on addr.
func (s *Stack) startInfra(ctx context.Context, name string, spec procSpec, addr string) error {
	if err := s.launchInfra(ctx, name, spec, addr); err != nil {
		return err
	}
	// After a crash both replay what they wrote before they serve.
	switch name {
	case "redis":
		return redisLoaded(ctx, RedisServer{Addr: addr})
	case "postgres":
		return postgresAccepting(ctx, "postgres://postgres@"+addr+"/postgres?sslmode=disable")
	}
	return nil
}

// launchInfra starts the server and waits until it accepts connections.
func (s *Stack) launchInfra(ctx context.Context, name string, spec procSpec, addr string) error {
	logPath := filepath.Join(s.data, "logs", name+".log")
	f, err := openLog(logPath, s.current(name) != nil)
	if err != nil {
		return fmt.Errorf("%s log: %w", name, err)
	}
	spec.Name, spec.Out, spec.Dir = "private "+name, f, s.data
	spec.Env = []string{"PATH=" + os.Getenv("PATH"), "LANG=C.UTF-8"}
	p, err := startProc(spec)
	if err != nil {
		_ = f.Close()
		return err
	}
	s.mu.Lock()
	s.infra = append(s.infra, p)
	s.named[name] = p
	s.mu.Unlock()
	for !listening(addr) {
		if p.exited() {
			return fmt.Errorf("%w\n%s", p.exitErr(), tail(logPath, 15))
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("private %s did not start: %w", name, ctx.Err())
		case <-time.After(100 * time.Millisecond):
		}
	}
	s.con.say("started a private %s on %s (data in %s)", name, addr, s.data)
	return nil
}

// freePort returns a free port that no binding of the stack uses.
func (s *Stack) freePort() (int, error) {
	used := map[int]bool{}
	for _, b := range s.layout.Bindings() {
		used[b.Port] = true
	}
	for range 20 {
		l, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			return 0, fmt.Errorf("free port: %w", err)
		}
		port := l.Addr().(*net.TCPAddr).Port
		_ = l.Close()
		if !used[port] {
			return port, nil
		}
	}
	return 0, errors.New("no free port found")
}

func listening(addr string) bool {
	c, err := net.DialTimeout("tcp", addr, time.Second)
	if err != nil {
		return false
	}
	_ = c.Close()
	return true
}

func isLoopback(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

func envOr(key, def string) string {
	if v := os.Getenv(key); v != "" {
		return v
	}
	return def
}
