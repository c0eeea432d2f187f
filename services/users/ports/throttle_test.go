package ports_test

import (
	"fmt"
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/taskrocket/taskrocket/services/platform/outbox"
	"github.com/taskrocket/taskrocket/services/platform/pgtest"

	"github.com/taskrocket/taskrocket/services/users/adapters"
	"github.com/taskrocket/taskrocket/services/users/domain"
)

// newThrottleEnv is the service with a cheap password hash: the throttle
// does not depend on the hash's cost, and these tests check many passwords.
func newThrottleEnv(t testing.TB) *env {
	t.Helper()
	db := pgtest.NewDB(t, outbox.Migrations(), adapters.Migrations())
	return newEnvOn(t, db, domain.Argon2Params{Memory: 64, Time: 1, Threads: 1, SaltLen: 16, KeyLen: 32})
}

// failFrom sends n wrong passwords for distinct unknown logins from ip, in
// parallel, and checks that each is answered 401.
func (e *env) failFrom(ip string, n int) {
	e.t.Helper()
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() {
			res := e.do(loginReq(fmt.Sprintf("sprayed%03d", i), "summer of 2026!", ip))
			if res.Status != http.StatusUnauthorized {
				e.t.Errorf("failure %d from %s: %d %s", i, ip, res.Status, res.Body)
			}
		})
	}
	wg.Wait()
}

// The guessed account slows down: five failures are free, then each
// attempt waits 30 s after the latest failure, then 60 s, doubling.
func TestLoginGrowingDelaysPerAccount(t *testing.T) {
	t.Parallel()
	e := newThrottleEnv(t)
	e.signUp("alan", "enigma machine 1940")
	for i := range 5 {
		// A different address each time: the account's own counter trips.
		e.must(http.StatusUnauthorized, loginReq("alan", "wrong password!", fmt.Sprintf("198.51.100.%d", i+1)))
	}
	res := e.must(http.StatusTooManyRequests, loginReq("alan", "enigma machine 1940", "192.0.2.50"))
	if res.Code() != "too_many_attempts" || res.Header.Get("Retry-After") != "30" {
		t.Fatalf("429 %s, Retry-After %q, want 30", res.Code(), res.Header.Get("Retry-After"))
	}
	// By email it is the same account.
	e.must(http.StatusTooManyRequests, loginReq("alan@example.com", "enigma machine 1940", "192.0.2.50"))

	e.clock.Advance(30 * time.Second)
	e.must(http.StatusUnauthorized, loginReq("alan", "wrong again!", "198.51.100.9"))
	res = e.must(http.StatusTooManyRequests, loginReq("alan", "enigma machine 1940", "192.0.2.50"))
	if got := res.Header.Get("Retry-After"); got != "60" {
		t.Fatalf("Retry-After %q after the sixth failure, want 60 (doubled)", got)
	}
	e.clock.Advance(59 * time.Second)
	if got := e.must(http.StatusTooManyRequests, loginReq("alan", "enigma machine 1940", "192.0.2.50")).Header.Get("Retry-After"); got != "1" {
		t.Fatalf("Retry-After %q, want 1", got)
	}
	e.clock.Advance(time.Second)
	e.must(http.StatusOK, loginReq("alan", "enigma machine 1940", "192.0.2.50"))
	// The success forgot the failures.
	for range 5 {
		e.must(http.StatusUnauthorized, loginReq("alan", "wrong password!", "198.51.100.1"))
	}
}

// One person's typos behind an office NAT slow down their own account
// only: colleagues who never signed in from the office before still can.
func TestOfficeBehindOneNAT(t *testing.T) {
	t.Parallel()
	e := newThrottleEnv(t)
	const office = "203.0.113.10"
	colleagues := []string{"bea", "cal", "dot", "eve", "fay", "gus"}
	e.signUp("typo", "the right passphrase")
	for _, c := range colleagues {
		e.signUp(c, "passphrase of "+c+"!")
	}
	for range 8 {
		e.do(loginReq("typo", "the wrong passphrase", office))
	}
	e.must(http.StatusTooManyRequests, loginReq("typo", "the right passphrase", office))
	for _, c := range colleagues {
		e.must(http.StatusOK, loginReq(c, "passphrase of "+c+"!", office))
		e.must(http.StatusUnauthorized, loginReq(c, "a typo of "+c+"!", office))
	}
	for _, c := range colleagues {
		e.must(http.StatusOK, loginReq(c, "passphrase of "+c+"!", office))
	}
}

