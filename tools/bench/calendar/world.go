package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"sync"
	"time"

	"github.com/taskrocket/taskrocket/tools/launcher/stack"
)

// world is the stack's addresses and the people of the run.
type world struct {
	st                            *stack.Stack
	users, projects, tasks, calen string
	client                        *http.Client
	tasksDB                       string
	run                           int64
}

func newWorld(_ context.Context, st *stack.Stack) (*world, error) {
	w := &world{st: st, users: st.URL("users"), projects: st.URL("projects"), tasks: st.URL("tasks"), calen: st.URL("calendar"),
		tasksDB: st.DatabaseURL("taskrocket_tasks"), run: time.Now().UnixNano() % 1_000_000_000,
		client: &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 128, DisableCompression: true}, Timeout: 30 * time.Second}}
	if w.calen == "" || w.tasks == "" {
		return nil, fmt.Errorf("the stack has no calendar or tasks app")
	}
	return w, nil
}

// person is a signed-up user whose access token is renewed (a new login)
// well before it expires: a run outlasts one token.
type person struct {
	w        *world
	ID, name string
	mu       sync.Mutex
	token    string
	at       time.Time
}

const password = "correct horse battery staple"

// signUp makes a user; projectKey, when set, a project they own.
func (w *world) signUp(ctx context.Context, label string) (*person, error) {
	p := &person{w: w, name: fmt.Sprintf("cal%s%d", label, w.run)}
	var created struct{ User struct{ ID string } }
	if err := w.call(ctx, http.MethodPost, w.users+"/api/v1/users", "", map[string]any{"email": p.name + "@example.com",
		"username": p.name, "displayName": "Bench " + label, "password": password}, &created, http.StatusCreated); err != nil {
		return nil, err
	}
	p.ID = created.User.ID
	_, err := p.Token(ctx)
	return p, err
}

// Token is a valid access token (logging in again after five minutes).
func (p *person) Token(ctx context.Context) (string, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.token != "" && time.Since(p.at) < 5*time.Minute {
		return p.token, nil
	}
	var tok struct{ AccessToken string }
	if err := p.w.call(ctx, http.MethodPost, p.w.users+"/api/v1/auth/login", "", map[string]any{"login": p.name, "password": password},
		&tok, http.StatusOK); err != nil {
		return "", err
	}
	p.token, p.at = tok.AccessToken, time.Now()
	return p.token, nil
}

// project creates a project owned by p.
func (p *person) project(ctx context.Context, name, key string) (string, error) {
	tok, err := p.Token(ctx)
	if err != nil {
		return "", err
	}
	var pr struct{ ID string }
	err = p.w.call(ctx, http.MethodPost, p.w.projects+"/api/v1/projects", tok, map[string]any{"name": name, "key": key}, &pr, http.StatusCreated)
	return pr.ID, err
}

// as calls the API as p.
func (p *person) as(ctx context.Context, method, url string, in, out any, want int) error {
	tok, err := p.Token(ctx)
	if err != nil {
		return err
	}
	return p.w.call(ctx, method, url, tok, in, out, want)
}

// eventually repeats fn until it succeeds or the time is up (a view fed by
// events, such as the calendar's membership, lags its source).
func eventually(ctx context.Context, within time.Duration, fn func() error) error {
	deadline := time.Now().Add(within)
	for {
		err := fn()
		if err == nil || time.Now().After(deadline) {
			return err
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(200 * time.Millisecond):
		}
	}
}

func (w *world) call(ctx context.Context, method, url, token string, in, out any, want int) error {
	var body io.Reader
	if in != nil {
		raw, _ := json.Marshal(in)
		body = bytes.NewReader(raw)
	}
	req, err := http.NewRequestWithContext(ctx, method, url, body)
	if err != nil {
		return err
	}
	if in != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := w.client.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != want {
		return fmt.Errorf("%s %s: %d %.200s", method, url, resp.StatusCode, raw)
	}
	if out != nil {
		return json.Unmarshal(raw, out)
	}
	return nil
}
