package ports_test

import (
	"net/http"
	"slices"
	"testing"

	"github.com/golang-jwt/jwt/v5"

	"github.com/taskrocket/taskrocket/services/platform/authn"

	"github.com/taskrocket/taskrocket/services/contracts"
	"github.com/taskrocket/taskrocket/services/contracts/contracttest"
)

// sessionOf returns the sid claim of an access token.
func sessionOf(t *testing.T, token string) string {
	t.Helper()
	var claims authn.Claims
	if _, _, err := jwt.NewParser().ParseUnverified(token, &claims); err != nil {
		t.Fatal(err)
	}
	return claims.SessionID
}

func TestChangePassword(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	u := e.signUp("ada", "analytical engine")
	token := e.login("ada", "analytical engine")
	path := "/api/v1/me/password"
	body := func(cur, next string) map[string]any {
		return map[string]any{"currentPassword": cur, "newPassword": next}
	}

	before := e.counts()
	for _, tc := range []struct {
		body   map[string]any
		status int
		code   string
	}{
		{body("wrong password!", "difference engine"), 403, "current_password_incorrect"},
		{body("analytical engine", "too short"), 400, "password_too_short"},
		{body("analytical engine", "QWERTYUIOP"), 400, "password_too_common"},
		{body("analytical engine", "ada@example.com"), 400, "password_too_common"},
		{map[string]any{"currentPassword": "analytical engine"}, 400, "validation_failed"},
	} {
		res := e.must(tc.status, req{Method: "POST", Path: path, Token: token, Body: tc.body})
		if res.Code() != tc.code {
			t.Fatalf("%v: code %s, want %s", tc.body, res.Code(), tc.code)
		}
	}
	if after := e.counts(); after["users"] != before["users"] || after["outbox_events"] != before["outbox_events"] || len(e.auth.revocations()) != 0 {
		t.Fatal("a refused password change wrote rows or revoked sessions")
	}

	// auth unreachable: nothing changes, the old password still works.
	e.auth.setDown(true)
	e.must(http.StatusServiceUnavailable, req{Method: "POST", Path: path, Token: token, Body: body("analytical engine", "difference engine")})
	e.auth.setDown(false)
	e.login("ada", "analytical engine")

	e.must(http.StatusNoContent, req{Method: "POST", Path: path, Token: token, Body: body("analytical engine", "difference engine")})
	revs := e.auth.revocations()
	want := contracts.RevokeUserSessionsRequest{UserID: u["id"].(string), ExceptSessionID: sessionOf(t, token), Reason: "password_changed"}
	if len(revs) != 1 || revs[0] != want || want.ExceptSessionID == "" {
		t.Fatalf("revocations %+v, want [%+v]", revs, want)
	}
	evs := e.outboxEvents(contracts.EventUserUpdated)
	if len(evs) != 1 || !slices.Equal(contracttest.Decode[contracts.UserUpdated](t, evs[0]).Changed, []string{"password"}) {
		t.Fatalf("user.updated events %v", evs)
	}
	if res := e.must(http.StatusUnauthorized, loginReq("ada", "analytical engine", "")); res.Code() != "invalid_credentials" {
		t.Fatal("the old password still signs in")
	}
	e.login("ada", "difference engine")
}

func TestDeleteAccount(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	u := e.signUp("ada", "analytical engine")
	token := e.login("ada", "analytical engine")

	res := e.must(http.StatusForbidden, req{Method: "DELETE", Path: "/api/v1/me", Token: token, Body: map[string]any{"password": "not my password"}})
	if res.Code() != "current_password_incorrect" {
		t.Fatalf("code %s", res.Code())
	}
	e.must(http.StatusBadRequest, req{Method: "DELETE", Path: "/api/v1/me", Token: token, Body: map[string]any{}})
	e.auth.setDown(true)
	e.must(http.StatusServiceUnavailable, req{Method: "DELETE", Path: "/api/v1/me", Token: token, Body: map[string]any{"password": "analytical engine"}})
	e.auth.setDown(false)
	e.must(http.StatusOK, req{Method: "GET", Path: "/api/v1/me", Token: token})

	e.must(http.StatusNoContent, req{Method: "DELETE", Path: "/api/v1/me", Token: token, Body: map[string]any{"password": "analytical engine"}})

	revs := e.auth.revocations()
	if len(revs) != 1 || revs[0] != (contracts.RevokeUserSessionsRequest{UserID: u["id"].(string), Reason: "account_deleted"}) {
		t.Fatalf("revocations %+v: every session must go", revs)
	}
	evs := e.outboxEvents(contracts.EventUserDeleted)
	if len(evs) != 1 || contracttest.Decode[contracts.UserDeleted](t, evs[0]).UserID != u["id"] {
		t.Fatalf("user.deleted events %v", evs)
	}
	var row struct {
		Email, Username, DisplayName, PasswordHash string
		Deleted                                    bool
	}
	e.db.Raw(`SELECT email, username, display_name, password_hash, deleted_at IS NOT NULL AS deleted FROM users WHERE id = ?`, u["id"]).Scan(&row)
	if !row.Deleted || row.Email == "ada@example.com" || row.Username == "ada" || row.DisplayName == "User ada" || row.PasswordHash != "" {
		t.Fatalf("personal data not scrubbed: %+v", row)
	}
	var addresses int64
	e.db.Raw(`SELECT count(*) FROM login_known_addresses WHERE account_key = ?`, u["id"]).Scan(&addresses)
	if addresses != 0 {
		t.Fatalf("%d addresses the deleted account signed in from are kept", addresses)
	}

	e.must(http.StatusUnauthorized, loginReq("ada", "analytical engine", ""))
	e.must(http.StatusNotFound, req{Method: "GET", Path: "/api/v1/me", Token: token})
	e.signUp("grace", "cobol compiler 1959")
	otherToken := e.login("grace", "cobol compiler 1959")
	e.must(http.StatusNotFound, req{Method: "GET", Path: "/api/v1/users/ada", Token: otherToken})

	// The email address and the username are free again.
	again := e.signUp("ada", "a brand new passphrase")
	if again["id"] == u["id"] {
		t.Fatal("the deleted account came back")
	}
	e.login("ada@example.com", "a brand new passphrase")
}
