package e2e

import (
	"crypto/ed25519"
	"crypto/rand"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"
)

// account is a user the identity tests sign up and log in.
type account struct {
	Email, Username, Password string
}

func newAccount(t *testing.T) account {
	t.Helper()
	n := time.Now().UnixNano() % 1_000_000_000
	return account{
		Email:    fmt.Sprintf("ada%d@example.com", n),
		Username: fmt.Sprintf("ada%d", n),
		Password: "correct horse battery staple",
	}
}

func (a account) signUp(t *testing.T) response {
	t.Helper()
	body, _ := json.Marshal(map[string]string{"email": a.Email, "username": a.Username,
		"displayName": "Ada Lovelace", "password": a.Password, "timezone": "Europe/Warsaw"})
	return do(t, http.MethodPost, suite.URL("gateway")+"/api/v1/users", string(body), nil)
}

// tokens are what login and refresh return.
type tokens struct {
	Access, Refresh, Session string
}

func (a account) logIn(t *testing.T, login string) (tokens, response) {
	t.Helper()
	body, _ := json.Marshal(map[string]string{"login": login, "password": a.Password})
	r := do(t, http.MethodPost, suite.URL("gateway")+"/api/v1/auth/login", string(body),
		map[string]string{"User-Agent": "e2e-browser/1.0"})
	if r.Status != http.StatusOK {
		return tokens{}, r
	}
	return tokensOf(t, r), r
}

func tokensOf(t *testing.T, r response) tokens {
	t.Helper()
	m := r.json(t)
	tk := tokens{}
	tk.Access, _ = m["accessToken"].(string)
	tk.Refresh, _ = m["refreshToken"].(string)
	tk.Session, _ = m["sessionId"].(string)
	if tk.Access == "" || tk.Refresh == "" {
		t.Fatalf("no token pair in %s", r.Body)
	}
	return tk
}

func refresh(t *testing.T, refreshToken string) response {
	t.Helper()
	body, _ := json.Marshal(map[string]string{"refreshToken": refreshToken})
	return do(t, http.MethodPost, suite.URL("gateway")+"/api/v1/auth/refresh", string(body), nil)
}

func bearer(token string) map[string]string {
	return map[string]string{"Authorization": "Bearer " + token}
}

func expect(t *testing.T, step string, r response, status int, code string) {
	t.Helper()
	if r.Status != status {
		t.Fatalf("%s: got %d %s, want %d %s", step, r.Status, r.Body, status, code)
	}
	if code != "" && r.errorCode(t) != code {
		t.Fatalf("%s: got code %q (%s), want %q", step, r.errorCode(t), r.Body, code)
	}
}

