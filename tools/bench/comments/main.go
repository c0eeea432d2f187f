// Command comments measures the comment list of the collaboration service
// on the direct path (straight to the app, as the gateway's sidecar would
// reach it): a task with 200 comments, its first page of 50 read at a
// constant rate (open loop, tools/bench/load), latency from each request's
// intended send time. It starts its own stack (gateway, users, auth,
// projects, tasks, collaboration beside their sidecars) on ports moved by
// -offset, and writes a Markdown report.
//
//	go run ./tools/bench/comments -offset 2000 -rate 100 -duration 60s
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/signal"
	"path/filepath"
	"runtime"
	"syscall"
	"time"

	"github.com/taskrocket/taskrocket/tools/bench/benchstack"
	"github.com/taskrocket/taskrocket/tools/bench/load"
	"github.com/taskrocket/taskrocket/tools/bench/proc"
	"github.com/taskrocket/taskrocket/tools/launcher/stack"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx); err != nil {
		fmt.Fprintln(os.Stderr, "comments bench:", err)
		os.Exit(1)
	}
}

type options struct {
	root, out          string
	offset             int
	rate               float64
	warmup, duration   time.Duration
	comments, pageSize int
	loadBefore         string
}

func run(ctx context.Context) error {
	var o options
	flag.IntVar(&o.offset, "offset", 2000, "port offset of the stack (a multiple of 1000; 2000 is make bench's, do not run both)")
	flag.Float64Var(&o.rate, "rate", 100, "requests per second")
	flag.DurationVar(&o.warmup, "warmup", 10*time.Second, "warm-up, not measured")
	flag.DurationVar(&o.duration, "duration", 60*time.Second, "measured window")
	flag.IntVar(&o.comments, "comments", 200, "comments on the measured task")
	flag.IntVar(&o.pageSize, "limit", 50, "comments per page read")
	flag.StringVar(&o.out, "out", "bench/out/comments.md", "report file (relative to the repository root)")
	flag.Parse()
	root, err := filepath.Abs(".")
	if err != nil {
		return err
	}
	o.root = root
	_ = os.Setenv("GATEWAY_RATE_LIMIT_RPS", "0")
	st, stop, err := benchstack.Start(ctx, root, benchstack.Options{Name: "comments", Offset: o.offset,
		DatabaseSuffix: "_benchc", Apps: []string{"gateway", "users", "auth", "projects", "tasks", "collaboration"}})
	if err != nil {
		return err
	}
	defer stop()
	url, token, err := seed(ctx, st, o)
	if err != nil {
		return err
	}
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 64, DisableCompression: true}}
	plan := load.Plan{Rate: o.rate, Warmup: o.warmup, Duration: o.duration, Concurrency: 32, Timeout: 5 * time.Second, Drain: 10 * time.Second}
	o.loadBefore = proc.LoadAverage()
	fmt.Printf("measuring GET %s at %.0f/s for %s (after %s warm-up)\n", url, o.rate, o.duration, o.warmup)
	res, err := load.Run(ctx, plan, func(ctx context.Context, _ int) error {
		return get(ctx, client, url, token, o.pageSize)
	})
	if err != nil {
		return err
	}
	return report(o, res)
}

