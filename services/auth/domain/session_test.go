package domain_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/taskrocket/taskrocket/services/auth/domain"
)

var lifetimes = domain.Lifetimes{Access: 10 * time.Minute, Refresh: 24 * time.Hour, Session: 72 * time.Hour}

var t0 = time.Date(2030, 1, 1, 9, 0, 0, 0, time.UTC)

func TestCheckExchange(t *testing.T) {
	t.Parallel()
	s, tok := domain.NewSession("s1", domain.Login{UserID: "u1", Username: "ada"}, "h1", t0, lifetimes)
	rotated, next := s.Rotate("h2", t0.Add(time.Hour), lifetimes)
	tests := []struct {
		name string
		s    domain.Session
		tok  domain.RefreshToken
		at   time.Time
		want error
	}{
		{"current-token-exchanges", s, tok, t0.Add(time.Minute), nil},
		{"rotated-token-exchanges", rotated, next, t0.Add(2 * time.Hour), nil},
		{"previous-token-is-reuse", rotated, tok, t0.Add(2 * time.Hour), domain.ErrRefreshReused},
		{"spent-flag-is-reuse", s, domain.RefreshToken{Hash: "h1", SessionID: "s1", Spent: true, ExpiresAt: tok.ExpiresAt}, t0, domain.ErrRefreshReused},
		{"revoked-session-wins-over-reuse", rotated.Revoke(domain.ReasonLogout, t0), tok, t0.Add(2 * time.Hour), domain.ErrSessionRevoked},
		{"expired-token-is-invalid", s, tok, t0.Add(lifetimes.Refresh), domain.ErrRefreshInvalid},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			if err := tc.s.CheckExchange(tc.tok, tc.at); !errors.Is(err, tc.want) {
				t.Fatalf("got %v, want %v", err, tc.want)
			}
		})
	}
}

func TestSlidingExpiryIsCappedBySessionLifetime(t *testing.T) {
	t.Parallel()
	s, tok := domain.NewSession("s1", domain.Login{UserID: "u1"}, "h0", t0, lifetimes)
	if !tok.ExpiresAt.Equal(t0.Add(lifetimes.Refresh)) || !s.ExpiresAt.Equal(tok.ExpiresAt) {
		t.Fatalf("first token expires %v, session %v", tok.ExpiresAt, s.ExpiresAt)
	}
	at := t0.Add(60 * time.Hour)
	s, tok = s.Rotate("h1", at, lifetimes)
	if want := t0.Add(lifetimes.Session); !tok.ExpiresAt.Equal(want) || !s.ExpiresAt.Equal(want) {
		t.Fatalf("rotation at 60h: token expires %v, want the absolute cap %v", tok.ExpiresAt, want)
	}
	if got := s.AccessExpiry(s.ExpiresAt.Add(-time.Minute), lifetimes); !got.Equal(s.ExpiresAt) {
		t.Fatalf("access token outlives its session: %v > %v", got, s.ExpiresAt)
	}
	if !s.Active(at) || s.Active(s.ExpiresAt) {
		t.Fatal("session activity does not follow its expiry")
	}
}

func TestRevokeKeepsFirstReason(t *testing.T) {
	t.Parallel()
	s, _ := domain.NewSession("s1", domain.Login{UserID: "u1"}, "h0", t0, lifetimes)
	s = s.Revoke(domain.ReasonRefreshReused, t0.Add(time.Minute)).Revoke(domain.ReasonLogout, t0.Add(time.Hour))
	if s.RevokeReason != domain.ReasonRefreshReused || !s.RevokedAt.Equal(t0.Add(time.Minute)) || s.Active(t0.Add(time.Hour)) {
		t.Fatalf("revocation not kept: %+v", s)
	}
}

func TestNewSessionTruncatesClientDescriptions(t *testing.T) {
	t.Parallel()
	ua := strings.Repeat("é", 400) // 800 bytes
	s, _ := domain.NewSession("s1", domain.Login{UserID: "u1", UserAgent: ua, ClientIP: strings.Repeat("1", 100)}, "h", t0, lifetimes)
	if len(s.UserAgent) > 512 || !strings.HasPrefix(ua, s.UserAgent) || len(s.ClientIP) > 64 {
		t.Fatalf("user agent %d bytes, client ip %d bytes", len(s.UserAgent), len(s.ClientIP))
	}
}

func TestParseRevocationReason(t *testing.T) {
	t.Parallel()
	for _, ok := range []string{"password_changed", "account_deleted", "logout_everywhere"} {
		if _, err := domain.ParseRevocationReason(ok); err != nil {
			t.Errorf("%s refused: %v", ok, err)
		}
	}
	if _, err := domain.ParseRevocationReason("because"); !errors.Is(err, domain.ErrInvalidReason) {
		t.Errorf("unknown reason accepted: %v", err)
	}
}

func TestLifetimesValidate(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		l       domain.Lifetimes
		wantErr string
	}{
		{"defaults-accepted", domain.Lifetimes{Access: 10 * time.Minute, Refresh: 720 * time.Hour, Session: 2160 * time.Hour}, ""},
		{"fifteen-minutes-accepted", domain.Lifetimes{Access: 15 * time.Minute, Refresh: time.Hour, Session: time.Hour}, ""},
		{"access-above-15m-rejected", domain.Lifetimes{Access: 16 * time.Minute, Refresh: time.Hour, Session: time.Hour}, "at most 15m"},
		{"zero-access-rejected", domain.Lifetimes{Refresh: time.Hour, Session: time.Hour}, "above 0"},
		{"refresh-not-longer-than-access-rejected", domain.Lifetimes{Access: 10 * time.Minute, Refresh: 10 * time.Minute, Session: time.Hour}, "longer than the access"},
		{"session-shorter-than-refresh-rejected", domain.Lifetimes{Access: time.Minute, Refresh: 2 * time.Hour, Session: time.Hour}, "session lifetime"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			err := tc.l.Validate()
			if tc.wantErr == "" && err != nil || tc.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tc.wantErr)) {
				t.Fatalf("got %v, want error containing %q", err, tc.wantErr)
			}
		})
	}
}
