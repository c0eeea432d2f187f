// Command soak runs TaskRocket for a long time under steady load and
// reports, per process, memory, goroutines and open files over time
// (`make soak`; not part of `make test`). It starts its own stack (gateway,
// users, auth, projects, tasks beside their sidecars, private Postgres and
// Redis, supervision on), drives it with the benchmark's open-loop load
// generator (tools/bench/load) at half the sustained create-task rate of
// docs/benchmarks/report.md, a mix of creates, lists, reads and updates,
// samples every process, and writes docs/benchmarks/soak.md.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"
	"time"
)

type config struct {
	Root, DataDir, Out string
	Duration, Interval time.Duration
	Warmup             time.Duration
	Rate               float64
	Offset             int
}

func main() {
	sig := make(chan os.Signal, 2)
	signal.Notify(sig, os.Interrupt, syscall.SIGTERM)
	ctx, interrupt := context.WithCancel(context.Background())
	go func() {
		<-sig
		fmt.Fprintln(os.Stderr, "\nsoak: interrupted; reporting what was measured and stopping the stack")
		interrupt()
	}()
	if err := run(ctx, os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "soak:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, args []string) (err error) {
	root, err := repoRoot()
	if err != nil {
		return err
	}
	cfg := config{Root: root, DataDir: filepath.Join(root, ".data", "soak")}
	fs := flag.NewFlagSet("soak", flag.ContinueOnError)
	fs.DurationVar(&cfg.Duration, "duration", 30*time.Minute, "measured time under load")
	fs.DurationVar(&cfg.Warmup, "warmup", 2*time.Minute, "load before the first sample that counts (caches, pools, JIT of the kernel's page cache)")
	fs.DurationVar(&cfg.Interval, "interval", 30*time.Second, "time between samples")
	fs.Float64Var(&cfg.Rate, "rate", 50, "requests per second: half the sustained create-task rate of docs/benchmarks/report.md")
	fs.IntVar(&cfg.Offset, "offset", 2500, "port offset of the soak's stack")
	fs.StringVar(&cfg.Out, "out", filepath.Join(root, "docs", "benchmarks", "soak.md"), "report `file`")
	if err := fs.Parse(args); err != nil {
		return err
	}
	began := time.Now()
	say := func(format string, a ...any) {
		fmt.Printf("[%5.0fs] %s\n", time.Since(began).Seconds(), fmt.Sprintf(format, a...))
	}
	say("starting the stack (ports +%d, private Postgres and Redis); its output: %s", cfg.Offset, filepath.Join(cfg.DataDir, "stack.log"))
	st, err := startStack(ctx, cfg)
	if err != nil {
		return err
	}
	defer func() {
		say("stopping the stack")
		stopCtx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		err = errors.Join(err, st.Stop(stopCtx))
	}()
	say("stack up in %.0fs; setting up the soak user and project", st.StartupTime().Seconds())
	w, err := newWorkload(ctx, st.URL("gateway"))
	if err != nil {
		return err
	}
	say("load: %.0f req/s for %s after %s of warm-up; a sample every %s", cfg.Rate, cfg.Duration, cfg.Warmup, cfg.Interval)
	rep, err := soak(ctx, cfg, st, w, say)
	if err != nil {
		return err
	}
	rep.Restarts = st.Restarts()
	if err := os.WriteFile(cfg.Out, []byte(rep.markdown()), 0o644); err != nil {
		return fmt.Errorf("write report: %w", err)
	}
	fmt.Print(rep.summaryText())
	say("report: %s", cfg.Out)
	return nil
}

// repoRoot is the nearest folder upwards holding go.work.
func repoRoot() (string, error) {
	wd, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for dir := wd; ; dir = filepath.Dir(dir) {
		if _, err := os.Stat(filepath.Join(dir, "go.work")); err == nil {
			return dir, nil
		}
		if filepath.Dir(dir) == dir {
			return "", fmt.Errorf("no go.work above %s: run from the repository", wd)
		}
	}
}
