// Command launcher runs TaskRocket on this machine without Docker or the
// dapr CLI: `go run ./tools/launcher run` (what `make run` calls). It reads
// dapr/dapr.yaml, the same run template `dapr run -f` uses; see
// dapr/README.md.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"github.com/taskrocket/taskrocket/tools/launcher/stack"
)

const usage = `usage: launcher run [flags]
       launcher controlplane [flags]

run: builds what is missing, starts the Dapr control plane, Mailpit and
every app of the run template beside its own daprd, starts again (with
backoff, and says so) whatever dies, and stops everything on Ctrl-C. controlplane: the same without the apps, for the dapr CLI or an app
started from an IDE; it writes <data>/cli.env.

Environment: TASKROCKET_PG_URL (admin URL of Postgres), TASKROCKET_REDIS_URL,
TASKROCKET_OTEL_ENDPOINT (OTLP/gRPC collector for traces), and any other
TASKROCKET_* variable for the components (see dapr/local.env).

flags:
`

func main() {
	os.Exit(run(os.Args[1:]))
}

func run(args []string) int {
	fs := flag.NewFlagSet("launcher run", flag.ContinueOnError)
	fs.Usage = func() { fmt.Fprint(os.Stderr, usage); fs.PrintDefaults() }
	offset := fs.Int("offset", 0, "add `N` to every port (e.g. 1000 to run beside another stack)")
	data := fs.String("data", ".data/run", "`dir` for logs, certificates and per-run configuration")
	only := fs.String("only", "", "start only these apps, comma-separated (e.g. gateway,users,auth)")
	template := fs.String("template", "dapr/dapr.yaml", "run `file` (Dapr multi-app run template)")
	resources := fs.String("resources", "", "resources `dirs`, comma-separated, replacing the template's common "+
		"resourcesPath (e.g. components/variants/jetstream)")
	suffix := fs.String("database-suffix", "", "isolate this run's data: append `suffix` to every database "+
		"(dropped and recreated at start) and use Redis database 1 (flushed at start)")
	noRestart := fs.Bool("no-restart", false, "do not start again an app, sidecar or server that dies")
	if len(args) == 0 || (args[0] != "run" && args[0] != "controlplane") {
		fs.Usage()
		return 2
	}
	if err := fs.Parse(args[1:]); err != nil {
		return 2
	}
	root, err := repoRoot()
	if err != nil {
		fmt.Fprintln(os.Stderr, "launcher:", err)
		return 1
	}
	opts := stack.Options{
		Root: root, Template: inRoot(root, *template), Offset: *offset, DataDir: inRoot(root, *data),
		Only: split(*only), DatabaseSuffix: *suffix, Stdout: os.Stdout, ControlPlaneOnly: args[0] == "controlplane",
		Supervise: !*noRestart,
	}
	for _, r := range split(*resources) {
		opts.ResourcesPaths = append(opts.ResourcesPaths, inRoot(root, r))
	}

	// First Ctrl-C (or SIGTERM): stop in order. Second: kill at once.
	sig := make(chan os.Signal, 2)
	signal.Notify(sig, os.Interrupt, syscall.SIGTERM)
	startCtx, interrupt := context.WithCancel(context.Background())
	killCtx, kill := context.WithCancel(context.Background())
	go func() {
		<-sig
		interrupt()
		<-sig
		fmt.Println("\nsecond interrupt: killing everything now")
		kill()
	}()

	st, err := stack.Start(startCtx, opts)
	if err != nil {
		if errors.Is(startCtx.Err(), context.Canceled) {
			fmt.Fprintln(os.Stderr, "launcher: interrupted during start; everything started was stopped")
			return 1
		}
		fmt.Fprintln(os.Stderr, "launcher:", err)
		return 1
	}
	fmt.Println("Press Ctrl-C to stop.")
	<-startCtx.Done()

	fmt.Println("\nstopping (Ctrl-C again to kill at once)…")
	began := time.Now()
	stopCtx, cancel := context.WithTimeout(killCtx, 9*time.Second)
	defer cancel()
	_ = st.Stop(stopCtx)
	fmt.Printf("stopped in %.1fs\n", time.Since(began).Seconds())
	return 0
}

// repoRoot is the nearest folder upwards holding go.work (the launcher is
// meant to run from anywhere in the repository).
func repoRoot() (string, error) {
	wd, err := os.Getwd()
	if err != nil {
		return "", fmt.Errorf("working directory: %w", err)
	}
	for dir := wd; ; dir = filepath.Dir(dir) {
		if _, err := os.Stat(filepath.Join(dir, "go.work")); err == nil {
			return dir, nil
		}
		if filepath.Dir(dir) == dir {
			return wd, nil
		}
	}
}

func inRoot(root, p string) string {
	if filepath.IsAbs(p) {
		return p
	}
	return filepath.Join(root, p)
}

func split(s string) []string {
	var out []string
	for _, part := range strings.Split(s, ",") {
		if part = strings.TrimSpace(part); part != "" {
			out = append(out, part)
		}
	}
	return out
}
