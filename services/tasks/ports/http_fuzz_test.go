package ports_test

import (
	"net/http"
	"testing"

	"github.com/taskrocket/taskrocket/services/platform/apitest"
)

// FuzzTasksAPI sends arbitrary methods, paths, queries and bodies to every
// route of the service (tasks, lists and their filters, categories, tags,
// the event subscribers): no answer may be a server error, and every
// refusal has the error shape. The seed corpus is in
// testdata/fuzz/FuzzTasksAPI; `make fuzz` explores further.
func FuzzTasksAPI(f *testing.F) {
	e := newEnv(f)
	owner, other := e.user(), e.user()
	project := e.projects.project(owner.ID, other.ID)
	task := e.api.Must(f, http.StatusCreated, req{Method: "POST", Path: "/api/v1/projects/" + project + "/tasks", Token: owner.Token,
		Body: map[string]any{"title": "Fuzzed", "assigneeIds": []string{other.ID}}}).JSON(f)
	tag := e.api.Must(f, http.StatusCreated, req{Method: "POST", Path: "/api/v1/projects/" + project + "/tags", Token: owner.Token,
		Body: map[string]any{"name": "fuzz"}}).JSON(f)
	fz := apitest.FuzzEnv{Handler: e.api.Engine, Token: owner.Token, AppToken: appToken, Vars: map[string]string{
		"{project}": project, "{task}": task["id"].(string), "{tag}": tag["id"].(string), "{user}": owner.ID, "{other}": other.ID,
	}}
	f.Fuzz(func(t *testing.T, method uint8, target string, body []byte, auth uint8) {
		fz.Serve(t, method, target, body, auth)
	})
}
