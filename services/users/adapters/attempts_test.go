package adapters_test

import (
	"context"
	"testing"
	"time"

	"github.com/taskrocket/taskrocket/services/platform/pgtest"

	"github.com/taskrocket/taskrocket/services/users/adapters"
	"github.com/taskrocket/taskrocket/services/users/domain"
)

// attemptsEnv is the throttle on a fresh database with a small rule:
// 3 free failures, then 1, 2, 4 minutes; 6 failures per address in 15
// minutes.
type attemptsEnv struct {
	t   *testing.T
	l   *adapters.LoginAttempts
	db  func(q string) int64
	at0 time.Time
}

func newAttemptsEnv(t *testing.T) *attemptsEnv {
	t.Helper()
	db := pgtest.NewDB(t, adapters.Migrations())
	rule := domain.LoginThrottle{
		FreeFailures: 3, BaseDelay: time.Minute, MaxDelay: 4 * time.Minute, AccountWindow: time.Hour,
		AddressMaxFailures: 6, AddressWindow: 15 * time.Minute, KnownAddressTTL: 24 * time.Hour,
	}
	return &attemptsEnv{
		t: t, l: adapters.NewLoginAttempts(db, rule),
		db: func(q string) int64 {
			var n int64
			if err := db.Raw(q).Scan(&n).Error; err != nil {
				t.Fatal(err)
			}
			return n
		},
		at0: time.Date(2026, 11, 26, 9, 0, 0, 0, time.UTC),
	}
}

func (e *attemptsEnv) admit(account, ip string, after time.Duration) time.Duration {
	e.t.Helper()
	wait, err := e.l.Admit(context.Background(), account, ip, e.at0.Add(after))
	if err != nil {
		e.t.Fatal(err)
	}
	return wait
}

func (e *attemptsEnv) succeed(account, ip string, after time.Duration) {
	e.t.Helper()
	if err := e.l.Succeeded(context.Background(), account, ip, e.at0.Add(after)); err != nil {
		e.t.Fatal(err)
	}
}

func TestLoginAttemptsGrowingDelaysPerAccount(t *testing.T) {
	t.Parallel()
	e := newAttemptsEnv(t)
	// Three failures from three addresses are free.
	for i, ip := range []string{"ip-a", "ip-b", "ip-c"} {
		if w := e.admit("acct", ip, time.Duration(i)*time.Second); w != 0 {
			t.Fatalf("free attempt %d refused (wait %v)", i+1, w)
		}
	}
	steps := []struct {
		at       time.Duration
		wantWait time.Duration
	}{
		{10 * time.Second, 52 * time.Second},                         // 1 min after the latest failure (at 0:02)
		{62 * time.Second, 0},                                        // the wait is over: the 4th attempt is checked
		{63 * time.Second, 2*time.Minute - time.Second},              // then 2 minutes after it
		{3*time.Minute + 2*time.Second, 0},                           // 5th
		{3*time.Minute + 3*time.Second, 4*time.Minute - time.Second}, // then 4 minutes, the cap
		{7*time.Minute + 2*time.Second, 0},                           // 6th
		{7*time.Minute + 2*time.Second, 4 * time.Minute},             // capped
	}
	for _, s := range steps {
		if w := e.admit("acct", "ip-z", s.at); w != s.wantWait {
			t.Fatalf("at +%v: wait %v, want %v", s.at, w, s.wantWait)
		}
	}
	// Another account is not slowed down by acct's failures.
	if w := e.admit("other", "ip-z", 7*time.Minute+3*time.Second); w != 0 {
		t.Fatalf("another account waits %v", w)
	}
	// Success forgets acct's failures.
	e.succeed("acct", "ip-z", 8*time.Minute)
	if w := e.admit("acct", "ip-z", 8*time.Minute); w != 0 {
		t.Fatalf("after a success the account still waits %v", w)
	}
	// Failures older than the account window no longer count.
	for i := range 3 {
		e.admit("old", "ip-o", time.Duration(i)*time.Second)
	}
	if w := e.admit("old", "ip-o", time.Hour+3*time.Second); w != 0 {
		t.Fatalf("failures outside the window still count: wait %v", w)
	}
}

func TestLoginAttemptsAddressLimitSparesKnownAccounts(t *testing.T) {
	t.Parallel()
	e := newAttemptsEnv(t)
	e.succeed("regular", "office", 0) // signed in from the office before
	// Six failures on six accounts from the office fill its window.
	for i := range 6 {
		if w := e.admit(string(rune('a'+i)), "office", time.Minute); w != 0 {
			t.Fatalf("attempt %d refused: %v", i+1, w)
		}
	}
	if w := e.admit("newcomer", "office", 5*time.Minute); w != 11*time.Minute {
		t.Fatalf("an account never seen at the address: wait %v, want 11m (until the failures of 09:01 leave the window)", w)
	}
	if w := e.admit("regular", "office", 5*time.Minute); w != 0 {
		t.Fatalf("an account known at the address waits %v", w)
	}
	if w := e.admit("regular", "elsewhere", 5*time.Minute); w != 0 {
		t.Fatalf("another address waits %v", w)
	}
	if w := e.admit("newcomer", "office", 16*time.Minute); w != 0 {
		t.Fatalf("once the window passed: wait %v", w)
	}
	// A known address is forgotten after its lifetime.
	for i := range 6 {
		e.admit(string(rune('m'+i)), "office", 24*time.Hour)
	}
	if w := e.admit("regular", "office", 24*time.Hour+time.Second); w == 0 {
		t.Fatal("a known address past its lifetime still exempts the account")
	}
}

func TestLoginAttemptsPrune(t *testing.T) {
	t.Parallel()
	e := newAttemptsEnv(t)
	e.admit("a", "ip-1", 0)
	e.admit("b", "ip-1", 50*time.Minute)
	e.succeed("c", "ip-2", 0)
	n, err := e.l.Prune(context.Background(), e.at0.Add(time.Hour+time.Minute))
	if err != nil {
		t.Fatal(err)
	}
	if n != 1 || e.db(`SELECT count(*) FROM login_attempts`) != 1 || e.db(`SELECT count(*) FROM login_known_addresses`) != 1 {
		t.Fatalf("pruned %d; want only the failure older than the account window gone", n)
	}
	if n, _ := e.l.Prune(context.Background(), e.at0.Add(25*time.Hour)); n != 2 {
		t.Fatalf("pruned %d, want the last failure and the known address past its lifetime", n)
	}
}
