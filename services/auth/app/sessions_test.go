package app_test

import (
	"testing"
	"time"

	"github.com/taskrocket/taskrocket/services/auth/app"
	"github.com/taskrocket/taskrocket/services/auth/domain"
)

func caller(user string, tokens app.Tokens) app.Caller {
	return app.Caller{UserID: user, SessionID: tokens.SessionID}
}

func TestSignOut(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		// act signs out with a1 (u1's first login); then every login in
		// wantRevoked must be refused and every other one still refresh.
		act         func(t *testing.T, f *fixture, a1, a2, b1 app.Tokens) error
		wantRevoked []int // indexes into {a1, a2, b1}
	}{
		{"logout-revokes-one-family-only", func(t *testing.T, f *fixture, a1, _, _ app.Tokens) error {
			return f.Logout(t.Context(), caller("u1", a1))
		}, []int{0}},
		{"logout-twice-succeeds", func(t *testing.T, f *fixture, a1, _, _ app.Tokens) error {
			if err := f.Logout(t.Context(), caller("u1", a1)); err != nil {
				return err
			}
			return f.Logout(t.Context(), caller("u1", a1))
		}, []int{0}},
		{"logout-all-revokes-every-family-of-the-user", func(t *testing.T, f *fixture, a1, _, _ app.Tokens) error {
			return f.LogoutAll(t.Context(), caller("u1", a1))
		}, []int{0, 1}},
		{"revoke-user-keeps-the-excepted-login", func(t *testing.T, f *fixture, a1, _, _ app.Tokens) error {
			return f.RevokeUser(t.Context(), "u1", a1.SessionID, domain.ReasonPasswordChanged)
		}, []int{1}},
		{"delete-own-session", func(t *testing.T, f *fixture, a1, a2, _ app.Tokens) error {
			return f.DeleteSession(t.Context(), caller("u1", a1), a2.SessionID)
		}, []int{1}},
		{"delete-another-users-session-is-not-found", func(t *testing.T, f *fixture, a1, _, b1 app.Tokens) error {
			err := f.DeleteSession(t.Context(), caller("u1", a1), b1.SessionID)
			wantCode(t, err, "session_not_found")
			err = f.DeleteSession(t.Context(), caller("u1", a1), "no-such-session")
			wantCode(t, err, "session_not_found")
			return nil
		}, nil},
		{"logout-with-another-users-session-id-changes-nothing", func(t *testing.T, f *fixture, _, _, b1 app.Tokens) error {
			return f.Logout(t.Context(), app.Caller{UserID: "u1", SessionID: b1.SessionID})
		}, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			f := newFixture(t)
			logins := []app.Tokens{f.login(t, "u1"), f.login(t, "u1"), f.login(t, "u2")}
			if err := tc.act(t, f, logins[0], logins[1], logins[2]); err != nil {
				t.Fatal(err)
			}
			revoked := map[int]bool{}
			for _, i := range tc.wantRevoked {
				revoked[i] = true
			}
			for i, l := range logins {
				_, err := f.Refresh(t.Context(), l.RefreshToken)
				if revoked[i] {
					wantCode(t, err, "session_revoked")
				} else if err != nil {
					t.Fatalf("login %d should still refresh: %v", i, err)
				}
				st, err := f.SessionState(t.Context(), l.SessionID)
				if err != nil || st.Active == revoked[i] {
					t.Fatalf("login %d state %+v, %v; want active=%v", i, st, err, !revoked[i])
				}
			}
		})
	}
}

func TestSessionsListsTheCallersActiveLoginsNewestFirst(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	oldest := f.login(t, "u1")
	f.clock.Advance(time.Minute)
	signedOut := f.login(t, "u1")
	f.clock.Advance(time.Minute)
	current := f.login(t, "u1")
	f.clock.Advance(time.Minute)
	f.login(t, "u2")
	if err := f.Logout(t.Context(), caller("u1", signedOut)); err != nil {
		t.Fatal(err)
	}
	f.clock.Advance(time.Minute)
	f.refresh(t, oldest.RefreshToken)

	views, err := f.Sessions(t.Context(), caller("u1", current))
	if err != nil {
		t.Fatal(err)
	}
	if len(views) != 2 || views[0].ID != current.SessionID || views[1].ID != oldest.SessionID {
		t.Fatalf("sessions %+v, want [current, oldest]", views)
	}
	if !views[0].Current || views[1].Current {
		t.Fatal("current flag on the wrong session")
	}
	if v := views[1]; v.UserAgent != "Firefox" || v.ClientIP != "203.0.113.7" ||
		!v.CreatedAt.Equal(t0) || !v.LastUsedAt.Equal(t0.Add(4*time.Minute)) {
		t.Fatalf("session details %+v", v)
	}
}

func TestSessionsOmitExpiredLogins(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	stale := f.login(t, "u1")
	f.clock.Advance(700 * time.Hour)
	fresh := f.login(t, "u1")
	f.clock.Advance(21 * time.Hour)
	views, err := f.Sessions(t.Context(), caller("u1", fresh))
	if err != nil {
		t.Fatal(err)
	}
	if len(views) != 1 || views[0].ID != fresh.SessionID {
		t.Fatalf("sessions %+v, want only the fresh one (not %s)", views, stale.SessionID)
	}
	if err := f.RequireActive(t.Context(), caller("u1", stale)); err == nil {
		t.Fatal("expired login accepted as active")
	}
}

func TestRequireActive(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	a1, b1 := f.login(t, "u1"), f.login(t, "u2")
	if err := f.RequireActive(t.Context(), caller("u1", a1)); err != nil {
		t.Fatal(err)
	}
	wantCode(t, f.RequireActive(t.Context(), app.Caller{UserID: "u1", SessionID: b1.SessionID}), "session_revoked")
	wantCode(t, f.RequireActive(t.Context(), app.Caller{UserID: "u1", SessionID: "unknown"}), "session_revoked")
	if err := f.Logout(t.Context(), caller("u1", a1)); err != nil {
		t.Fatal(err)
	}
	wantCode(t, f.RequireActive(t.Context(), caller("u1", a1)), "session_revoked")
}

func TestMintValidatesTheLogin(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	_, err := f.Mint(t.Context(), domain.Login{Username: "ada"})
	wantCode(t, err, "validation_failed")
	_, err = f.SessionState(t.Context(), "unknown")
	wantCode(t, err, "session_not_found")
}
