package ports_test

import (
	"encoding/json"
	"net/http"
	"testing"

	"github.com/taskrocket/taskrocket/services/contracts"
	"github.com/taskrocket/taskrocket/services/platform/apitest"
)

// FuzzAuthAPI sends arbitrary methods, paths, queries and bodies to every
// route of the service (refresh, logout, sessions, the internal minting
// and revocation, the well-known documents): no answer may be a server
// error, and every refusal has the error shape. The seed corpus is in
// testdata/fuzz/FuzzAuthAPI; `make fuzz` explores further.
func FuzzAuthAPI(f *testing.F) {
	s := newServer(f)
	body, _ := json.Marshal(contracts.MintSessionRequest{UserID: "0190a0d4-6c4e-7d1a-9a55-5c2f3e4d5a6b", Username: "ada"})
	rec := s.internal(http.MethodPost, "/internal/sessions", string(body))
	var pair contracts.TokenPair
	if err := json.Unmarshal(rec.Body.Bytes(), &pair); rec.Code != http.StatusCreated || err != nil {
		f.Fatalf("mint: %d %s", rec.Code, rec.Body)
	}
	fz := apitest.FuzzEnv{Handler: s.handler, Token: pair.AccessToken, AppToken: appToken, Vars: map[string]string{
		"{session}": pair.SessionID, "{refresh}": pair.RefreshToken, "{user}": "0190a0d4-6c4e-7d1a-9a55-5c2f3e4d5a6b",
	}}
	f.Fuzz(func(t *testing.T, method uint8, target string, body []byte, auth uint8) {
		fz.Serve(t, method, target, body, auth)
	})
}
