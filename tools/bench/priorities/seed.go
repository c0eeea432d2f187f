package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/taskrocket/taskrocket/tools/launcher/stack"
)

// world is the seeded data set and the stack's addresses.
type world struct {
	priorities, tasks string
	owner             person
	members           []person
	projects          []string
	client            *http.Client
	tasksDB           string
}

type person struct{ ID, Token string }

// seedWorld signs the members up, makes the projects (every member in
// each) and inserts the tasks into the tasks service's database: the
// priorities service learns of them by loading each project from the
// tasks service, as it does for data older than itself.
func seedWorld(ctx context.Context, st *stack.Stack, o options) (*world, error) {
	w := &world{priorities: st.URL("priorities"), tasks: st.URL("tasks"), tasksDB: st.DatabaseURL("taskrocket_tasks"),
		client: &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 128, DisableCompression: true}, Timeout: 10 * time.Second}}
	users := st.URL("users")
	run := time.Now().UnixNano() % 1_000_000_000
	for i := range o.members {
		name := fmt.Sprintf("prio%d_%d", run, i)
		pw := "correct horse battery staple"
		var created struct{ User struct{ ID string } }
		if err := call(ctx, w.client, "POST", users+"/api/v1/users", "", map[string]any{"email": name + "@example.com", "username": name,
			"displayName": name, "password": pw}, &created, http.StatusCreated); err != nil {
			return nil, err
		}
		var tok struct{ AccessToken string }
		if err := call(ctx, w.client, "POST", users+"/api/v1/auth/login", "", map[string]any{"login": name, "password": pw}, &tok, http.StatusOK); err != nil {
			return nil, err
		}
		w.members = append(w.members, person{ID: created.User.ID, Token: tok.AccessToken})
	}
	w.owner = w.members[0]
	for p := range o.projects {
		var pr struct{ ID string }
		if err := call(ctx, w.client, "POST", st.URL("projects")+"/api/v1/projects", w.owner.Token,
			map[string]any{"name": fmt.Sprintf("Bench %d", p), "key": fmt.Sprintf("BP%d", p)}, &pr, http.StatusCreated); err != nil {
			return nil, err
		}
		for _, m := range w.members[1:] {
			if err := call(ctx, w.client, "POST", st.URL("projects")+"/api/v1/projects/"+pr.ID+"/members", w.owner.Token,
				map[string]any{"userId": m.ID, "role": "participant"}, nil, http.StatusCreated); err != nil {
				return nil, err
			}
		}
		w.projects = append(w.projects, pr.ID)
	}
	fmt.Printf("seeding %d tasks in %d projects\n", o.tasks, o.projects)
	conn, err := pgx.Connect(ctx, w.tasksDB)
	if err != nil {
		return nil, fmt.Errorf("connect to the tasks database: %w", err)
	}
	defer conn.Close(context.WithoutCancel(ctx))
	ids := make([]string, len(w.members))
	for i, m := range w.members {
		ids[i] = m.ID
	}
	per := o.tasks / o.projects
	for _, pid := range w.projects {
		if _, err := conn.Exec(ctx, seedSQL, pid, w.owner.ID, per); err != nil {
			return nil, fmt.Errorf("seed tasks: %w", err)
		}
		if _, err := conn.Exec(ctx, assignSQL, pid, ids); err != nil {
			return nil, fmt.Errorf("seed assignees: %w", err)
		}
	}
	if _, err := conn.Exec(ctx, "ANALYZE tasks; ANALYZE task_assignees"); err != nil {
		return nil, err
	}
	return w, nil
}

// seedSQL inserts $3 tasks into project $1: priority none..urgent about
// 35/25/22/13/5 %, 40 % done, 20 % without a due date, the others due
// on the hour from 10 days ago to 60 days ahead; positions in row order
// ('d' + four base-62 digits + 'V', a valid order key).
const seedSQL = `
INSERT INTO tasks (id, project_id, title, status, priority, due_at, position, done_at, version, created_by, created_at, updated_at)
SELECT gen_random_uuid(), $1::uuid, 'Task ' || (i + 1),
	CASE WHEN h % 1000 < 600 THEN 'todo' ELSE 'done' END,
	CASE WHEN h % 100 < 35 THEN 0 WHEN h % 100 < 60 THEN 1 WHEN h % 100 < 82 THEN 2 WHEN h % 100 < 95 THEN 3 ELSE 4 END,
	CASE WHEN (h / 7) % 100 < 20 THEN NULL ELSE date_trunc('hour', now()) + ((h / 13) % (70 * 24) - 10 * 24) * interval '1 hour' END,
	'd' || substr(d, i / 238328 % 62 + 1, 1) || substr(d, i / 3844 % 62 + 1, 1) || substr(d, i / 62 % 62 + 1, 1) || substr(d, i % 62 + 1, 1) || 'V',
	CASE WHEN h % 1000 < 600 THEN NULL ELSE now() END,
	1, $2::uuid, now(), now() - (h % 30) * interval '1 day'
FROM generate_series(0, $3::int - 1) AS i,
	LATERAL (SELECT (hashint4(i)::bigint + 2147483648) AS h, '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'::text AS d) AS v`

// assignSQL assigns each task of project $1 to one of the members $2, in turn.
const assignSQL = `
INSERT INTO task_assignees (task_id, user_id, project_id)
SELECT t.id, ($2::uuid[])[1 + (row_number() OVER (ORDER BY t.position) - 1) % array_length($2::uuid[], 1)], t.project_id
FROM tasks t WHERE t.project_id = $1::uuid`

func call(ctx context.Context, c *http.Client, method, url, token string, in, out any, want int) error {
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
	resp, err := c.Do(req)
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
