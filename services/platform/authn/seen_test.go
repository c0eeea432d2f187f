package authn

import (
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"
)

func TestAcceptedTokensAreRememberedUntilTheyExpire(t *testing.T) {
	t.Parallel()
	now := time.Date(2030, 1, 1, 9, 0, 0, 0, time.UTC)
	var s verifiedTokens
	long := &Claims{RegisteredClaims: jwt.RegisteredClaims{Subject: "u1", ExpiresAt: jwt.NewNumericDate(now.Add(10 * time.Minute))}}
	short := &Claims{RegisteredClaims: jwt.RegisteredClaims{Subject: "u2", ExpiresAt: jwt.NewNumericDate(now.Add(5 * time.Second))}}
	s.put("long", long, now)
	s.put("short", short, now)
	for _, tc := range []struct {
		token string
		at    time.Duration
		want  bool
	}{
		{"long", 0, true},
		{"long", seenFor - time.Second, true},
		{"long", seenFor, false}, // asked to be verified again after seenFor
		{"short", 30 * time.Second, true},
		{"short", 5*time.Second + expiryLeew, false}, // past its expiry and the leeway
		{"never-seen", 0, false},
	} {
		c, ok := s.get(tc.token, now.Add(tc.at))
		if ok != tc.want {
			t.Errorf("%s at +%s: remembered %v, want %v", tc.token, tc.at, ok, tc.want)
		}
		if ok && c.Subject == "" {
			t.Errorf("%s: claims lost", tc.token)
		}
	}
	c, _ := s.get("long", now)
	c.Subject = "changed"
	if again, _ := s.get("long", now); again.Subject != "u1" {
		t.Fatal("a caller changed the remembered claims")
	}
}
