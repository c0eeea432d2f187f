package e2e

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/taskrocket/taskrocket/tools/launcher/stack"
)

// The documented dapr CLI path (dapr/README.md): with the control plane of
// `make controlplane` and the environment it writes (cli.env) plus
// dapr/local.env, a daprd started with exactly the arguments `dapr run -f
// dapr/dapr.yaml` (CLI 1.16) gives the users app (--enable-mtls
// --sentry-address localhost:50001 included) and that environment alone
// accepts our Configuration and components, gets its mTLS identity from
// sentry and serves. Only the ports differ from the CLI's: every port of
// the template moves by a free offset and sentry, placement and scheduler
// are the suite's, so the test runs beside other stacks on this machine.
func TestDaprCLIPathStartsTheSidecar(t *testing.T) {
	root, _ := filepath.Abs("..")
	tmpl, err := stack.LoadTemplate(filepath.Join(root, "dapr", "dapr.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	args, err := stack.CLIDaprdArgs(tmpl, "users")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range [][]string{{"--enable-mtls", "--sentry-address", "localhost:50001"}, {"--app-id", "users"},
		{"--app-max-concurrency", "-1"}, {"--profile-port", "-1"}, {"--placement-host-address", "127.0.0.1:50005"},
		{"--scheduler-host-address", "127.0.0.1:50006"}, {"--max-body-size", "4Mi"}} {
		if !containsRun(args, want) {
			t.Fatalf("the CLI's arguments lack %v: %v", want, args)
		}
	}

	// Move the ports: the template's app ports to free ones, the control
	// plane's to the suite's.
	cp := suite.ControlPlane()
	shift := freeOffset(t)
	moved := map[string]string{
		"localhost:50001": "localhost:" + strconv.Itoa(cp.Sentry),
		"127.0.0.1:50005": "127.0.0.1:" + strconv.Itoa(cp.Placement),
		"127.0.0.1:50006": "127.0.0.1:" + strconv.Itoa(cp.Scheduler),
	}
	for i := 1; i < len(args); i++ {
		if v, ok := moved[args[i]]; ok {
			args[i] = v
		}
		if slices.Contains([]string{"--app-port", "--dapr-http-port", "--dapr-grpc-port", "--metrics-port", "--dapr-internal-grpc-port"}, args[i-1]) {
			n, _ := strconv.Atoi(args[i])
			args[i] = strconv.Itoa(n + shift)
		}
	}
	appPort, httpPort := 8101+shift, 3501+shift

	// The shell of `set -a; . dapr/local.env; . <data>/cli.env; set +a`.
	env := []string{"PATH=" + os.Getenv("PATH"), "HOME=" + os.Getenv("HOME")}
	local, err := stack.ReadEnvFile(filepath.Join(root, "dapr", "local.env"))
	if err != nil {
		t.Fatal(err)
	}
	cli, err := suite.CLIEnv()
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range []map[string]string{local, cli} {
		for k, v := range m {
			env = append(env, k+"="+v)
		}
	}
	for _, k := range []string{"DAPR_TRUST_ANCHORS", "DAPR_CERT_CHAIN", "DAPR_CERT_KEY", "NAMESPACE"} {
		if cli[k] == "" {
			t.Fatalf("cli.env lacks %s", k)
		}
	}

	// A stand-in for the app, so the sidecar's app health check passes.
	l, err := net.Listen("tcp", "127.0.0.1:"+strconv.Itoa(appPort))
	if err != nil {
		t.Fatal(err)
	}
	app := &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusOK) })}
	go func() { _ = app.Serve(l) }()
	t.Cleanup(func() { _ = app.Close() })

	ctx, cancel := context.WithTimeout(t.Context(), 2*time.Minute)
	defer cancel()
	logPath := filepath.Join(suite.DataDir(), "logs", "cli-users-daprd.log")
	logFile, err := os.Create(logPath)
	if err != nil {
		t.Fatal(err)
	}
	defer logFile.Close()
	cmd := exec.CommandContext(ctx, filepath.Join(root, ".bin", "daprd"), args...)
	cmd.Dir = filepath.Join(root, "services", "users") // the CLI runs daprd in the app's folder
	cmd.Env, cmd.Stdout, cmd.Stderr = env, logFile, logFile
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() { _ = cmd.Process.Kill(); _ = cmd.Wait() }()

	healthz := fmt.Sprintf("http://127.0.0.1:%d/v1.0/healthz", httpPort)
	eventually(t, 90*time.Second, "the CLI-started daprd to serve "+healthz, func() bool {
		if cmd.ProcessState != nil {
			t.Fatalf("daprd exited; log %s", logPath)
		}
		resp, err := http.Get(healthz)
		if err != nil {
			return false
		}
		resp.Body.Close()
		return resp.StatusCode == http.StatusNoContent
	})
	raw, _ := os.ReadFile(logPath)
	for _, want := range []string{"Starting workload identity expiry watcher", "Component loaded: pubsub (pubsub.redis/v1)"} {
		if !strings.Contains(string(raw), want) {
			t.Errorf("daprd log lacks %q (%s)", want, logPath)
		}
	}
}

// containsRun reports whether run appears in args in order, adjacent.
func containsRun(args, run []string) bool {
	for i := 0; i+len(run) <= len(args); i++ {
		if slices.Equal(args[i:i+len(run)], run) {
			return true
		}
	}
	return false
}

// freeOffset finds a shift that puts every port of the users entry on a
// port nothing listens on.
func freeOffset(t *testing.T) int {
	t.Helper()
	for shift := offset + 700; shift < 15000; shift += 37 {
		free := true
		for _, p := range []int{8101, 3501, 50101, 50201, 9191} {
			l, err := net.Listen("tcp", "127.0.0.1:"+strconv.Itoa(p+shift))
			if err != nil {
				free = false
				break
			}
			_ = l.Close()
		}
		if free {
			return shift
		}
	}
	t.Fatal("no free ports for the CLI-started sidecar")
	return 0
}
