package domain

import "time"

// LoginThrottle is the rule that slows password guessing down without
// locking people out.
//
// The guessed account is throttled with growing delays: its first
// FreeFailures failures within AccountWindow cost nothing, then each
// further attempt has to wait, after the latest failure, BaseDelay,
// doubled with every further failure, up to MaxDelay. A correct password
// forgets the account's failures.
//
// A client address is limited an order of magnitude more loosely: at most
// AddressMaxFailures failures (on any accounts) within AddressWindow. That
// stops one address from spraying a common password over many accounts,
// and is never met by the typos of an office behind one NAT. An account
// that has signed in (or signed up) from the address before is exempt from
// the address limit, so other people's failures from the same address never
// refuse its correct password.
type LoginThrottle struct {
	FreeFailures       int
	BaseDelay          time.Duration
	MaxDelay           time.Duration
	AccountWindow      time.Duration
	AddressMaxFailures int
	AddressWindow      time.Duration
	// KnownAddressTTL is how long a successful sign-in from an address
	// keeps the account exempt from that address's limit.
	KnownAddressTTL time.Duration
}

// DefaultLoginThrottle is the production setting: 5 free failures, then
// waits of 30 s, 1 min, 2 min, ... up to 15 min, failures remembered for a
// day; 50 failures per address per 15 minutes; known addresses for 90 days.
func DefaultLoginThrottle() LoginThrottle {
	return LoginThrottle{
		FreeFailures: 5, BaseDelay: 30 * time.Second, MaxDelay: 15 * time.Minute, AccountWindow: 24 * time.Hour,
		AddressMaxFailures: 50, AddressWindow: 15 * time.Minute, KnownAddressTTL: 90 * 24 * time.Hour,
	}
}

// Normalized fills nonsensical settings with the defaults' values, so a
// bad configuration cannot turn the throttle off.
func (t LoginThrottle) Normalized() LoginThrottle {
	d := DefaultLoginThrottle()
	if t.FreeFailures < 1 {
		t.FreeFailures = d.FreeFailures
	}
	if t.BaseDelay <= 0 {
		t.BaseDelay = d.BaseDelay
	}
	if t.MaxDelay < t.BaseDelay {
		t.MaxDelay = t.BaseDelay
	}
	if t.AccountWindow <= 0 {
		t.AccountWindow = d.AccountWindow
	}
	if t.AddressMaxFailures < 1 {
		t.AddressMaxFailures = d.AddressMaxFailures
	}
	if t.AddressWindow <= 0 {
		t.AddressWindow = d.AddressWindow
	}
	if t.KnownAddressTTL <= 0 {
		t.KnownAddressTTL = d.KnownAddressTTL
	}
	return t
}

// Delay is how long after the latest of failures failures the next attempt
// has to wait: nothing for the free ones, then BaseDelay doubling up to
// MaxDelay.
func (t LoginThrottle) Delay(failures int) time.Duration {
	if failures < t.FreeFailures {
		return 0
	}
	d := t.BaseDelay
	for range failures - t.FreeFailures {
		if d >= t.MaxDelay/2 {
			return t.MaxDelay
		}
		d *= 2
	}
	return min(d, t.MaxDelay)
}

// AccountWait is how long an attempt on an account with failures failures
// in its window, the latest at last, has to wait at now.
func (t LoginThrottle) AccountWait(failures int, last, now time.Time) time.Duration {
	if d := t.Delay(failures); d > 0 {
		return max(last.Add(d).Sub(now), 0)
	}
	return 0
}

// AddressWait is how long an attempt from an address has to wait at now
// when the AddressMaxFailures-th most recent failure from it within its
// window happened at nth (zero when there are fewer).
func (t LoginThrottle) AddressWait(nth, now time.Time) time.Duration {
	if nth.IsZero() {
		return 0
	}
	return max(nth.Add(t.AddressWindow).Sub(now), 0)
}

// Retention is how long a failure can still count for anything.
func (t LoginThrottle) Retention() time.Duration {
	return max(t.AccountWindow, t.AddressWindow)
}
