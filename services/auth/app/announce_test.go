package app_test

import (
	"context"
	"errors"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/taskrocket/taskrocket/services/auth/app"
	"github.com/taskrocket/taskrocket/services/auth/domain"
)

// recorder is an Announcer that keeps what it publishes, or fails.
type recorder struct {
	mu   sync.Mutex
	got  []domain.Revocation
	fail error
}

func (r *recorder) Announce(_ context.Context, rev domain.Revocation) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.fail != nil {
		return r.fail
	}
	r.got = append(r.got, rev)
	return nil
}

func (r *recorder) take() []domain.Revocation {
	r.mu.Lock()
	defer r.mu.Unlock()
	out := r.got
	r.got = nil
	return out
}

func withAnnouncer(a app.Announcer) func(*app.Options) {
	return func(o *app.Options) { o.Announcer = a }
}

func TestEverySignOutIsAnnounced(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		act  func(t *testing.T, f *fixture, a1, a2 app.Tokens) error
		// want is the one revocation announced, with a1/a2 for the logins.
		want func(a1, a2 app.Tokens) domain.Revocation
	}{
		{"logout", func(t *testing.T, f *fixture, a1, _ app.Tokens) error {
			return f.Logout(t.Context(), caller("u1", a1))
		}, func(a1, _ app.Tokens) domain.Revocation {
			return domain.Revocation{SessionID: a1.SessionID, UserID: "u1", Reason: domain.ReasonLogout}
		}},
		{"logout-twice-announces-once", func(t *testing.T, f *fixture, a1, _ app.Tokens) error {
			if err := f.Logout(t.Context(), caller("u1", a1)); err != nil {
				return err
			}
			return f.Logout(t.Context(), caller("u1", a1))
		}, func(a1, _ app.Tokens) domain.Revocation {
			return domain.Revocation{SessionID: a1.SessionID, UserID: "u1", Reason: domain.ReasonLogout}
		}},
		{"session-deleted", func(t *testing.T, f *fixture, a1, a2 app.Tokens) error {
			return f.DeleteSession(t.Context(), caller("u1", a1), a2.SessionID)
		}, func(_, a2 app.Tokens) domain.Revocation {
			return domain.Revocation{SessionID: a2.SessionID, UserID: "u1", Reason: domain.ReasonSessionDeleted}
		}},
		{"log-out-everywhere", func(t *testing.T, f *fixture, a1, _ app.Tokens) error {
			return f.LogoutAll(t.Context(), caller("u1", a1))
		}, func(a1, a2 app.Tokens) domain.Revocation {
			return domain.Revocation{UserID: "u1", Sessions: []string{a1.SessionID, a2.SessionID}, Reason: domain.ReasonLogoutEverywhere}
		}},
		{"password-changed-keeps-its-login", func(t *testing.T, f *fixture, a1, _ app.Tokens) error {
			return f.RevokeUser(t.Context(), "u1", a1.SessionID, domain.ReasonPasswordChanged)
		}, func(a1, a2 app.Tokens) domain.Revocation {
			return domain.Revocation{UserID: "u1", Keep: a1.SessionID, Sessions: []string{a2.SessionID}, Reason: domain.ReasonPasswordChanged}
		}},
		{"refresh-token-reused", func(t *testing.T, f *fixture, a1, _ app.Tokens) error {
			f.refresh(t, a1.RefreshToken)
			_, err := f.Refresh(t.Context(), a1.RefreshToken)
			wantCode(t, err, "refresh_token_reused")
			return nil
		}, func(a1, _ app.Tokens) domain.Revocation {
			return domain.Revocation{SessionID: a1.SessionID, UserID: "u1", Reason: domain.ReasonRefreshReused}
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			rec := &recorder{}
			f := newFixture(t, withAnnouncer(rec))
			a1, a2 := f.login(t, "u1"), f.login(t, "u1")
			if err := tc.act(t, f, a1, a2); err != nil {
				t.Fatal(err)
			}
			got := rec.take()
			if len(got) != 1 {
				t.Fatalf("%d announcements, want 1: %+v", len(got), got)
			}
			want := tc.want(a1, a2)
			g := got[0]
			slices.Sort(g.Sessions)
			slices.Sort(want.Sessions)
			if g.SessionID != want.SessionID || g.UserID != want.UserID || g.Keep != want.Keep || g.Reason != want.Reason ||
				!slices.Equal(g.Sessions, want.Sessions) || g.ID == "" || !g.At.Equal(t0) ||
				!g.TokensExpireBy.Equal(t0.Add(f.opts.Lifetimes.Access)) {
				t.Fatalf("announced %+v, want %+v at %s", g, want, t0)
			}
			if p, _ := f.store.Pending(t.Context()); len(p) != 0 {
				t.Fatalf("still pending after announcing: %+v", p)
			}
		})
	}
}

// A revocation whose event cannot be published succeeds for the user and
// is announced later; one stored by a process that stopped before
// revoking is completed and announced.
func TestAnUnannouncedRevocationIsAnnouncedLater(t *testing.T) {
	t.Parallel()
	rec := &recorder{fail: errors.New("broker down")}
	f := newFixture(t, withAnnouncer(rec))
	a1, b1 := f.login(t, "u1"), f.login(t, "u2")
	if err := f.Logout(t.Context(), caller("u1", a1)); err != nil {
		t.Fatalf("logout with the broker down: %v", err)
	}
	// A process stopped right after storing this one: u2 not revoked yet.
	stopped := domain.Revocation{ID: "0190f0f0-0000-7000-8000-00000000dead", SessionID: b1.SessionID, UserID: "u2",
		Reason: domain.ReasonLogout, At: t0, TokensExpireBy: t0.Add(10 * time.Minute)}
	if err := f.store.AddPending(t.Context(), stopped); err != nil {
		t.Fatal(err)
	}
	rec.mu.Lock()
	rec.fail = nil
	rec.mu.Unlock()

	f.AnnouncePending(t.Context()) // too soon: the requests that stored them may still be at it
	if got := rec.take(); len(got) != 0 {
		t.Fatalf("announced within the grace: %+v", got)
	}
	f.clock.Advance(10 * time.Second)
	f.AnnouncePending(t.Context())
	got := rec.take()
	if len(got) != 2 {
		t.Fatalf("%d announced, want 2", len(got))
	}
	if p, _ := f.store.Pending(t.Context()); len(p) != 0 {
		t.Fatalf("still pending: %+v", p)
	}
	if _, err := f.Refresh(t.Context(), b1.RefreshToken); err == nil {
		t.Fatal("the stopped revocation was not applied: u2's login still refreshes")
	}
}
