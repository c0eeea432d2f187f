package main

import (
	"context"
	"errors"
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/taskrocket/taskrocket/services/contracts"
	"github.com/taskrocket/taskrocket/services/platform/apperr"
	"github.com/taskrocket/taskrocket/services/platform/events"
)

// fakeAuth answers the view's questions about logins.
type fakeAuth struct {
	mu       sync.Mutex
	owner    map[string]string // session id -> user id (active)
	calls    int
	down     bool
	inFlight func(n int) // runs after the answer is read, as if events arrived meanwhile
}

func (f *fakeAuth) ask(_ context.Context, id string) (contracts.SessionState, bool, error) {
	f.mu.Lock()
	f.calls++
	n, hook, down := f.calls, f.inFlight, f.down
	uid, ok := f.owner[id]
	f.mu.Unlock()
	if hook != nil {
		hook(n)
	}
	if down {
		return contracts.SessionState{}, false, errors.New("connection refused")
	}
	return contracts.SessionState{SessionID: id, UserID: uid, Active: ok}, ok, nil
}

func (f *fakeAuth) callCount() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.calls
}

// login is a session id started at at (a UUIDv7, as auth makes them).
func login(t *testing.T, at time.Time) string {
	t.Helper()
	id := uuid.New() // random bits
	ms := uint64(at.UnixMilli())
	for i := range 6 {
		id[i] = byte(ms >> (40 - 8*i))
	}
	id[6] = id[6]&0x0f | 0x70
	if id.Version() != 7 {
		t.Fatal("not a UUIDv7")
	}
	return id.String()
}

func newViewFor(auth *fakeAuth, now func() time.Time) *sessionView {
	return newSessionView(auth.ask, viewOptions{Now: now, Warmup: time.Nanosecond})
}

func mustAdmit(t *testing.T, v *sessionView, sid, uid string) {
	t.Helper()
	if err := v.check(context.Background(), sid, uid, time.Now().Add(10*time.Minute)); err != nil {
		t.Fatalf("login %s of %s refused: %v", sid, uid, err)
	}
}

func mustRefuse(t *testing.T, v *sessionView, sid, uid string) {
	t.Helper()
	if err := v.check(context.Background(), sid, uid, time.Now().Add(10*time.Minute)); !errors.Is(err, errSessionRevoked) {
		t.Fatalf("login %s of %s: %v, want session_revoked", sid, uid, err)
	}
}

func deliverSessions(t *testing.T, v *sessionView, typ string, payload any) {
	t.Helper()
	ev, err := events.New("/auth", typ, "x", payload)
	if err != nil {
		t.Fatal(err)
	}
	if err := v.handle(context.Background(), ev); err != nil {
		t.Fatal(err)
	}
}

func TestALoginIsAskedOnceThenRevokedByItsEvent(t *testing.T) {
	t.Parallel()
	now := time.Now()
	s1 := login(t, now.Add(-time.Hour))
	auth := &fakeAuth{owner: map[string]string{s1: "u1"}}
	v := newViewFor(auth, time.Now)
	for range 3 {
		mustAdmit(t, v, s1, "u1")
	}
	if n := auth.callCount(); n != 1 {
		t.Fatalf("%d calls to auth, want 1", n)
	}
	mustRefuse(t, v, s1, "u2") // a token naming another user's login
	deliverSessions(t, v, contracts.EventSessionRevoked, contracts.SessionRevoked{
		SessionID: s1, UserID: "u1", Reason: "logout", RevokedAt: now, TokensExpireBy: now.Add(10 * time.Minute)})
	mustRefuse(t, v, s1, "u1")
	if n := auth.callCount(); n != 1 {
		t.Fatalf("%d calls to auth, want 1: the event alone refuses", n)
	}
}

