package main

import (
	"context"
	"fmt"
	"sync"
	"time"

	"github.com/google/uuid"

	"github.com/taskrocket/taskrocket/services/contracts"
	"github.com/taskrocket/taskrocket/services/platform/apperr"
	"github.com/taskrocket/taskrocket/services/platform/eventview"
)

// sessionView refuses the access tokens of signed-out logins without
// asking auth on every request. It holds:
//
//   - revoked logins (session.revoked events, the session ids of
//     session.user_sessions_revoked, and the sign-outs this gateway
//     forwarded itself), until their tokens have expired;
//   - per user, the latest "every login begun before T, but one" (log out
//     everywhere, password change, account deletion);
//   - logins auth said were active, asked once per login (on a miss, and
//     at start: nothing is assumed), kept until an event says otherwise
//     or MaxAge passes.
//
// A request is refused when a revocation covers its login, admitted when
// the login is known active, and otherwise auth is asked (concurrent
// requests of one login share the call). An event or a sign-out that
// arrives while auth is being asked wins: the answer is not kept, and auth
// is asked again. Auth answers for every login it does not hold in
// memory, so a gateway that has just started admits nothing it has not
// checked. docs/architecture.md has the reasoning.
type sessionView struct {
	ask     func(ctx context.Context, sessionID string) (contracts.SessionState, bool, error)
	opts    viewOptions
	started time.Time

	mu      sync.Mutex
	revoked map[string]time.Time // session id -> forget at
	users   map[string]userRevocation
	active  *eventview.LRU[activeLogin]
	flights map[string]*sessionFlight
	changes *eventview.Changes[sessionChange]
	swept   time.Time
}

// viewOptions tune the session view.
type viewOptions struct {
	MaxAge    time.Duration // an active answer is asked again after this long
	Warmup    time.Duration // after start, active answers are kept only warmupAge
	MaxActive int           // active logins held
	Now       func() time.Time
}

// userRevocation: every login of the user begun before before is signed
// out, except keep.
type userRevocation struct {
	before   time.Time
	keep     string
	forgetAt time.Time
}

type activeLogin struct {
	userID string
	until  time.Time
}

// sessionChange is a revocation as the race check needs it.
type sessionChange struct{ sessionID, userID string }

type sessionFlight struct {
	done     chan struct{}
	startSeq uint64
	err      error
	userID   string
}

const (
	maxAskAttempts = 4
	warmupAge      = 2 * time.Second
	sweepEvery     = time.Minute
)

var errSessionRevoked = apperr.Unauthenticated("session_revoked", "this login has been signed out; log in again")

