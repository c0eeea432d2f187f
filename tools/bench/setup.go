package main

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"net/http"
	"time"

	"github.com/taskrocket/taskrocket/tools/bench/report"
	"github.com/taskrocket/taskrocket/tools/launcher/stack"
)

// listSort is the list order measured: priority (urgent first), then due
// date, as the task list shows by default.
const listSort = "priority"

// fixture is the signed-in user and the seeded project.
type fixture struct {
	stack       *stack.Stack
	c           *client
	creds       map[string]string // login, password
	tokenUntil  time.Time
	userID      string
	projectID   string
	seeded      int
	seedTook    time.Duration
	deepCursors []string // cursors of pages around the middle of the project
	deepFrom    int      // how many tasks precede the first deep page
	small       *smallProject
}

func (fx *fixture) setup(cfg config) report.Setup {
	return report.Setup{
		Tasks: fx.seeded, SmallTasks: len(fx.small.tasks), Members: fx.small.members,
		SeedSeconds: (fx.seedTook + fx.small.seedTook).Seconds(), Concurrency: cfg.Concurrency,
		WarmupS: cfg.Warmup.Seconds(), StepS: cfg.Step.Seconds(), TimeoutS: cfg.Timeout.Seconds(),
		CreateRates: cfg.CreateRates, ListRates: cfg.ListRates, SmallListRates: cfg.SmallRates, UIRates: cfg.UIRates,
		NominalRate: cfg.NominalRate,
	}
}

// setUp signs up and logs in through the gateway, creates the project,
// seeds it and checks the seeded tasks read back through the API.
func setUp(ctx context.Context, cfg config, st *stack.Stack, say func(string, ...any)) (*fixture, error) {
	gw := st.URL("gateway")
	fx := &fixture{stack: st, c: newClient(4)}
	suffix := randomHex(4)
	user := map[string]string{
		"email": "bench-" + suffix + "@example.com", "username": "bench_" + suffix,
		"displayName": "Bench Runner", "password": "Bench-" + randomHex(12),
	}
	if err := fx.c.call(ctx, http.MethodPost, gw+"/api/v1/users", user, nil, http.StatusCreated); err != nil {
		return nil, fmt.Errorf("sign up: %w", err)
	}
	fx.creds = map[string]string{"login": user["username"], "password": user["password"]}
	if err := fx.logIn(ctx, gw); err != nil {
		return nil, err
	}
	say("signed up and logged in as %s", user["username"])

	var project struct {
		ID string `json:"id"`
	}
	body := map[string]string{"name": "Benchmark", "key": "BENCH"}
	if err := fx.c.call(ctx, http.MethodPost, gw+"/api/v1/projects", body, &project, http.StatusCreated); err != nil {
		return nil, fmt.Errorf("create project: %w", err)
	}
	fx.projectID = project.ID
	if err := fx.waitProjectKnown(ctx, gw); err != nil {
		return nil, err
	}

	say("seeding %d tasks by bulk SQL into the tasks service's database (taskrocket_tasks_bench)", cfg.Tasks)
	began := time.Now()
	if err := seed(ctx, st.DatabaseURL("taskrocket_tasks"), fx.projectID, fx.userID, cfg.Tasks); err != nil {
		return nil, fmt.Errorf("seed: %w", err)
	}
	fx.seeded, fx.seedTook = cfg.Tasks, time.Since(began)
	say("seeded in %.1fs; checking they read back through the API", fx.seedTook.Seconds())
	if err := fx.verify(ctx, gw, st.URL("tasks")); err != nil {
		return nil, fmt.Errorf("verify the seeded tasks: %w", err)
	}
	say("the seeded tasks read back in order; %d deep-page cursors from task %d on", len(fx.deepCursors), fx.deepFrom)
	if err := fx.setUpSmall(ctx, cfg, st, say); err != nil {
		return nil, err
	}
	return fx, nil
}

// logIn gets a fresh access token.
func (fx *fixture) logIn(ctx context.Context, gw string) error {
	var login struct {
		AccessToken string `json:"accessToken"`
		ExpiresIn   int    `json:"expiresIn"`
		User        struct {
			ID string `json:"id"`
		} `json:"user"`
	}
	if err := fx.c.call(ctx, http.MethodPost, gw+"/api/v1/auth/login", fx.creds, &login, http.StatusOK); err != nil {
		return fmt.Errorf("log in: %w", err)
	}
	fx.c.token, fx.userID = login.AccessToken, login.User.ID
	fx.tokenUntil = time.Now().Add(time.Duration(login.ExpiresIn) * time.Second)
	return nil
}

// token is an access token valid for at least another two minutes (a
// step lasts seconds; the whole run outlasts one token).
func (fx *fixture) token(ctx context.Context, gw string) (string, error) {
	if time.Until(fx.tokenUntil) < 2*time.Minute {
		if err := fx.logIn(ctx, gw); err != nil {
			return "", err
		}
	}
	return fx.c.token, nil
}

