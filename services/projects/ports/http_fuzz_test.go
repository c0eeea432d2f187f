package ports_test

import (
	"testing"

	"github.com/taskrocket/taskrocket/services/platform/apitest"
)

// FuzzProjectsAPI sends arbitrary methods, paths, queries and bodies to
// every route of the service (projects, members, the internal membership
// routes and the event subscriber): no answer may be a server error, and
// every refusal has the error shape. The seed corpus is in
// testdata/fuzz/FuzzProjectsAPI; `make fuzz` explores further.
func FuzzProjectsAPI(f *testing.F) {
	e := newEnv(f)
	owner, other := e.newUser(), e.newUser()
	p := e.createProject(owner, "Fuzzed", "FUZ")
	e.addMember(owner, p["id"].(string), other)
	fz := apitest.FuzzEnv{Handler: e.api.Engine, Token: owner.Token, AppToken: appToken, Vars: map[string]string{
		"{project}": p["id"].(string), "{user}": owner.ID, "{other}": other.ID,
	}}
	f.Fuzz(func(t *testing.T, method uint8, target string, body []byte, auth uint8) {
		fz.Serve(t, method, target, body, auth)
	})
}
