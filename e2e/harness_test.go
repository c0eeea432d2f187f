package e2e

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/taskrocket/taskrocket/tools/launcher/stack"
)

// offset moves every port of the suite's stack (apps, sidecars, control
// plane, Mailpit) so the suite runs beside a `make run` on the same machine.
// TASKROCKET_E2E_OFFSET (a multiple of 1000 other than 2000, which the
// benchmark uses) runs a second suite beside the first: its databases,
// Redis database and data folder are its own.
var offset = 1000

// isolation names the suite's databases (suffix), Redis database and data
// folder after its offset.
func isolation() (suffix string, redisDB int, dataName string) {
	if offset == 1000 {
		return "_e2e", 1, "e2e"
	}
	return fmt.Sprintf("_e2e%d", offset/1000), offset / 1000, fmt.Sprintf("e2e-%d", offset/1000)
}

// suite is the stack every end-to-end test drives: the twelve services and
// the probe app, each beside a real daprd, with placement, scheduler,
// sentry (mTLS) and Mailpit, against the machine's Postgres and Redis.
var suite *stack.Stack

func TestMain(m *testing.M) {
	os.Exit(run(m))
}

func run(m *testing.M) int {
	if v := os.Getenv("TASKROCKET_E2E_OFFSET"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1000 || n%1000 != 0 || n == 2000 || n > 15000 {
			fmt.Fprintln(os.Stderr, "TASKROCKET_E2E_OFFSET: want a multiple of 1000 from 1000 to 15000, not 2000")
			return 2
		}
		offset = n
	}
	// Every test calls the gateway from 127.0.0.1, many at once and some
	// in bursts of thousands: one client address for the gateway's
	// per-address limit, which would refuse them by timing alone. The
	// limiter has its own tests (services/gateway).
	if err := os.Setenv("GATEWAY_RATE_LIMIT_RPS", "0"); err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	suffix, redisDB, dataName := isolation()
	root, err := filepath.Abs("..")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	data := filepath.Join(root, ".data", dataName)
	if err := os.MkdirAll(data, 0o755); err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	probeBin := filepath.Join(root, ".bin", "probe")
	build := exec.Command("go", "build", "-o", probeBin, "./e2e/probe")
	build.Dir, build.Stdout, build.Stderr = root, os.Stderr, os.Stderr
	if err := build.Run(); err != nil {
		fmt.Fprintln(os.Stderr, "build probe:", err)
		return 1
	}
	logFile, err := os.Create(filepath.Join(data, "stack.log"))
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer logFile.Close()

	// TASKROCKET_E2E_COMPONENTS selects a components folder other than
	// components/local (a variant, e.g. components/variants/rabbitmq), as
	// `make test-matrix` does; the subscriptions stay the same.
	var resources []string
	if v := os.Getenv("TASKROCKET_E2E_COMPONENTS"); v != "" {
		resources = []string{filepath.Join(root, v), filepath.Join(root, "components", "subscriptions")}
		fmt.Fprintln(os.Stderr, "e2e: components from", v)
		if filepath.Base(v) == "rabbitmq" {
			if err := resetRabbitMQ(); err != nil {
				fmt.Fprintln(os.Stderr, err)
				return 1
			}
		}
	}

	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()
	suite, err = stack.Start(ctx, stack.Options{
		ResourcesPaths: resources,
		Root:           root,
		Template:       filepath.Join(root, "dapr", "dapr.yaml"),
		Offset:         offset,
		DataDir:        data,
		DatabaseSuffix: suffix,
		RedisDB:        redisDB,
		Stdout:         logFile,
		ExtraApps: []stack.App{{
			ID:             "probe",
			Port:           8112,
			Command:        []string{probeBin},
			ResourcesPaths: []string{filepath.Join(root, "e2e", "resources")},
			Env: map[string]string{
				"PROBE_DATABASE_URL": "postgres://postgres@127.0.0.1:5432/taskrocket_probe?sslmode=disable",
			},
		}},
	})
	if err != nil {
		fmt.Fprintln(os.Stderr, "start stack:", err, "(logs in", data+")")
		return 1
	}
	defer func() {
		stopCtx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
		defer cancel()
		if err := suite.Stop(stopCtx); err != nil {
			fmt.Fprintln(os.Stderr, "stop stack:", err)
		}
	}()
	return m.Run()
}

// response is a decoded HTTP answer.
type response struct {
	Status int
	Header http.Header
	Body   []byte
}

func (r response) json(t *testing.T) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(r.Body, &m); err != nil {
		t.Fatalf("response is not a JSON object: %q", r.Body)
	}
	return m
}

// errorCode returns error.code of a JSON error document.
func (r response) errorCode(t *testing.T) string {
	t.Helper()
	e, _ := r.json(t)["error"].(map[string]any)
	code, _ := e["code"].(string)
	return code
}

func do(t *testing.T, method, url string, body string, header map[string]string) response {
	t.Helper()
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	req, err := http.NewRequestWithContext(t.Context(), method, url, rd)
	if err != nil {
		t.Fatal(err)
	}
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	for k, v := range header {
		req.Header.Set(k, v)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, url, err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return response{Status: resp.StatusCode, Header: resp.Header, Body: b}
}

// eventually polls check until it returns true or timeout passes.
func eventually(t *testing.T, timeout time.Duration, what string, check func() bool) {
	t.Helper()
	deadline := time.Now().Add(timeout)
	for !check() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out after %s waiting for %s", timeout, what)
		}
		time.Sleep(100 * time.Millisecond)
	}
}
