package ports_test

import (
	"net/http"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/taskrocket/taskrocket/services/contracts"
	"github.com/taskrocket/taskrocket/services/contracts/contracttest"
)

func TestSignUpCreatesTheAccountAndAnnouncesIt(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	res := e.must(http.StatusCreated, req{Method: "POST", Path: "/api/v1/users", Body: map[string]any{
		"email": " Ada.Lovelace@Example.COM", "username": "Ada_L", "displayName": "  Ada Lovelace ",
		"password": "analytical engine 1843", "timezone": "Europe/London", "locale": "en-gb",
	}})
	u := res.JSON(t)["user"].(map[string]any)
	for field, want := range map[string]string{
		"email": "ada.lovelace@example.com", "username": "ada_l", "displayName": "Ada Lovelace",
		"timezone": "Europe/London", "locale": "en-GB", "avatarUrl": "",
	} {
		if u[field] != want {
			t.Errorf("%s = %v, want %q", field, u[field], want)
		}
	}
	if strings.Contains(string(res.Body), "password") || strings.Contains(string(res.Body), "argon2") {
		t.Fatalf("the response leaks the password or its hash: %s", res.Body)
	}

	var hash string
	e.db.Raw(`SELECT password_hash FROM users WHERE id = ?`, u["id"]).Scan(&hash)
	if !regexp.MustCompile(`^\$argon2id\$v=19\$m=19456,t=2,p=1\$`).MatchString(hash) {
		t.Fatalf("stored hash %q", hash)
	}

	evs := e.outboxEvents(contracts.EventUserRegistered)
	if len(evs) != 1 {
		t.Fatalf("%d user.registered events in the outbox, want 1", len(evs))
	}
	p := contracttest.Decode[contracts.UserRegistered](t, evs[0])
	if p.UserID != u["id"] || p.Actor.UserID != u["id"] || p.Email != "ada.lovelace@example.com" || p.Username != "ada_l" || evs[0].Subject != u["id"] {
		t.Fatalf("event payload %+v (subject %q)", p, evs[0].Subject)
	}

	// The account works: sign in with it.
	e.login("ADA_L", "analytical engine 1843")
}

func TestSignUpDefaults(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	u := e.signUp("grace", "cobol compiler 1959")
	if u["timezone"] != "UTC" || u["locale"] != "en" {
		t.Fatalf("defaults: timezone %v locale %v", u["timezone"], u["locale"])
	}
}

func TestSignUpRefusals(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	e.signUp("taken", "a good long passphrase")
	valid := func(change map[string]any) map[string]any {
		body := map[string]any{"email": "new@example.com", "username": "newbie", "displayName": "New", "password": "a good long passphrase"}
		for k, v := range change {
			body[k] = v
		}
		return body
	}
	tests := []struct {
		name   string
		body   map[string]any
		status int
		code   string
		fields map[string]string
	}{
		{"password-too-short", valid(map[string]any{"password": "short1234"}), 400, "password_too_short", nil},
		{"password-too-common", valid(map[string]any{"password": "Password123"}), 400, "password_too_common", nil},
		{"password-is-username", valid(map[string]any{"password": "newbie-newbie", "username": "newbie-newbie"}), 400, "password_too_common", nil},
		{"password-too-long", valid(map[string]any{"password": strings.Repeat("x", 257)}), 400, "validation_failed", map[string]string{"password": "too_long"}},
		{"every-field-reported", map[string]any{"email": "nope", "username": "x", "displayName": " ", "timezone": "Moon/Base", "locale": "??"}, 400, "validation_failed",
			map[string]string{"email": "invalid", "username": "invalid", "displayName": "required", "timezone": "invalid", "locale": "invalid", "password": "required"}},
		{"email-taken-any-case", valid(map[string]any{"email": "TAKEN@example.com"}), 409, "email_taken", nil},
		{"username-taken-any-case", valid(map[string]any{"username": "Taken"}), 409, "username_taken", nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			before := e.counts()
			res := e.do(req{Method: "POST", Path: "/api/v1/users", Body: tc.body})
			if res.Status != tc.status || res.Code() != tc.code {
				t.Fatalf("got %d %s, want %d %s: %s", res.Status, res.Code(), tc.status, tc.code, res.Body)
			}
			if tc.fields != nil {
				got := res.JSON(t)["error"].(map[string]any)["details"].(map[string]any)["fields"].(map[string]any)
				if len(got) != len(tc.fields) {
					t.Errorf("fields %v, want %v", got, tc.fields)
				}
				for k, v := range tc.fields {
					if got[k] != v {
						t.Errorf("fields.%s = %v, want %s", k, got[k], v)
					}
				}
			}
			if after := e.counts(); after["users"] != before["users"] || after["outbox_events"] != before["outbox_events"] {
				t.Fatalf("a refused sign-up wrote rows: %v -> %v", before, after)
			}
		})
	}
}

// Two people signing up with the same email (or username) at the same
// moment: the database's unique index decides, one gets the account.
func TestConcurrentDuplicateSignUps(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	for _, tc := range []struct {
		name     string
		bodies   [2]map[string]any
		conflict string
	}{
		{"same-email", [2]map[string]any{
			{"email": "twin@example.com", "username": "twin-one", "displayName": "One", "password": "a good long passphrase"},
			{"email": "Twin@Example.com", "username": "twin-two", "displayName": "Two", "password": "another long passphrase"},
		}, "email_taken"},
		{"same-username", [2]map[string]any{
			{"email": "first@example.com", "username": "dup", "displayName": "One", "password": "a good long passphrase"},
			{"email": "second@example.com", "username": "DUP", "displayName": "Two", "password": "another long passphrase"},
		}, "username_taken"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var (
				wg      sync.WaitGroup
				start   = make(chan struct{})
				results [2]response
			)
			for i := range 2 {
				wg.Go(func() {
					<-start
					results[i] = e.do(req{Method: "POST", Path: "/api/v1/users", Body: tc.bodies[i]})
				})
			}
			close(start)
			wg.Wait()
			created, conflicts := 0, 0
			for _, r := range results {
				switch {
				case r.Status == http.StatusCreated:
					created++
				case r.Status == http.StatusConflict && r.Code() == tc.conflict:
					conflicts++
				default:
					t.Errorf("unexpected answer %d %s", r.Status, r.Body)
				}
			}
			if created != 1 || conflicts != 1 {
				t.Fatalf("created %d, conflicts %d; want exactly one of each", created, conflicts)
			}
		})
	}
	if n := len(e.outboxEvents(contracts.EventUserRegistered)); n != 2 {
		t.Fatalf("%d user.registered events, want 2 (one per created account)", n)
	}
}
