// Command bench measures TaskRocket's task API under open-loop,
// constant-rate load (`make bench`). It starts its own stack (gateway,
// users, auth, projects, tasks beside their sidecars, ports offset by 2000,
// databases suffixed _bench), seeds a project with 100,000 tasks, measures
// create-task and list through the gateway and directly against the tasks
// app, runs a pgbench baseline on the same Postgres, and writes
// bench/out/report.md and bench/out/report.json. docs/benchmarks/README.md
// explains the method and how to read the report.
package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"
	"time"

	"github.com/taskrocket/taskrocket/tools/bench/report"
)

func main() {
	// First Ctrl-C (or SIGTERM): wind the run down and stop the stack in
	// order. Second: stop it at once (the launcher's own behaviour).
	sig := make(chan os.Signal, 2)
	signal.Notify(sig, os.Interrupt, syscall.SIGTERM)
	ctx, interrupt := context.WithCancel(context.Background())
	killCtx, kill := context.WithCancel(context.Background())
	go func() {
		<-sig
		fmt.Fprintln(os.Stderr, "\nbench: interrupted; stopping the stack (Ctrl-C again to kill it at once)")
		interrupt()
		<-sig
		kill()
	}()
	if err := run(ctx, killCtx, os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
}

// run is the whole benchmark; ctx ends the run, killCtx the stack's
// orderly stop.
func run(ctx, killCtx context.Context, args []string) (err error) {
	cfg, err := parseConfig(args)
	if err != nil {
		return err
	}
	began := time.Now()
	say := func(format string, a ...any) {
		fmt.Printf("[%5.0fs] %s\n", time.Since(began).Seconds(), fmt.Sprintf(format, a...))
	}

	say("starting the stack (gateway, users, auth, projects, tasks; ports +%d); its output: %s",
		stackOffset, filepath.Join(cfg.DataDir, "stack.log"))
	st, err := startStack(ctx, cfg)
	if err != nil {
		return err
	}
	defer func() {
		say("stopping the stack")
		stopCtx, cancel := context.WithTimeout(killCtx, 30*time.Second)
		defer cancel()
		err = errors.Join(err, st.Stop(stopCtx))
	}()
	gw, direct := st.URL("gateway"), st.URL("tasks")
	say("stack up in %.0fs: gateway %s, tasks %s", st.StartupTime().Seconds(), gw, direct)

	fx, err := setUp(ctx, cfg, st, say)
	if err != nil {
		return err
	}

	r := report.Report{Generated: time.Now(), Setup: fx.setup(cfg)}
	cpu := newCPUSampler(st, cfg.Root, st.DataDir())
	steps, err := measure(ctx, cfg, fx, cpu, gw, direct, say)
	r.Steps = steps
	if err != nil {
		return fmt.Errorf("measure: %w", err)
	}

	say("pgbench baseline: %d clients, %s", cfg.Concurrency, cfg.PgbenchTime)
	r.Notes = notes(fx)
	if r.Baseline, err = pgbench(ctx, st.PostgresURL(), pgbenchDatabase, cfg); err != nil {
		// The measurements stand without it (the server may be out of
		// connections, shared with others): say so and keep them.
		say("pgbench failed; the report has no baseline: %v", err)
		r.Notes = append(r.Notes, fmt.Sprintf("The pgbench baseline failed: %.300s", err))
	}
	r.Machine = machineFacts(ctx, cfg.Root, st.PostgresURL())
	r.Evaluate()
	if err := write(cfg.OutDir, r); err != nil {
		return err
	}
	fmt.Println()
	fmt.Print(r.Table())
	fmt.Println()
	fmt.Print(r.TargetsText())
	say("report: %s and report.json", filepath.Join(cfg.OutDir, "report.md"))
	return nil
}

// write saves the report as Markdown and JSON.
func write(dir string, r report.Report) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("report folder: %w", err)
	}
	js, err := r.JSON()
	if err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(dir, "report.json"), js, 0o644); err != nil {
		return fmt.Errorf("write report.json: %w", err)
	}
	if err := os.WriteFile(filepath.Join(dir, "report.md"), []byte(r.Markdown()), 0o644); err != nil {
		return fmt.Errorf("write report.md: %w", err)
	}
	return nil
}
