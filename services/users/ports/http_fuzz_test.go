package ports_test

import (
	"testing"

	"github.com/taskrocket/taskrocket/services/platform/apitest"
)

// FuzzUsersAPI sends arbitrary methods, paths, queries and bodies to every
// route of the service, signed in, with the sidecar's app token, or
// neither: no answer may be a server error, and every refusal has the
// error shape. The seed corpus (testdata/fuzz/FuzzUsersAPI) holds a valid
// and a spoiled request for each route and runs with every `go test`;
// `make fuzz` explores further.
func FuzzUsersAPI(f *testing.F) {
	e := newThrottleEnv(f)
	u := e.signUp("fuzzer", "fuzzing passphrase 1")
	fz := apitest.FuzzEnv{Handler: e.api.Engine, Token: e.login("fuzzer", "fuzzing passphrase 1"), AppToken: appToken,
		Vars: map[string]string{"{user}": u["id"].(string)}}
	f.Fuzz(func(t *testing.T, method uint8, target string, body []byte, auth uint8) {
		fz.Serve(t, method, target, body, auth)
	})
}