func TestAUsersRevocationRefusesTheLoginsBegunBeforeItButOne(t *testing.T) {
	t.Parallel()
	now := time.Now()
	old, kept, unlisted := login(t, now.Add(-time.Hour)), login(t, now.Add(-time.Minute)), login(t, now.Add(-time.Second))
	fresh := login(t, now.Add(time.Millisecond))
	auth := &fakeAuth{owner: map[string]string{old: "u1", kept: "u1", unlisted: "u1", fresh: "u1", "legacy-id": "u1"}}
	v := newViewFor(auth, time.Now)
	for _, s := range []string{old, kept, unlisted, "legacy-id"} {
		mustAdmit(t, v, s, "u1")
	}
	deliverSessions(t, v, contracts.EventUserSessionsRevoked, contracts.UserSessionsRevoked{
		UserID: "u1", ExceptSessionID: kept, SessionIDs: []string{old}, Reason: "password_changed",
		RevokedBefore: now, TokensExpireBy: now.Add(10 * time.Minute)})
	mustRefuse(t, v, old, "u1")
	mustRefuse(t, v, unlisted, "u1")    // begun before, though auth did not list it
	mustRefuse(t, v, "legacy-id", "u1") // not a UUIDv7: older than the revocation
	mustAdmit(t, v, kept, "u1")
	mustAdmit(t, v, fresh, "u1") // a login begun after it
}

// The revocation that arrives while auth is being asked wins.
func TestARevocationArrivingDuringTheCallToAuthWins(t *testing.T) {
	t.Parallel()
	now := time.Now()
	s1 := login(t, now.Add(-time.Hour))
	auth := &fakeAuth{owner: map[string]string{s1: "u1"}}
	v := newViewFor(auth, time.Now)
	auth.inFlight = func(n int) {
		if n == 1 {
			auth.mu.Lock()
			delete(auth.owner, s1)
			auth.mu.Unlock()
			deliverSessions(t, v, contracts.EventUserSessionsRevoked, contracts.UserSessionsRevoked{
				UserID: "u1", SessionIDs: []string{}, Reason: "logout_everywhere", RevokedBefore: now, TokensExpireBy: now.Add(time.Minute)})
		}
	}
	mustRefuse(t, v, s1, "u1")
	if n := auth.callCount(); n != 2 {
		t.Fatalf("%d calls to auth, want 2", n)
	}
}

func TestConcurrentChecksOfOneLoginShareTheCall(t *testing.T) {
	t.Parallel()
	s1 := login(t, time.Now())
	auth := &fakeAuth{owner: map[string]string{s1: "u1"}}
	release := make(chan struct{})
	auth.inFlight = func(int) { <-release }
	v := newViewFor(auth, time.Now)
	var wg sync.WaitGroup
	for range 20 {
		wg.Go(func() { mustAdmit(t, v, s1, "u1") })
	}
	time.Sleep(50 * time.Millisecond)
	close(release)
	wg.Wait()
	if n := auth.callCount(); n != 1 {
		t.Fatalf("%d calls for 20 concurrent checks, want 1", n)
	}
}

func TestAuthDownIsUnavailableAndNothingIsAssumedAtStart(t *testing.T) {
	t.Parallel()
	s1 := login(t, time.Now())
	auth := &fakeAuth{owner: map[string]string{s1: "u1"}, down: true}
	v := newViewFor(auth, time.Now)
	var ae *apperr.Error
	if err := v.check(context.Background(), s1, "u1", time.Now().Add(time.Minute)); !errors.As(err, &ae) || ae.Code != "auth_unavailable" {
		t.Fatalf("err %v, want auth_unavailable", err)
	}
	auth.down = false
	mustAdmit(t, v, s1, "u1")
	mustRefuse(t, v, "", "u1")
}

func TestActiveAnswersAreAskedAgainAfterMaxAgeAndBrieflyAfterStart(t *testing.T) {
	t.Parallel()
	now := time.Now()
	s1 := login(t, now)
	auth := &fakeAuth{owner: map[string]string{s1: "u1"}}
	v := newSessionView(auth.ask, viewOptions{Now: func() time.Time { return now }, MaxAge: time.Minute, Warmup: 30 * time.Second})
	mustAdmit(t, v, s1, "u1")
	now = now.Add(warmupAge + time.Second) // answered in warm-up: asked again
	mustAdmit(t, v, s1, "u1")
	now = now.Add(time.Minute) // past warm-up, within MaxAge of the next answer
	mustAdmit(t, v, s1, "u1")
	mustAdmit(t, v, s1, "u1")
	now = now.Add(2 * time.Minute)
	mustAdmit(t, v, s1, "u1")
	if n := auth.callCount(); n != 4 {
		t.Fatalf("%d calls to auth, want 4", n)
	}
}

