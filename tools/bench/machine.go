package main

import (
	"bufio"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"

	"github.com/jackc/pgx/v5"

	"github.com/taskrocket/taskrocket/tools/bench/report"
)

// machineFacts describes where the run happened; a fact that cannot be
// read is reported as "unknown" rather than failing the run.
func machineFacts(ctx context.Context, root, pgURL string) report.Machine {
	m := report.Machine{
		Cores:     runtime.NumCPU(),
		CPU:       firstMatch("/proc/cpuinfo", "model name"),
		OS:        osName(),
		GoVersion: runtime.Version(),
		Postgres:  "unknown",
		Dapr:      "daprd " + firstLine(ctx, root, filepath.Join(root, ".bin", "daprd"), "--version"),
		Commit:    commit(ctx, root),
	}
	if conn, err := pgx.Connect(ctx, pgURL); err == nil {
		if err := conn.QueryRow(ctx, "SHOW server_version").Scan(&m.Postgres); err == nil {
			m.Postgres = "PostgreSQL " + m.Postgres
		}
		_ = conn.Close(ctx)
	}
	return m
}

// commit is the short commit, marked -dirty when the tree has changes.
func commit(ctx context.Context, root string) string {
	c := firstLine(ctx, root, "git", "rev-parse", "--short", "HEAD")
	if c == "unknown" {
		return c
	}
	if out, err := exec.CommandContext(ctx, "git", "-C", root, "status", "--porcelain").Output(); err == nil && len(out) > 0 {
		c += "-dirty"
	}
	return c
}

func firstLine(ctx context.Context, dir, name string, args ...string) string {
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Dir = dir
	out, err := cmd.Output()
	if err != nil {
		return "unknown"
	}
	line, _, _ := strings.Cut(strings.TrimSpace(string(out)), "\n")
	return line
}

// firstMatch is the value of the first "key : value" line of a file.
func firstMatch(path, key string) string {
	f, err := os.Open(path)
	if err != nil {
		return "unknown"
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		k, v, ok := strings.Cut(sc.Text(), ":")
		if ok && strings.TrimSpace(k) == key {
			return strings.TrimSpace(v)
		}
	}
	return "unknown"
}

func osName() string {
	name := "unknown"
	if b, err := os.ReadFile("/etc/os-release"); err == nil {
		for l := range strings.SplitSeq(string(b), "\n") {
			if v, ok := strings.CutPrefix(l, "PRETTY_NAME="); ok {
				name = strings.Trim(v, `"`)
			}
		}
	}
	if b, err := os.ReadFile("/proc/sys/kernel/osrelease"); err == nil {
		name += ", Linux " + strings.TrimSpace(string(b))
	}
	return name
}
