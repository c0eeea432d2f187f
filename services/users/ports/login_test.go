package ports_test

import (
	"context"
	"net/http"
	"strings"
	"sync"
	"testing"

	"github.com/taskrocket/taskrocket/services/platform/outbox"
	"github.com/taskrocket/taskrocket/services/platform/pgtest"

	"github.com/taskrocket/taskrocket/services/users/adapters"
	"github.com/taskrocket/taskrocket/services/users/domain"
)

func loginReq(login, password, ip string) req {
	r := req{Method: "POST", Path: "/api/v1/auth/login", Body: map[string]any{"login": login, "password": password}}
	if ip != "" {
		r.Header = map[string]string{"X-Forwarded-For": ip + ", 10.0.0.7"}
	}
	return r
}

func TestLoginByUsernameOrEmail(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	u := e.signUp("alan", "enigma machine 1940")
	for _, login := range []string{"alan", "ALAN", " alan@example.com ", "Alan@Example.com"} {
		r := loginReq(login, "enigma machine 1940", "203.0.113.9")
		r.Header["User-Agent"] = "Firefox/140"
		res := e.must(http.StatusOK, r)
		body := res.JSON(t)
		if body["accessToken"] == "" || body["refreshToken"] == "" || body["tokenType"] != "Bearer" || body["sessionId"] == "" {
			t.Fatalf("tokens missing: %s", res.Body)
		}
		if body["user"].(map[string]any)["id"] != u["id"] {
			t.Fatalf("user %v", body["user"])
		}
		if cc := res.Header.Get("Cache-Control"); cc != "no-store" {
			t.Errorf("Cache-Control %q: tokens must not be cached", cc)
		}
	}
	m := e.auth.mints()
	if len(m) != 4 || m[0].UserID != u["id"] || m[0].Username != "alan" || m[0].UserAgent != "Firefox/140" || m[0].ClientIP != "203.0.113.9" {
		t.Fatalf("mint requests %+v", m)
	}
	// The minted token opens the profile.
	token := e.login("alan", "enigma machine 1940")
	e.must(http.StatusOK, req{Method: "GET", Path: "/api/v1/me", Token: token})
}

func TestLoginFailuresLookAlike(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	e.signUp("alan", "enigma machine 1940")
	wrong := e.must(http.StatusUnauthorized, loginReq("alan", "enigma machine 1941", "203.0.113.1"))
	unknown := e.must(http.StatusUnauthorized, loginReq("nobody", "enigma machine 1940", "203.0.113.2"))
	malformed := e.must(http.StatusUnauthorized, loginReq("<script>'--", "enigma machine 1940", "203.0.113.3"))
	if string(wrong.Body) != string(unknown.Body) || string(wrong.Body) != string(malformed.Body) || wrong.Code() != "invalid_credentials" {
		t.Fatalf("answers differ:\n%s\n%s\n%s", wrong.Body, unknown.Body, malformed.Body)
	}
	if len(e.auth.mints()) != 0 {
		t.Fatal("a session was minted for a failed login")
	}
}

func TestSuccessfulLoginClearsTheAccountCounter(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	e.signUp("alan", "enigma machine 1940")
	for range 4 {
		e.must(http.StatusUnauthorized, loginReq("alan", "wrong password!", "198.51.100.1"))
	}
	e.must(http.StatusOK, loginReq("alan", "enigma machine 1940", "198.51.100.2"))
	for range 4 {
		e.must(http.StatusUnauthorized, loginReq("alan", "wrong password!", "198.51.100.3"))
	}
	e.must(http.StatusOK, loginReq("alan", "enigma machine 1940", "198.51.100.4"))
}

func TestParallelGuessesAreCountedExactly(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	e.signUp("alan", "enigma machine 1940")
	var (
		wg       sync.WaitGroup
		mu       sync.Mutex
		statuses = map[int]int{}
	)
	for i := range 12 {
		wg.Go(func() {
			res := e.do(loginReq("alan", "parallel guess "+strings.Repeat("x", i), "198.51.100.200"))
			mu.Lock()
			statuses[res.Status]++
			mu.Unlock()
		})
	}
	wg.Wait()
	if statuses[401] != 5 || statuses[429] != 7 {
		t.Fatalf("statuses %v, want 5 x 401 and 7 x 429", statuses)
	}
}

func TestLoginWhenAuthIsDown(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	e.signUp("alan", "enigma machine 1940")
	e.auth.setDown(true)
	res := e.must(http.StatusServiceUnavailable, loginReq("alan", "enigma machine 1940", ""))
	if res.Code() != "auth_unavailable" {
		t.Fatalf("code %s", res.Code())
	}
}

func TestLoginUpgradesAnOlderHash(t *testing.T) {
	t.Parallel()
	db := pgtest.NewDB(t, outbox.Migrations(), adapters.Migrations())
	older := newEnvOn(t, db, domain.Argon2Params{Memory: 8192, Time: 1, Threads: 1, SaltLen: 16, KeyLen: 32})
	u := older.signUp("alan", "enigma machine 1940")
	hashOf := func() string {
		var h string
		db.Raw(`SELECT password_hash FROM users WHERE id = ?`, u["id"]).Scan(&h)
		return h
	}
	if !strings.Contains(hashOf(), "m=8192,t=1,p=1") {
		t.Fatalf("setup: %s", hashOf())
	}
	current := newEnvOn(t, db, domain.OWASPArgon2id())
	current.login("alan", "enigma machine 1940")
	if h := hashOf(); !strings.HasPrefix(h, "$argon2id$v=19$m=19456,t=2,p=1$") {
		t.Fatalf("hash not upgraded on login: %s", h)
	}
	if ok, _ := domain.NewHasher(domain.OWASPArgon2id(), 1).Verify(context.Background(), "enigma machine 1940", hashOf()); !ok {
		t.Fatal("the upgraded hash does not verify")
	}
	current.login("alan", "enigma machine 1940")
}
