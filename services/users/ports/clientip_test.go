package ports

import (
	"net/http/httptest"
	"testing"
)

func TestClientIP(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, remote string
		xff          []string
		want         string
	}{
		{"gateway-entry-first", "10.0.0.5:5000", []string{"203.0.113.9, 10.0.0.2"}, "203.0.113.9"},
		{"first-header-line", "10.0.0.5:5000", []string{"203.0.113.9", "10.0.0.2"}, "203.0.113.9"},
		{"ipv6", "10.0.0.5:5000", []string{"2001:db8::1"}, "2001:db8::1"},
		{"ipv4-mapped", "10.0.0.5:5000", []string{"::ffff:203.0.113.9"}, "203.0.113.9"},
		{"garbage-falls-back-to-peer", "10.0.0.5:5000", []string{"<script>, 1.2.3.4"}, "10.0.0.5"},
		{"no-header", "[2001:db8::7]:443", nil, "2001:db8::7"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			r := httptest.NewRequest("GET", "/", nil)
			r.RemoteAddr = tc.remote
			for _, v := range tc.xff {
				r.Header.Add("X-Forwarded-For", v)
			}
			if got := clientIP(r); got != tc.want {
				t.Fatalf("clientIP = %q, want %q", got, tc.want)
			}
		})
	}
}

func TestTruncateKeepsCharactersWhole(t *testing.T) {
	t.Parallel()
	if got := truncate("abcżd", 4); got != "abc" {
		t.Fatalf("%q", got)
	}
	if got := truncate("abc", 10); got != "abc" {
		t.Fatalf("%q", got)
	}
}