// The gateway that forwarded a sign-out refuses the login before the
// client has the answer: no event needed.
func TestASignOutThroughThisGatewayIsRefusedAtOnce(t *testing.T) {
	t.Parallel()
	g := newGateway(t, 0)
	// Every login here begins after the sign-outs before it and before its
	// own (the tokens' user is the same throughout).
	fresh := func() string {
		time.Sleep(2 * time.Millisecond)
		defer time.Sleep(2 * time.Millisecond)
		return login(t, time.Now())
	}
	for _, tc := range []struct{ name, method, path string }{
		{"logout", http.MethodPost, "/api/v1/auth/logout"},
		{"log-out-everywhere", http.MethodPost, "/api/v1/auth/logout-all"},
		{"account-deleted", http.MethodDelete, "/api/v1/me"},
	} {
		tok := g.token(t, fresh())
		if res, _ := g.do(t, http.MethodGet, "/api/v1/projects", tok, nil); res.StatusCode != http.StatusOK {
			t.Fatalf("%s: before: %d", tc.name, res.StatusCode)
		}
		if res, body := g.do(t, tc.method, tc.path, tok, nil); res.StatusCode != http.StatusOK {
			t.Fatalf("%s: %d %v", tc.name, res.StatusCode, body)
		}
		if res, body := g.do(t, http.MethodGet, "/api/v1/projects", tok, nil); res.StatusCode != http.StatusUnauthorized || code(body) != "session_revoked" {
			t.Fatalf("%s: after: %d %v", tc.name, res.StatusCode, body)
		}
	}
	// A password change keeps the login that made it.
	own := g.token(t, fresh())
	if res, _ := g.do(t, http.MethodPost, "/api/v1/me/password", own, nil); res.StatusCode != http.StatusOK {
		t.Fatalf("password change: %d", res.StatusCode)
	}
	if res, _ := g.do(t, http.MethodGet, "/api/v1/projects", own, nil); res.StatusCode != http.StatusOK {
		t.Fatalf("the login that changed the password: %d", res.StatusCode)
	}
	// A refused sign-out signs nothing out.
	g.sidecar.down["auth"] = true
	named := fresh()
	if res, _ := g.do(t, http.MethodDelete, "/api/v1/auth/sessions/"+named, own, nil); res.StatusCode != http.StatusServiceUnavailable {
		t.Fatalf("refused sign-out: %d", res.StatusCode)
	}
	g.sidecar.down["auth"] = false
	if res, _ := g.do(t, http.MethodGet, "/api/v1/projects", g.token(t, named), nil); res.StatusCode != http.StatusOK {
		t.Fatalf("a login whose sign-out failed: %d", res.StatusCode)
	}
	if res, _ := g.do(t, http.MethodDelete, "/api/v1/auth/sessions/"+named, own, nil); res.StatusCode != http.StatusOK {
		t.Fatalf("sign-out of a named login: %d", res.StatusCode)
	}
	if res, _ := g.do(t, http.MethodGet, "/api/v1/projects", g.token(t, named), nil); res.StatusCode != http.StatusUnauthorized {
		t.Fatalf("the named login after its sign-out: %d", res.StatusCode)
	}
}

func TestMalformedRevocationsAreDropped(t *testing.T) {
	t.Parallel()
	v := newViewFor(&fakeAuth{}, time.Now)
	for _, tc := range []struct {
		typ     string
		payload any
	}{
		{contracts.EventSessionRevoked, map[string]any{"sessionId": 7}},
		{contracts.EventSessionRevoked, contracts.SessionRevoked{UserID: "u1"}},
		{contracts.EventUserSessionsRevoked, contracts.UserSessionsRevoked{UserID: "u1"}},
	} {
		ev, _ := events.New("/auth", tc.typ, "x", tc.payload)
		if err := v.handle(context.Background(), ev); err == nil {
			t.Errorf("%s %v accepted", tc.typ, tc.payload)
		}
	}
}
