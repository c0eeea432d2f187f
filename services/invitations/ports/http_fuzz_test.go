package ports_test

import (
	"testing"

	"github.com/google/uuid"

	"github.com/taskrocket/taskrocket/services/contracts"
	"github.com/taskrocket/taskrocket/services/platform/apitest"
)

// FuzzInvitationsAPI sends arbitrary methods, paths, queries and bodies to
// every route of the service (sending, listing, cancelling, accepting and
// rejecting invitations, the event subscribers): no answer may be a server
// error, and every refusal has the error shape. The seed corpus is in
// testdata/fuzz/FuzzInvitationsAPI; `make fuzz` explores further.
func FuzzInvitationsAPI(f *testing.F) {
	e := newEnv(f)
	owner := contracts.UserRef{ID: uuid.Must(uuid.NewV7()).String(), Username: "owner", DisplayName: "Owner", Email: "owner@example.com", Locale: "en", Timezone: "UTC"}
	guest := contracts.UserRef{ID: uuid.Must(uuid.NewV7()).String(), Username: "guest", DisplayName: "Guest", Email: "guest@example.com", Locale: "en", Timezone: "UTC"}
	e.users.add(owner)
	e.users.add(guest)
	project := e.projects.create(owner.ID, "Fuzzed")
	fz := apitest.FuzzEnv{Handler: e.api.Engine, Token: e.tokens.Mint(owner.ID, uuid.NewString(), owner.Username), AppToken: appToken,
		Vars: map[string]string{"{project}": project, "{user}": owner.ID, "{guest}": guest.ID}}
	f.Fuzz(func(t *testing.T, method uint8, target string, body []byte, auth uint8) {
		fz.Serve(t, method, target, body, auth)
	})
}