// The whole identity journey a user makes, through the gateway and the
// sidecars: sign up, log in, profile, refresh rotation, refresh-token reuse
// revoking the login, logging in again, logging out everywhere.
func TestIdentityJourney(t *testing.T) {
	gw := suite.URL("gateway")
	a := newAccount(t)
	expect(t, "sign up", a.signUp(t), http.StatusCreated, "")
	expect(t, "sign up again", a.signUp(t), http.StatusConflict, "email_taken")

	first, r := a.logIn(t, a.Username)
	expect(t, "log in by username", r, http.StatusOK, "")

	me := do(t, http.MethodGet, gw+"/api/v1/me", "", bearer(first.Access))
	expect(t, "profile", me, http.StatusOK, "")
	if !strings.Contains(string(me.Body), a.Username) || !strings.Contains(string(me.Body), "Europe/Warsaw") {
		t.Fatalf("profile does not describe the account: %s", me.Body)
	}
	upd := do(t, http.MethodPatch, gw+"/api/v1/me", `{"displayName":"Ada King"}`, bearer(first.Access))
	expect(t, "update profile", upd, http.StatusOK, "")
	if !strings.Contains(string(upd.Body), "Ada King") {
		t.Fatalf("update not applied: %s", upd.Body)
	}

	r = refresh(t, first.Refresh)
	expect(t, "refresh", r, http.StatusOK, "")
	second := tokensOf(t, r)
	if second.Refresh == first.Refresh {
		t.Fatal("refresh did not rotate the refresh token")
	}
	expect(t, "new access token works", do(t, http.MethodGet, gw+"/api/v1/me", "", bearer(second.Access)), http.StatusOK, "")

	expect(t, "replay spent refresh token", refresh(t, first.Refresh), http.StatusUnauthorized, "refresh_token_reused")
	expect(t, "family revoked: current refresh token", refresh(t, second.Refresh), http.StatusUnauthorized, "")
	expect(t, "family revoked: access token", do(t, http.MethodGet, gw+"/api/v1/me", "", bearer(second.Access)), http.StatusUnauthorized, "session_revoked")

	third, r := a.logIn(t, a.Email)
	expect(t, "log in again by email", r, http.StatusOK, "")
	other, r := a.logIn(t, a.Username)
	expect(t, "second device", r, http.StatusOK, "")
	sessions := do(t, http.MethodGet, gw+"/api/v1/auth/sessions", "", bearer(third.Access))
	expect(t, "list sessions", sessions, http.StatusOK, "")
	if list, _ := sessions.json(t)["sessions"].([]any); len(list) != 2 {
		t.Fatalf("want the two active logins, got %s", sessions.Body)
	}

	expect(t, "log out everywhere", do(t, http.MethodPost, gw+"/api/v1/auth/logout-all", "", bearer(third.Access)), http.StatusNoContent, "")
	expect(t, "after logout-all: this device", do(t, http.MethodGet, gw+"/api/v1/me", "", bearer(third.Access)), http.StatusUnauthorized, "session_revoked")
	expect(t, "after logout-all: other device", do(t, http.MethodGet, gw+"/api/v1/me", "", bearer(other.Access)), http.StatusUnauthorized, "session_revoked")
	expect(t, "after logout-all: refresh", refresh(t, other.Refresh), http.StatusUnauthorized, "")
}

func TestWrongPasswordAndUnknownUserLookAlike(t *testing.T) {
	a := newAccount(t)
	expect(t, "sign up", a.signUp(t), http.StatusCreated, "")
	wrong := do(t, http.MethodPost, suite.URL("gateway")+"/api/v1/auth/login",
		fmt.Sprintf(`{"login":%q,"password":"not the password"}`, a.Username), nil)
	unknown := do(t, http.MethodPost, suite.URL("gateway")+"/api/v1/auth/login",
		`{"login":"nobody-here","password":"not the password"}`, nil)
	expect(t, "wrong password", wrong, http.StatusUnauthorized, "invalid_credentials")
	expect(t, "unknown user", unknown, http.StatusUnauthorized, "invalid_credentials")
	if string(wrong.Body) != string(unknown.Body) {
		t.Fatalf("responses differ: %s vs %s", wrong.Body, unknown.Body)
	}
}