// waitProjectKnown waits until the tasks service accepts the new project
// (membership may reach it asynchronously).
func (fx *fixture) waitProjectKnown(ctx context.Context, gw string) error {
	deadline := time.Now().Add(30 * time.Second)
	for {
		err := fx.c.call(ctx, http.MethodGet, fx.listURL(gw, fx.projectID, ""), nil, nil, http.StatusOK)
		if err == nil {
			return nil
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("the tasks service does not know the new project after 30s: %w", err)
		}
		if err := sleep(ctx, 250*time.Millisecond); err != nil {
			return err
		}
	}
}

// taskPage is the part of a list answer the bench reads.
type taskPage struct {
	Items []struct {
		ID       string     `json:"id"`
		Title    string     `json:"title"`
		Priority string     `json:"priority"`
		DueAt    *time.Time `json:"dueAt"`
	} `json:"items"`
	NextCursor string `json:"nextCursor"`
}

// verify reads the first page through the gateway and checks the order,
// then walks the cursor directly to the middle of the project to collect
// the deep-page cursors.
func (fx *fixture) verify(ctx context.Context, gw, direct string) error {
	var first taskPage
	if err := fx.c.call(ctx, http.MethodGet, fx.listURL(gw, fx.projectID, ""), nil, &first, http.StatusOK); err != nil {
		return err
	}
	if len(first.Items) != 50 || first.NextCursor == "" {
		return fmt.Errorf("first page: %d items, cursor %q; want 50 and a cursor", len(first.Items), first.NextCursor)
	}
	if first.Items[0].Priority != "urgent" {
		return fmt.Errorf("first page starts with priority %q, want urgent", first.Items[0].Priority)
	}
	var get struct {
		ID    string `json:"id"`
		Title string `json:"title"`
	}
	one := first.Items[0]
	if err := fx.c.call(ctx, http.MethodGet, gw+"/api/v1/tasks/"+one.ID, nil, &get, http.StatusOK); err != nil {
		return fmt.Errorf("read one seeded task: %w", err)
	}
	if get.ID != one.ID || get.Title != one.Title {
		return fmt.Errorf("task %s reads back as %+v", one.ID, get)
	}
	return fx.walkToMiddle(ctx, direct, first.NextCursor)
}

// walkToMiddle follows cursors (pages of 50, directly) to half-way through
// the project and keeps the next few cursors.
func (fx *fixture) walkToMiddle(ctx context.Context, direct, cursor string) error {
	const keep = 10
	seen := 50
	target := fx.seeded / 2
	for len(fx.deepCursors) < keep {
		var p taskPage
		if err := fx.c.call(ctx, http.MethodGet, fx.listURL(direct, fx.projectID, cursor), nil, &p, http.StatusOK); err != nil {
			return fmt.Errorf("walk to page %d: %w", seen/50, err)
		}
		if len(p.Items) != 50 || p.NextCursor == "" {
			return fmt.Errorf("page %d: %d items, cursor %q; the project should hold %d tasks",
				seen/50, len(p.Items), p.NextCursor, fx.seeded)
		}
		seen += len(p.Items)
		cursor = p.NextCursor
		if seen >= target {
			if len(fx.deepCursors) == 0 {
				fx.deepFrom = seen
			}
			fx.deepCursors = append(fx.deepCursors, cursor)
		}
	}
	if len(fx.deepCursors) == 0 {
		return errors.New("no deep-page cursor collected")
	}
	return nil
}

// notes are the caveats printed with every report.
func notes(fx *fixture) []string {
	return []string{
		"The load client runs on the same machine as the whole stack (five apps, five daprd, " +
			"the Dapr control plane, Postgres, Redis), and the machine is shared with other developers' " +
			"builds and tests: absolute numbers are pessimistic; compare ratios and trends.",
		fmt.Sprintf("The %d tasks were seeded by one INSERT ... SELECT generate_series into the tasks "+
			"service's own database, not through the API (which would take far longer and measure "+
			"nothing of interest); the seeded tasks were then read back through the API.", fx.seeded),
		"The gateway's per-client rate limit is switched off for the bench (GATEWAY_RATE_LIMIT_RPS=0): " +
			"all load comes from one address, real traffic from many.",
		"\"direct\" calls the tasks app's own port with the same bearer token (it verifies tokens " +
			"itself); the tasks app's own calls through its sidecar (e.g. membership checks) remain.",
		"CPU per request includes each step's background work (health probes, the outbox relay, the " +
			"control plane), which weighs more at low rates. A large \"rest of machine\" share marks a step " +
			"that other work on the machine disturbed: read its latencies with care.",
	}
}

func randomHex(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b) // never fails (crypto/rand panics instead)
	return hex.EncodeToString(b)
}
