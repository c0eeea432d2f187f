package adapters_test

import (
	"context"
	"testing"
	"time"

	"github.com/taskrocket/taskrocket/services/platform/pgtest"

	"github.com/taskrocket/taskrocket/services/users/adapters"
)

func TestLoginAttemptsWindow(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := pgtest.NewDB(t, adapters.Migrations())
	l := adapters.NewLoginAttempts(db, 15*time.Minute, 3)
	t0 := time.Date(2026, 11, 26, 9, 0, 0, 0, time.UTC)
	admit := func(account, ip string, at time.Time) time.Duration {
		t.Helper()
		wait, err := l.Admit(ctx, account, ip, at)
		if err != nil {
			t.Fatal(err)
		}
		return wait
	}

	// Three failures a minute apart fill the window of "acct".
	for i := range 3 {
		if w := admit("acct", "ip-"+string(rune('a'+i)), t0.Add(time.Duration(i)*time.Minute)); w != 0 {
			t.Fatalf("attempt %d refused (wait %v)", i+1, w)
		}
	}
	// The fourth waits until the oldest of the three leaves the window.
	if w := admit("acct", "ip-z", t0.Add(3*time.Minute)); w != 12*time.Minute {
		t.Fatalf("wait %v, want 12m", w)
	}
	// Refused attempts are not recorded: they do not push the window.
	if w := admit("acct", "ip-z", t0.Add(14*time.Minute)); w != time.Minute {
		t.Fatalf("wait %v, want 1m", w)
	}
	if w := admit("acct", "ip-z", t0.Add(15*time.Minute)); w != 0 {
		t.Fatalf("once the oldest failure left the window one more attempt is allowed, wait %v", w)
	}
	if w := admit("acct", "ip-y", t0.Add(15*time.Minute+time.Second)); w != time.Minute-time.Second {
		t.Fatalf("wait %v, want the second failure's exit", w)
	}

	// Clearing the account frees it, but not the addresses it was tried from.
	if err := l.Clear(ctx, "acct"); err != nil {
		t.Fatal(err)
	}
	if w := admit("acct", "ip-x", t0.Add(16*time.Minute)); w != 0 {
		t.Fatalf("cleared account still throttled: %v", w)
	}
	for _, acct := range []string{"o1", "o2", "o3"} {
		admit(acct, "shared", t0.Add(20*time.Minute))
	}
	if w := admit("o4", "shared", t0.Add(20*time.Minute)); w != 15*time.Minute {
		t.Fatalf("address throttle: wait %v", w)
	}

	// Prune removes what left the window and keeps the rest.
	n, err := l.Prune(ctx, t0.Add(34*time.Minute))
	if err != nil {
		t.Fatal(err)
	}
	var left int64
	db.Raw(`SELECT count(*) FROM login_attempts`).Scan(&left)
	if n == 0 || left != 3 {
		t.Fatalf("pruned %d, %d left; want only the three attempts of 09:20 kept", n, left)
	}
}
