package domain

import (
	"testing"
	"time"
)

func TestLoginThrottleDelays(t *testing.T) {
	t.Parallel()
	th := DefaultLoginThrottle()
	tests := []struct {
		name     string
		failures int
		want     time.Duration
	}{
		{"no-failures-free", 0, 0},
		{"fourth-failure-still-free", 4, 0},
		{"fifth-failure-waits-base", 5, 30 * time.Second},
		{"sixth-doubles", 6, time.Minute},
		{"seventh-doubles-again", 7, 2 * time.Minute},
		{"ninth", 9, 8 * time.Minute},
		{"tenth-capped", 10, 15 * time.Minute},
		{"hundredth-capped", 100, 15 * time.Minute},
		{"huge-count-no-overflow", 1 << 30, 15 * time.Minute},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			if got := th.Delay(tc.failures); got != tc.want {
				t.Fatalf("Delay(%d) = %v, want %v", tc.failures, got, tc.want)
			}
		})
	}
}

func TestLoginThrottleWaits(t *testing.T) {
	t.Parallel()
	th := DefaultLoginThrottle()
	t0 := time.Date(2026, 11, 26, 9, 0, 0, 0, time.UTC)
	tests := []struct {
		name string
		got  time.Duration
		want time.Duration
	}{
		{"account-free", th.AccountWait(4, t0, t0), 0},
		{"account-waits-from-latest-failure", th.AccountWait(6, t0, t0.Add(20*time.Second)), 40 * time.Second},
		{"account-wait-over", th.AccountWait(6, t0, t0.Add(2*time.Minute)), 0},
		{"address-under-limit", th.AddressWait(time.Time{}, t0), 0},
		{"address-until-nth-failure-leaves-window", th.AddressWait(t0, t0.Add(5*time.Minute)), 10 * time.Minute},
		{"address-window-passed", th.AddressWait(t0, t0.Add(16*time.Minute)), 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			if tc.got != tc.want {
				t.Fatalf("got %v, want %v", tc.got, tc.want)
			}
		})
	}
}

func TestLoginThrottleNormalizedNeverTurnsItOff(t *testing.T) {
	t.Parallel()
	n := LoginThrottle{MaxDelay: time.Second}.Normalized()
	d := DefaultLoginThrottle()
	if n.FreeFailures != d.FreeFailures || n.BaseDelay != d.BaseDelay || n.MaxDelay != d.BaseDelay ||
		n.AddressMaxFailures != d.AddressMaxFailures || n.AccountWindow <= 0 || n.AddressWindow <= 0 || n.KnownAddressTTL <= 0 {
		t.Fatalf("normalized %+v", n)
	}
	if n.AddressMaxFailures < 10*n.FreeFailures {
		t.Fatalf("the address limit (%d) should be an order of magnitude above the account's free failures (%d)", n.AddressMaxFailures, n.FreeFailures)
	}
}