func newSessionView(ask func(context.Context, string) (contracts.SessionState, bool, error), opts viewOptions) *sessionView {
	if opts.MaxAge <= 0 {
		opts.MaxAge = 10 * time.Minute
	}
	if opts.Warmup <= 0 {
		opts.Warmup = 30 * time.Second
	}
	if opts.MaxActive <= 0 {
		opts.MaxActive = 100_000
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	now := opts.Now()
	return &sessionView{
		ask: ask, opts: opts, started: now, swept: now,
		revoked: map[string]time.Time{}, users: map[string]userRevocation{},
		active: eventview.NewLRU[activeLogin](opts.MaxActive), flights: map[string]*sessionFlight{},
		changes: eventview.NewChanges[sessionChange](1024),
	}
}

// check returns nil when the login sessionID of userID may be used, or
// errSessionRevoked; tokenExpiry bounds how long a refusal learnt from
// auth is remembered.
func (v *sessionView) check(ctx context.Context, sessionID, userID string, tokenExpiry time.Time) error {
	if sessionID == "" {
		return errSessionRevoked
	}
	v.mu.Lock()
	now := v.opts.Now()
	v.sweep(now)
	if v.refused(sessionID, userID, now) {
		v.mu.Unlock()
		return errSessionRevoked
	}
	if a, ok := v.active.Get(sessionID); ok && now.Before(a.until) {
		v.mu.Unlock()
		if a.userID != userID {
			return errSessionRevoked // a token naming another user's login
		}
		return nil
	}
	f := v.flights[sessionID]
	leader := f == nil
	if leader {
		f = &sessionFlight{done: make(chan struct{}), startSeq: v.changes.Last(), userID: userID}
		v.flights[sessionID] = f
	}
	v.mu.Unlock()
	if leader {
		v.load(ctx, sessionID, tokenExpiry, f)
	}
	select {
	case <-f.done:
	case <-ctx.Done():
		return ctx.Err()
	}
	if f.err == nil && f.userID != userID {
		return errSessionRevoked // a token naming another user's login
	}
	return f.err
}

// load asks auth about a login and keeps the answer, unless a revocation
// concerning the login or its user arrived meanwhile: then it asks again.
func (v *sessionView) load(ctx context.Context, sessionID string, tokenExpiry time.Time, f *sessionFlight) {
	actx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
	defer cancel()
	for attempt := 1; ; attempt++ {
		st, found, err := v.ask(actx, sessionID)
		v.mu.Lock()
		now := v.opts.Now()
		stale := err == nil && found && st.Active && v.changes.ChangedSince(f.startSeq, func(c sessionChange) bool {
			return c.sessionID == sessionID || c.userID == st.UserID
		})
		if stale && attempt < maxAskAttempts {
			f.startSeq = v.changes.Last()
			v.mu.Unlock()
			continue
		}
		switch {
		case err != nil:
			f.err = apperr.Wrap(err, apperr.KindUnavailable, "auth_unavailable", "sign-in state cannot be checked right now; try again shortly")
		case stale:
			f.err = apperr.Wrap(fmt.Errorf("login %s changed during each of %d checks", sessionID, attempt),
				apperr.KindUnavailable, "auth_unavailable", "sign-in state cannot be checked right now; try again shortly")
		case !found || !st.Active || v.refused(sessionID, st.UserID, now):
			v.revoke(sessionID, "", later(tokenExpiry, now.Add(time.Minute)))
			f.err = errSessionRevoked
		default:
			f.userID = st.UserID
			v.active.Put(sessionID, activeLogin{userID: st.UserID, until: v.keptUntil(now)}, 1)
		}
		delete(v.flights, sessionID)
		close(f.done)
		v.mu.Unlock()
		return
	}
}

// keptUntil is how long an active answer obtained now is used: MaxAge, or
// warmupAge right after start, when the subscription that brings the
// revocations may not be delivering yet.
func (v *sessionView) keptUntil(now time.Time) time.Time {
	if now.Sub(v.started) < v.opts.Warmup {
		return now.Add(min(warmupAge, v.opts.MaxAge))
	}
	return now.Add(v.opts.MaxAge)
}

// refused reports whether a revocation covers the login; called with the
// lock held.
func (v *sessionView) refused(sessionID, userID string, now time.Time) bool {
	if until, ok := v.revoked[sessionID]; ok && now.Before(until) {
		return true
	}
	u, ok := v.users[userID]
	return ok && now.Before(u.forgetAt) && sessionID != u.keep && startedBefore(sessionID, u.before)
}

// startedBefore reports whether a login began before t. Auth gives logins
// UUIDv7 ids, which carry their start to the millisecond; a login with
// another id is older than that practice, hence began before t.
func startedBefore(sessionID string, t time.Time) bool {
	id, err := uuid.Parse(sessionID)
	if err != nil || id.Version() != 7 {
		return true
	}
	sec, nsec := id.Time().UnixTime()
	return time.Unix(sec, nsec).Before(t)
}

// revoke remembers that a login is signed out until forgetAt; called with
// the lock held.
func (v *sessionView) revoke(sessionID, userID string, forgetAt time.Time) {
	if forgetAt.After(v.revoked[sessionID]) {
		v.revoked[sessionID] = forgetAt
	}
	v.active.Remove(sessionID)
	v.changes.Add(sessionChange{sessionID: sessionID, userID: userID})
}

// revokeUser remembers that every login of userID begun before before,
// but keep, is signed out; a later revocation of the user replaces an
// earlier one (it covers everything the earlier one did). Called with the
// lock held.
func (v *sessionView) revokeUser(userID string, before time.Time, keep string, forgetAt time.Time) {
	cur, ok := v.users[userID]
	if !ok || before.After(cur.before) {
		v.users[userID] = userRevocation{before: before, keep: keep, forgetAt: later(forgetAt, cur.forgetAt)}
	} else if forgetAt.After(cur.forgetAt) {
		cur.forgetAt = forgetAt
		v.users[userID] = cur
	}
	v.changes.Add(sessionChange{userID: userID})
}

func later(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}

// sweep forgets revocations whose tokens have all expired; called with
// the lock held.
func (v *sessionView) sweep(now time.Time) {
	if now.Sub(v.swept) < sweepEvery {
		return
	}
	v.swept = now
	for id, t := range v.revoked {
		if !now.Before(t) {
			delete(v.revoked, id)
		}
	}
	for id, u := range v.users {
		if !now.Before(u.forgetAt) {
			delete(v.users, id)
		}
	}
}
