package e2e

import (
	"encoding/json"
	"fmt"
	"net/http"
	"sync/atomic"
	"testing"
	"time"
)

// Helpers shared by the tests of the core domain (projects, tasks,
// categories, tags, invitations): people with an account and a session,
// and the calls they make through the gateway.

// person is a signed-up account with a live session. The zero person (no
// token) is anonymous.
type person struct {
	account
	ID    string
	Token string
}

var personSeq atomic.Int64

// newPerson signs up a fresh account and logs it in.
func newPerson(t *testing.T, name string) person {
	t.Helper()
	n := fmt.Sprintf("%d%d", time.Now().UnixNano()%1_000_000_000, personSeq.Add(1))
	a := account{
		Email:    fmt.Sprintf("%s%s@example.com", name, n),
		Username: fmt.Sprintf("%s%s", name, n),
		Password: "correct horse battery staple",
	}
	r := a.signUp(t)
	expect(t, "sign up "+name, r, http.StatusCreated, "")
	u, _ := r.json(t)["user"].(map[string]any)
	id, _ := u["id"].(string)
	if id == "" {
		t.Fatalf("sign up %s: no id in %s", name, r.Body)
	}
	tk, r := a.logIn(t, a.Username)
	expect(t, "log in "+name, r, http.StatusOK, "")
	return person{account: a, ID: id, Token: tk.Access}
}

// call makes a request through the gateway as p (anonymous without a token).
func (p person) call(t *testing.T, method, path, body string) response {
	t.Helper()
	return p.callWith(t, method, path, body, nil)
}

// callWith is call with extra request headers.
func (p person) callWith(t *testing.T, method, path, body string, header map[string]string) response {
	t.Helper()
	h := map[string]string{}
	if p.Token != "" {
		h["Authorization"] = "Bearer " + p.Token
	}
	for k, v := range header {
		h[k] = v
	}
	return do(t, method, suite.URL("gateway")+path, body, h)
}

// jsonBody encodes v for a request body.
func jsonBody(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// str returns the string field k of a JSON object response.
func (r response) str(t *testing.T, k string) string {
	t.Helper()
	s, _ := r.json(t)[k].(string)
	return s
}

var keySeq atomic.Int64

// projectKey returns a short key no other test uses ("E" + digits).
func projectKey() string {
	return fmt.Sprintf("E%d%d", time.Now().UnixNano()%1_000_000, keySeq.Add(1)%1000)
}

// newProject creates a project owned by owner and returns its id.
func newProject(t *testing.T, owner person, name string) string {
	t.Helper()
	r := owner.call(t, http.MethodPost, "/api/v1/projects",
		jsonBody(t, map[string]any{"name": name, "key": projectKey()}))
	expect(t, "create project "+name, r, http.StatusCreated, "")
	return r.str(t, "id")
}

// addParticipant makes p a participant of the project (as its owner).
func addParticipant(t *testing.T, owner person, projectID string, p person) {
	t.Helper()
	r := owner.call(t, http.MethodPost, "/api/v1/projects/"+projectID+"/members",
		jsonBody(t, map[string]any{"userId": p.ID, "role": "participant"}))
	expect(t, "add participant", r, http.StatusCreated, "")
}

// newTask creates a task in the project from the given fields and returns
// the task as answered.
func newTask(t *testing.T, p person, projectID string, fields map[string]any) map[string]any {
	t.Helper()
	r := p.call(t, http.MethodPost, "/api/v1/projects/"+projectID+"/tasks", jsonBody(t, fields))
	expect(t, "create task", r, http.StatusCreated, "")
	return r.json(t)
}