// An address over its limit (50 failures in 15 minutes) refuses accounts
// never signed in from it, but never the correct password of an account
// that signed in from it before.
func TestCorrectPasswordForAnotherAccountDespiteAddressLimit(t *testing.T) {
	t.Parallel()
	e := newThrottleEnv(t)
	const office = "203.0.113.20"
	e.signUp("regular", "my daily passphrase")
	e.signUp("newcomer", "first day passphrase")
	e.must(http.StatusOK, loginReq("regular", "my daily passphrase", office))

	e.failFrom(office, 50)
	res := e.must(http.StatusTooManyRequests, loginReq("newcomer", "first day passphrase", office))
	if got := res.Header.Get("Retry-After"); got != "900" {
		t.Fatalf("Retry-After %q for an account never seen at the address, want 900", got)
	}
	e.must(http.StatusOK, loginReq("regular", "my daily passphrase", office))
	// Its own wrong password is still counted against it alone.
	e.must(http.StatusUnauthorized, loginReq("regular", "not my passphrase", office))
	// Elsewhere the newcomer signs in, and the address's window passes.
	e.must(http.StatusOK, loginReq("newcomer", "first day passphrase", "198.51.100.77"))
	e.clock.Advance(15*time.Minute + time.Second)
	e.must(http.StatusOK, loginReq("newcomer", "first day passphrase", office))
}

// Sign-up is never trapped by the throttle: from an address over its
// limit it still creates the account and, when asked, its session; and
// the address becomes one the account may sign in from.
func TestSignUpAfterAnAddressHitItsLimit(t *testing.T) {
	t.Parallel()
	e := newThrottleEnv(t)
	const office = "203.0.113.30"
	e.failFrom(office, 50)
	e.must(http.StatusTooManyRequests, loginReq("anyone", "does not matter", office))

	res := e.must(http.StatusCreated, req{Method: "POST", Path: "/api/v1/users", Header: map[string]string{
		"X-Forwarded-For": office, "User-Agent": "Firefox/140",
	}, Body: map[string]any{
		"email": "nina@example.com", "username": "nina", "displayName": "Nina", "password": "brand new passphrase", "signIn": true,
	}})
	body := res.JSON(t)
	session, _ := body["session"].(map[string]any)
	if session == nil || session["accessToken"] == "" || session["refreshToken"] == "" || body["user"].(map[string]any)["username"] != "nina" {
		t.Fatalf("sign-up with signIn: %s", res.Body)
	}
	if cc := res.Header.Get("Cache-Control"); cc != "no-store" {
		t.Errorf("Cache-Control %q: tokens must not be cached", cc)
	}
	m := e.auth.mints()
	if len(m) != 1 || m[0].Username != "nina" || m[0].ClientIP != office || m[0].UserAgent != "Firefox/140" {
		t.Fatalf("mint requests %+v", m)
	}
	e.must(http.StatusOK, req{Method: "GET", Path: "/api/v1/me", Token: session["accessToken"].(string)})
	// Signing in again later from the same address works too.
	e.must(http.StatusOK, loginReq("nina", "brand new passphrase", office))

	// Without signIn the answer has no session, and a later login works.
	res = e.must(http.StatusCreated, req{Method: "POST", Path: "/api/v1/users", Header: map[string]string{"X-Forwarded-For": office},
		Body: map[string]any{"email": "omar@example.com", "username": "omar", "displayName": "Omar", "password": "another passphrase"}})
	if _, ok := res.JSON(t)["session"]; ok {
		t.Fatalf("a session nobody asked for: %s", res.Body)
	}
	e.must(http.StatusOK, loginReq("omar", "another passphrase", office))
}

// When auth cannot mint the first session, the account exists all the
// same: 201 with sessionError, and signing in works once auth is back.
func TestSignUpWhenAuthIsDown(t *testing.T) {
	t.Parallel()
	e := newThrottleEnv(t)
	e.auth.setDown(true)
	res := e.must(http.StatusCreated, req{Method: "POST", Path: "/api/v1/users", Body: map[string]any{
		"email": "pia@example.com", "username": "pia", "displayName": "Pia", "password": "pia's passphrase", "signIn": true,
	}})
	body := res.JSON(t)
	sessionErr, _ := body["sessionError"].(map[string]any)
	if _, ok := body["session"]; ok || sessionErr == nil || sessionErr["code"] != "auth_unavailable" || body["user"] == nil {
		t.Fatalf("sign-up with auth down: %s", res.Body)
	}
	e.auth.setDown(false)
	e.login("pia", "pia's passphrase")
	e.must(http.StatusConflict, req{Method: "POST", Path: "/api/v1/users", Body: map[string]any{
		"email": "pia@example.com", "username": "pia", "displayName": "Pia", "password": "pia's passphrase",
	}})
}

func TestLoginAddressIsTheGatewaysForwardedFor(t *testing.T) {
	t.Parallel()
	e := newThrottleEnv(t)
	e.signUp("alan", "enigma machine 1940") // from the test peer, 192.0.2.1
	e.failFrom("203.0.113.66", 50)
	e.must(http.StatusTooManyRequests, loginReq("nobody", "enigma machine 1940", "203.0.113.66"))
	// The first X-Forwarded-For entry (the gateway's) counts, not the last
	// hop, and other addresses are not affected.
	e.must(http.StatusUnauthorized, loginReq("nobody", "enigma machine 1940", "203.0.113.67"))
	// Without X-Forwarded-For the peer address counts.
	e.failFrom("", 50)
	e.must(http.StatusTooManyRequests, loginReq("nobody", "enigma machine 1940", ""))
	e.must(http.StatusOK, loginReq("alan", "enigma machine 1940", "")) // signed up from it
}