// seed signs a user up, creates a project and a task and posts the
// comments, all directly to the apps.
func seed(ctx context.Context, st *stack.Stack, o options) (string, string, error) {
	users, collab := st.URL("users"), st.URL("collaboration")
	name := fmt.Sprintf("bench%d", time.Now().UnixNano()%1_000_000_000)
	pw := "correct horse battery staple"
	if err := call(ctx, "POST", users+"/api/v1/users", "", map[string]any{"email": name + "@example.com", "username": name,
		"displayName": "Bench", "password": pw}, nil, http.StatusCreated); err != nil {
		return "", "", err
	}
	var tok struct{ AccessToken string }
	if err := call(ctx, "POST", users+"/api/v1/auth/login", "", map[string]any{"login": name, "password": pw}, &tok, http.StatusOK); err != nil {
		return "", "", err
	}
	var p, t struct{ ID string }
	if err := call(ctx, "POST", st.URL("projects")+"/api/v1/projects", tok.AccessToken, map[string]any{"name": "Bench", "key": "BENCH"}, &p, http.StatusCreated); err != nil {
		return "", "", err
	}
	if err := call(ctx, "POST", st.URL("tasks")+"/api/v1/projects/"+p.ID+"/tasks", tok.AccessToken, map[string]any{"title": "Busy task"}, &t, http.StatusCreated); err != nil {
		return "", "", err
	}
	for i := range o.comments {
		body := fmt.Sprintf("Comment %d with **Markdown**, a [link](https://example.com) and @%s", i, name)
		if err := call(ctx, "POST", collab+"/api/v1/tasks/"+t.ID+"/comments", tok.AccessToken, map[string]any{"body": body}, nil, http.StatusCreated); err != nil {
			return "", "", err
		}
	}
	return fmt.Sprintf("%s/api/v1/tasks/%s/comments?order=newest&limit=%d", collab, t.ID, o.pageSize), tok.AccessToken, nil
}

func call(ctx context.Context, method, url, token string, in, out any, want int) error {
	raw, _ := json.Marshal(in)
	req, err := http.NewRequestWithContext(ctx, method, url, bytes.NewReader(raw))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/json")
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != want {
		return fmt.Errorf("%s %s: %d %s", method, url, resp.StatusCode, body)
	}
	if out != nil {
		return json.Unmarshal(body, out)
	}
	return nil
}

// get reads one page and checks it is full.
func get(ctx context.Context, c *http.Client, url, token string, want int) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return err
	}
	req.Header.Set("Authorization", "Bearer "+token)
	resp, err := c.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	var page struct{ Items []json.RawMessage }
	if err := json.NewDecoder(resp.Body).Decode(&page); err != nil || resp.StatusCode != http.StatusOK {
		return fmt.Errorf("http %d", resp.StatusCode)
	}
	if len(page.Items) != want {
		return fmt.Errorf("%d items, want %d", len(page.Items), want)
	}
	return nil
}

func report(o options, r load.Result) error {
	ms := func(d time.Duration) string { return fmt.Sprintf("%.1f", float64(d.Microseconds())/1000) }
	verdict := "met"
	if r.Latency.P99 > 20*time.Millisecond || !r.Sustained() {
		verdict = "NOT met"
	}
	text := fmt.Sprintf(`# Comment list, direct path

GET /api/v1/tasks/{id}/comments?order=newest&limit=%d on the collaboration app
(a task with %d comments; membership from the app's event-fed view, the
conversation and the page's comments read from the state store through the
sidecar, authors' names from the instance's memory after their first read). Open loop at %.0f req/s, %s measured after %s of warm-up, on %d
CPUs (%s; load average before the run %s, after %s: figures taken on a busy
machine are not the service's).

| sent | ok | errors | p50 ms | p95 ms | p99 ms | max ms | service p99 ms |
|---|---|---|---|---|---|---|---|
| %d | %d | %d | %s | %s | %s | %s | %s |

Target p99 ≤ 20 ms at 100 req/s: %s.
`, o.pageSize, o.comments, o.rate, o.duration, o.warmup, runtime.NumCPU(), time.Now().UTC().Format(time.RFC3339), o.loadBefore, proc.LoadAverage(),
		r.Intended, r.OK, r.Errors, ms(r.Latency.P50), ms(r.Latency.P95), ms(r.Latency.P99), ms(r.Latency.Max), ms(r.Service.P99), verdict)
	for kind, n := range r.ErrorKinds {
		text += fmt.Sprintf("\n- %d × %s", n, kind)
	}
	fmt.Print(text)
	out := filepath.Join(o.root, o.out)
	if err := os.MkdirAll(filepath.Dir(out), 0o755); err != nil {
		return err
	}
	return os.WriteFile(out, []byte(text), 0o644)
}
