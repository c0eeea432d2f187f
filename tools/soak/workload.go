package main

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/taskrocket/taskrocket/tools/launcher/stack"
)

// startStack starts the soak's own stack: the apps the load needs, private
// Postgres and Redis (what they hold is measured too, and the machine's
// servers are left alone), supervision on (a restart would show in the
// report), and no per-client rate limit (one client sends all the load).
func startStack(ctx context.Context, cfg config) (*stack.Stack, error) {
	if err := os.MkdirAll(cfg.DataDir, 0o755); err != nil {
		return nil, err
	}
	if err := os.Setenv("GATEWAY_RATE_LIMIT_RPS", "0"); err != nil {
		return nil, err
	}
	logFile, err := os.Create(filepath.Join(cfg.DataDir, "stack.log"))
	if err != nil {
		return nil, err
	}
	startCtx, cancel := context.WithTimeout(ctx, 15*time.Minute)
	defer cancel()
	st, err := stack.Start(startCtx, stack.Options{
		Root: cfg.Root, Template: filepath.Join(cfg.Root, "dapr", "dapr.yaml"), Offset: cfg.Offset,
		DataDir: cfg.DataDir, DatabaseSuffix: "_soak", Only: []string{"gateway", "users", "auth", "projects", "tasks"},
		Stdout: logFile, Supervise: true, PrivateInfra: true,
	})
	if err != nil {
		_ = logFile.Close()
		return nil, fmt.Errorf("start stack (log: %s): %w", logFile.Name(), err)
	}
	return st, nil
}

// workload is one signed-up user with a project, calling through the
// gateway. Tokens are refreshed as they near expiry.
type workload struct {
	base    string
	http    *http.Client
	project string

	mu      sync.Mutex
	access  string
	refresh string
	expires time.Time
	tasks   []string // ids of created tasks, for reads and updates
}

func newWorkload(ctx context.Context, base string) (*workload, error) {
	w := &workload{base: base + "/api/v1", http: &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 64}}}
	name := "soak" + rand.Text()[:10]
	var signup struct {
		Session struct {
			AccessToken  string `json:"accessToken"`
			RefreshToken string `json:"refreshToken"`
			ExpiresIn    int    `json:"expiresIn"`
		} `json:"session"`
	}
	err := w.call(ctx, http.MethodPost, "/users", map[string]any{"email": name + "@example.com", "username": name,
		"displayName": "Soak", "password": "a long soak passphrase", "signIn": true}, &signup, http.StatusCreated)
	if err != nil {
		return nil, err
	}
	w.setTokens(signup.Session.AccessToken, signup.Session.RefreshToken, signup.Session.ExpiresIn)
	var p struct{ ID string }
	if err := w.call(ctx, http.MethodPost, "/projects", map[string]any{"name": "Soak", "key": "SOAK"}, &p, http.StatusCreated); err != nil {
		return nil, err
	}
	w.project = p.ID
	return w, nil
}

func (w *workload) setTokens(access, refresh string, expiresIn int) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.access, w.refresh, w.expires = access, refresh, time.Now().Add(time.Duration(expiresIn)*time.Second)
}

// keepSignedIn refreshes the token pair a minute before the access token
// expires, until ctx ends.
func (w *workload) keepSignedIn(ctx context.Context) {
	for {
		w.mu.Lock()
		wait, refresh := time.Until(w.expires)-time.Minute, w.refresh
		w.mu.Unlock()
		select {
		case <-ctx.Done():
			return
		case <-time.After(max(wait, time.Second)):
		}
		var pair struct {
			AccessToken  string `json:"accessToken"`
			RefreshToken string `json:"refreshToken"`
			ExpiresIn    int    `json:"expiresIn"`
		}
		if err := w.call(ctx, http.MethodPost, "/auth/refresh", map[string]string{"refreshToken": refresh}, &pair, http.StatusOK); err == nil {
			w.setTokens(pair.AccessToken, pair.RefreshToken, pair.ExpiresIn)
		}
	}
}

// request is one request of the mix, by sequence number: 4 in 10 create a
// task, 3 list the project's tasks, 2 read a task, 1 changes a task's status.
func (w *workload) request(ctx context.Context, seq int) error {
	w.mu.Lock()
	var task string
	if n := len(w.tasks); n > 0 {
		task = w.tasks[(seq*7919)%n]
	}
	w.mu.Unlock()
	switch k := seq % 10; {
	case k < 4 || task == "":
		var t struct{ ID string }
		if err := w.call(ctx, http.MethodPost, "/projects/"+w.project+"/tasks",
			map[string]any{"title": fmt.Sprintf("Soak task %d", seq), "priority": "medium"}, &t, http.StatusCreated); err != nil {
			return err
		}
		w.mu.Lock()
		w.tasks = append(w.tasks, t.ID)
		w.mu.Unlock()
		return nil
	case k < 7:
		return w.call(ctx, http.MethodGet, "/projects/"+w.project+"/tasks?limit=25&sort=priority", nil, nil, http.StatusOK)
	case k < 9:
		return w.call(ctx, http.MethodGet, "/tasks/"+task, nil, nil, http.StatusOK)
	default:
		status := []string{"todo", "in_progress", "done"}[seq%3]
		err := w.call(ctx, http.MethodPatch, "/tasks/"+task, map[string]any{"status": status}, nil, http.StatusOK)
		if se, ok := err.(*statusError); ok && se.status == http.StatusPreconditionFailed {
			return nil // a concurrent update of the same task: the service refused a stale write, as it should
		}
		return err
	}
}

type statusError struct {
	method, path string
	status       int
}

func (e *statusError) Error() string {
	return fmt.Sprintf("%s %s: http %d", e.method, e.path, e.status)
}

func (w *workload) call(ctx context.Context, method, path string, body, out any, want int) error {
	var rd io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			return err
		}
		rd = bytes.NewReader(b)
	}
	req, err := http.NewRequestWithContext(ctx, method, w.base+path, rd)
	if err != nil {
		return err
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	w.mu.Lock()
	if w.access != "" {
		req.Header.Set("Authorization", "Bearer "+w.access)
	}
	w.mu.Unlock()
	resp, err := w.http.Do(req)
	if err != nil {
		return fmt.Errorf("%s %s: transport error", method, path)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	if resp.StatusCode != want {
		return &statusError{method: method, path: routeOf(path), status: resp.StatusCode}
	}
	if out != nil {
		return json.Unmarshal(raw, out)
	}
	return nil
}

// routeOf names a path without its ids, so errors group by route.
func routeOf(path string) string {
	switch {
	case len(path) > 9 && path[:9] == "/projects":
		return "/projects/{id}/tasks"
	case len(path) > 6 && path[:6] == "/tasks":
		return "/tasks/{id}"
	}
	return path
}