// Tokens that are not valid TaskRocket access tokens are refused at the
// gateway with 401 and never reach a service.
func TestForgedTokensAreRefused(t *testing.T) {
	gw := suite.URL("gateway")
	a := newAccount(t)
	expect(t, "sign up", a.signUp(t), http.StatusCreated, "")
	real, r := a.logIn(t, a.Username)
	expect(t, "log in", r, http.StatusOK, "")

	_, otherKey, _ := ed25519.GenerateKey(rand.Reader)
	parsed, _, err := jwt.NewParser().ParseUnverified(real.Access, jwt.MapClaims{})
	if err != nil {
		t.Fatal(err)
	}
	claims := parsed.Claims.(jwt.MapClaims)
	kid := parsed.Header["kid"]
	sign := func(mutate func(jwt.MapClaims, map[string]any)) string {
		c := jwt.MapClaims{}
		for k, v := range claims {
			c[k] = v
		}
		tok := jwt.NewWithClaims(jwt.SigningMethodEdDSA, c)
		tok.Header["kid"], tok.Header["typ"] = kid, "at+jwt"
		mutate(c, tok.Header)
		s, err := tok.SignedString(otherKey)
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	header, payload, _ := strings.Cut(real.Access, ".")
	payload, _, _ = strings.Cut(payload, ".")
	_ = header
	algNone := "eyJhbGciOiJub25lIiwidHlwIjoiYXQrand0In0." + payload + "."

	cases := map[string]string{
		"alg-none":                 algNone,
		"wrong-key":                sign(func(jwt.MapClaims, map[string]any) {}),
		"expired":                  sign(func(c jwt.MapClaims, _ map[string]any) { c["exp"] = time.Now().Add(-time.Hour).Unix() }),
		"wrong-audience":           sign(func(c jwt.MapClaims, _ map[string]any) { c["aud"] = "someone-else" }),
		"refresh-used-as-access":   real.Refresh,
		"truncated":                real.Access[:len(real.Access)-10],
		"signature-of-other-token": strings.Join(strings.Split(real.Access, ".")[:2], ".") + ".AAAA",
	}
	for name, tok := range cases {
		t.Run(name, func(t *testing.T) {
			r := do(t, http.MethodGet, gw+"/api/v1/me", "", bearer(tok))
			if r.Status != http.StatusUnauthorized {
				t.Fatalf("got %d %s", r.Status, r.Body)
			}
		})
	}
}

// Bad input on every identity endpoint answers 4xx with a stable code and
// writes nothing: the account used in the bad sign-ups can still be
// created afterwards.
func TestIdentityBadInput(t *testing.T) {
	gw := suite.URL("gateway")
	a := newAccount(t)
	huge := `{"email":"` + strings.Repeat("a", 2<<20) + `@example.com"}`
	signups := map[string]string{
		"malformed-json":  `{"email": "` + a.Email + `",`,
		"wrong-types":     fmt.Sprintf(`{"email":%q,"username":42,"displayName":true,"password":["x"]}`, a.Email),
		"missing-fields":  fmt.Sprintf(`{"email":%q}`, a.Email),
		"two-megabytes":   huge,
		"short-password":  fmt.Sprintf(`{"email":%q,"username":%q,"displayName":"A","password":"short"}`, a.Email, a.Username),
		"common-password": fmt.Sprintf(`{"email":%q,"username":%q,"displayName":"A","password":"password123"}`, a.Email, a.Username),
		"bad-email":       fmt.Sprintf(`{"email":"not-an-email","username":%q,"displayName":"A","password":%q}`, a.Username, a.Password),
		"sql-username":    fmt.Sprintf(`{"email":%q,"username":"x'; DROP TABLE users;--","displayName":"A","password":%q}`, a.Email, a.Password),
		"rtl-override":    fmt.Sprintf(`{"email":%q,"username":"ad\u202ea","displayName":"A","password":%q}`, a.Email, a.Password),
		"zero-width":      fmt.Sprintf(`{"email":%q,"username":"ad\u200ba","displayName":"A","password":%q}`, a.Email, a.Password),
		"empty-object":    `{}`,
		"json-array":      `[]`,
	}
	for name, body := range signups {
		t.Run("signup-"+name, func(t *testing.T) {
			r := do(t, http.MethodPost, gw+"/api/v1/users", body, nil)
			if r.Status < 400 || r.Status >= 500 || r.errorCode(t) == "" {
				t.Fatalf("got %d %s", r.Status, r.Body)
			}
		})
	}
	expect(t, "nothing was written by the bad sign-ups", a.signUp(t), http.StatusCreated, "")
	tk, r := a.logIn(t, a.Username)
	expect(t, "log in", r, http.StatusOK, "")

	others := []struct{ name, method, path, body string }{
		{"login-malformed", http.MethodPost, "/api/v1/auth/login", `{"login":`},
		{"login-wrong-types", http.MethodPost, "/api/v1/auth/login", `{"login":1,"password":2}`},
		{"login-missing", http.MethodPost, "/api/v1/auth/login", `{}`},
		{"login-huge", http.MethodPost, "/api/v1/auth/login", huge},
		{"refresh-malformed", http.MethodPost, "/api/v1/auth/refresh", `{"refreshToken":`},
		{"refresh-wrong-type", http.MethodPost, "/api/v1/auth/refresh", `{"refreshToken":123}`},
		{"refresh-missing", http.MethodPost, "/api/v1/auth/refresh", `{}`},
		{"refresh-garbage", http.MethodPost, "/api/v1/auth/refresh", `{"refreshToken":"trr_' OR 1=1 --"}`},
		{"profile-bad-timezone", http.MethodPatch, "/api/v1/me", `{"timezone":"Mars/Olympus"}`},
		{"profile-bad-locale", http.MethodPatch, "/api/v1/me", `{"locale":"not a locale!!"}`},
		{"profile-bad-avatar", http.MethodPatch, "/api/v1/me", `{"avatarUrl":"javascript:alert(1)"}`},
		{"profile-wrong-type", http.MethodPatch, "/api/v1/me", `{"displayName":["x"]}`},
		{"profile-huge", http.MethodPatch, "/api/v1/me", huge},
		{"password-wrong-current", http.MethodPost, "/api/v1/me/password", fmt.Sprintf(`{"currentPassword":"nope nope nope","newPassword":%q}`, a.Password+"!")},
		{"password-too-short", http.MethodPost, "/api/v1/me/password", fmt.Sprintf(`{"currentPassword":%q,"newPassword":"short"}`, a.Password)},
		{"password-malformed", http.MethodPost, "/api/v1/me/password", `{"currentPassword":`},
		{"session-unknown", http.MethodDelete, "/api/v1/auth/sessions/00000000-0000-0000-0000-000000000000", ""},
		{"user-unknown", http.MethodGet, "/api/v1/users/nobody-at-all", ""},
	}
	for _, c := range others {
		t.Run(c.name, func(t *testing.T) {
			r := do(t, c.method, gw+c.path, c.body, bearer(tk.Access))
			if r.Status < 400 || r.Status >= 500 || r.errorCode(t) == "" {
				t.Fatalf("got %d %s", r.Status, r.Body)
			}
		})
	}
	me := do(t, http.MethodGet, gw+"/api/v1/me", "", bearer(tk.Access))
	expect(t, "profile unchanged and login still valid", me, http.StatusOK, "")
	if strings.Contains(string(me.Body), "Mars") || strings.Contains(string(me.Body), "javascript") {
		t.Fatalf("a rejected update was written: %s", me.Body)
	}
	if _, r := a.logIn(t, a.Username); r.Status != http.StatusOK {
		t.Fatalf("password changed by a rejected request: %d %s", r.Status, r.Body)
	}
}

// Key rotation does not break tokens issued under the previous key, and the
// new key is used for new tokens.
func TestSigningKeyRotationKeepsTokensValid(t *testing.T) {
	gw := suite.URL("gateway")
	a := newAccount(t)
	expect(t, "sign up", a.signUp(t), http.StatusCreated, "")
	before, r := a.logIn(t, a.Username)
	expect(t, "log in", r, http.StatusOK, "")

	url := fmt.Sprintf("http://127.0.0.1:%d/v1.0/invoke/auth/method/internal/keys/rotate", suite.DaprHTTPPort("auth"))
	rot := do(t, http.MethodPost, url, "", map[string]string{"dapr-api-token": suite.APIToken("auth")})
	expect(t, "rotate", rot, http.StatusOK, "")

	newKid, _ := rot.json(t)["kid"].(string)
	kidOf := func(tok string) any {
		p, _, _ := jwt.NewParser().ParseUnverified(tok, jwt.MapClaims{})
		return p.Header["kid"]
	}
	jwks := do(t, http.MethodGet, gw+"/.well-known/jwks.json", "", nil)
	if !strings.Contains(string(jwks.Body), newKid) {
		t.Fatalf("the new key must be published before it signs: %s", jwks.Body)
	}
	expect(t, "old-key token right after rotation", do(t, http.MethodGet, gw+"/api/v1/me", "", bearer(before.Access)), http.StatusOK, "")

	// The new key signs once its activation delay has passed.
	var after tokens
	eventually(t, 45*time.Second, "tokens signed with the new key", func() bool {
		after, r = a.logIn(t, a.Username)
		if r.Status == http.StatusOK && kidOf(after.Access) == newKid {
			return true
		}
		time.Sleep(time.Second)
		return false
	})
	for name, tok := range map[string]string{"old-key": before.Access, "new-key": after.Access} {
		expect(t, name, do(t, http.MethodGet, gw+"/api/v1/me", "", bearer(tok)), http.StatusOK, "")
	}
	jwks = do(t, http.MethodGet, gw+"/.well-known/jwks.json", "", nil)
	if keys, _ := jwks.json(t)["keys"].([]any); len(keys) < 2 {
		t.Fatalf("JWKS should list the current and previous keys: %s", jwks.Body)
	}
}
