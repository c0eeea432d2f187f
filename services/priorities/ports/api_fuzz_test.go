package ports_test

import (
	"net/http"
	"testing"
	"time"

	"github.com/taskrocket/taskrocket/services/contracts"
	"github.com/taskrocket/taskrocket/services/platform/apitest"
)

// FuzzPrioritiesAPI sends arbitrary methods, paths, queries and bodies to
// every route of the service (rules, preview, order, next up, the event
// subscribers): no answer may be a server error, and every refusal has
// the error shape. The seed corpus is in testdata/fuzz/FuzzPrioritiesAPI.
func FuzzPrioritiesAPI(f *testing.F) {
	e := newEnv(f)
	owner := e.user()
	project := e.project(owner)
	task := e.world.put(newTask(project, "fuzzed", contracts.PriorityLow, 3*time.Hour, owner.ID))
	rule := e.api.Must(f, http.StatusCreated, req{Method: "POST", Path: "/api/v1/projects/" + project + "/priority-rules",
		Token: owner.Token, Body: urgentWhenDueSoon}).JSON(f)
	fz := apitest.FuzzEnv{Handler: e.api.Engine, Token: owner.Token, AppToken: appToken, Vars: map[string]string{
		"{project}": project, "{task}": task.ID, "{rule}": rule["id"].(string), "{user}": owner.ID,
	}}
	f.Fuzz(func(t *testing.T, method uint8, target string, body []byte, auth uint8) {
		fz.Serve(t, method, target, body, auth)
	})
}
