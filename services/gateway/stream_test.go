package main

import (
	"bufio"
	"crypto/ed25519"
	"crypto/rand"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"github.com/taskrocket/taskrocket/services/platform/authn"
	"github.com/taskrocket/taskrocket/services/platform/daprx"
	"github.com/taskrocket/taskrocket/services/platform/httpserver"
)

// fakeFeed is the notifications service's feed: it holds notifications
// 1..n and answers like the real one (no after: the cursor only).
type fakeFeed struct {
	mu      sync.Mutex
	n       int
	queries []url.Values
	auth    []string
}

func (f *fakeFeed) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	defer f.mu.Unlock()
	q := r.URL.Query()
	f.queries, f.auth = append(f.queries, q), append(f.auth, r.Header.Get("Authorization"))
	type item struct {
		ID    string `json:"id"`
		Title string `json:"title"`
	}
	out := struct {
		Items       []item `json:"items"`
		Cursor      string `json:"cursor"`
		UnreadCount int    `json:"unreadCount"`
	}{Items: []item{}, Cursor: strconv.Itoa(f.n), UnreadCount: f.n}
	if a := q.Get("after"); a != "" {
		after, _ := strconv.Atoi(a)
		for i := after + 1; i <= f.n; i++ {
			out.Items = append(out.Items, item{ID: strconv.Itoa(i), Title: fmt.Sprintf("n%d\nsecond line", i)})
		}
	}
	if len(out.Items) == 0 && q.Get("wait") != "0" {
		time.Sleep(50 * time.Millisecond) // a long poll with nothing new
	}
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(out)
}

func newStreamGateway(t *testing.T, feed *fakeFeed) (*httptest.Server, func(sid string, ttl time.Duration) string) {
	t.Helper()
	pub, priv, _ := ed25519.GenerateKey(rand.Reader)
	fs := &fakeSidecar{t: t, pub: pub, revoked: map[string]bool{}, down: map[string]bool{}}
	daprd := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasPrefix(r.URL.Path, "/v1.0/invoke/notifications/method/api/v1/notifications/feed") {
			feed.ServeHTTP(w, r)
			return
		}
		fs.ServeHTTP(w, r)
	}))
	t.Cleanup(daprd.Close)
	u, _ := url.Parse(daprd.URL)
	port, _ := strconv.Atoi(u.Port())
	sc := daprx.New(daprx.Config{HTTPPort: port})
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	verifier := authn.NewVerifier(authn.SidecarKeySource{Sidecar: sc, AppID: "auth"}, "taskrocket", "taskrocket-api")
	done := make(chan struct{})
	t.Cleanup(func() { close(done) })
	st := newNotificationStream(sc, verifier, newSessionView(askAuth(sc, "auth"), viewOptions{}), log, done)
	st.poll = time.Second
	s := httpserver.New(httpserver.Options{Service: "gateway", Addr: "127.0.0.1:0", Logger: log})
	s.Engine.GET(StreamPath, st.handle)
	srv := httptest.NewServer(s.Engine)
	t.Cleanup(srv.Close)
	return srv, func(sid string, ttl time.Duration) string { return mintToken(t, priv, sid, ttl) }
}

func mintToken(t *testing.T, priv ed25519.PrivateKey, sid string, ttl time.Duration) string {
	t.Helper()
	now := time.Now()
	tok := jwt.NewWithClaims(jwt.SigningMethodEdDSA, authn.Claims{
		RegisteredClaims: jwt.RegisteredClaims{Issuer: "taskrocket", Audience: jwt.ClaimStrings{"taskrocket-api"},
			Subject: "u1", ID: "j1", IssuedAt: jwt.NewNumericDate(now), ExpiresAt: jwt.NewNumericDate(now.Add(ttl))},
		SessionID: sid,
	})
	tok.Header["kid"], tok.Header["typ"] = "k1", authn.AccessTokenType
	s, err := tok.SignedString(priv)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// readEvents reads n events (comments skipped) from a stream.
func readEvents(t *testing.T, body io.Reader, n int) []map[string]string {
	t.Helper()
	sc := bufio.NewScanner(body)
	var out []map[string]string
	cur := map[string]string{}
	for len(out) < n && sc.Scan() {
		line := sc.Text()
		if line == "" {
			if cur["event"] != "" {
				out = append(out, cur)
			}
			cur = map[string]string{}
			continue
		}
		if k, v, ok := strings.Cut(line, ": "); ok && k != "" {
			cur[k] = v
		}
	}
	return out
}

func TestStreamSendsUnreadThenWhatFollowsAndResumes(t *testing.T) {
	t.Parallel()
	feed := &fakeFeed{n: 2}
	srv, token := newStreamGateway(t, feed)
	tok := token("s1", 5*time.Minute)

	req, _ := http.NewRequest(http.MethodGet, srv.URL+StreamPath, nil)
	req.Header.Set("Authorization", "Bearer "+tok)
	req.Header.Set("Last-Event-ID", "1")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK || resp.Header.Get("Content-Type") != "text/event-stream" || resp.Header.Get("Cache-Control") != "no-store" {
		t.Fatalf("HTTP %d %v", resp.StatusCode, resp.Header)
	}
	evs := readEvents(t, resp.Body, 2)
	if evs[0]["event"] != "notification" || evs[0]["id"] != "2" || !strings.Contains(evs[0]["data"], `"n2\nsecond line"`) {
		t.Fatalf("first event %v (data must stay on one line)", evs[0])
	}
	if evs[1]["event"] != "unread" || evs[1]["data"] != `{"unreadCount":2}` {
		t.Fatalf("second event %v", evs[1])
	}
	feed.mu.Lock()
	feed.n = 3
	feed.mu.Unlock()
	if ev := readEvents(t, resp.Body, 1)[0]; ev["id"] != "3" {
		t.Fatalf("next event %v", ev)
	}
	feed.mu.Lock()
	defer feed.mu.Unlock()
	if feed.queries[0].Get("after") != "1" || feed.auth[0] != "Bearer "+tok {
		t.Fatalf("first feed call %v with %q", feed.queries[0], feed.auth[0])
	}
}

func TestStreamRefusesWhatItMust(t *testing.T) {
	t.Parallel()
	srv, token := newStreamGateway(t, &fakeFeed{})
	tok := token("s2", 5*time.Minute)
	for name, tc := range map[string]struct {
		header map[string]string
		status int
		code   string
	}{
		"no-token":         {nil, 401, "token_missing"},
		"bad-token":        {map[string]string{"Authorization": "Bearer x.y.z"}, 401, "token_invalid"},
		"bad-last-id":      {map[string]string{"Authorization": "Bearer " + tok, "Last-Event-ID": "-4"}, 400, "invalid_last_event_id"},
		"last-id-not-num":  {map[string]string{"Authorization": "Bearer " + tok, "Last-Event-ID": "abc"}, 400, "invalid_last_event_id"},
		"last-id-leading0": {map[string]string{"Authorization": "Bearer " + tok, "Last-Event-ID": "007"}, 400, "invalid_last_event_id"},
	} {
		t.Run(name, func(t *testing.T) {
			req, _ := http.NewRequest(http.MethodGet, srv.URL+StreamPath, nil)
			for k, v := range tc.header {
				req.Header.Set(k, v)
			}
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			var body struct{ Error struct{ Code string } }
			_ = json.NewDecoder(resp.Body).Decode(&body)
			if resp.StatusCode != tc.status || body.Error.Code != tc.code {
				t.Fatalf("HTTP %d %s, want %d %s", resp.StatusCode, body.Error.Code, tc.status, tc.code)
			}
		})
	}
}

func TestStreamEndsWhenTheTokenExpires(t *testing.T) {
	t.Parallel()
	srv, token := newStreamGateway(t, &fakeFeed{})
	req, _ := http.NewRequest(http.MethodGet, srv.URL+StreamPath, nil)
	req.Header.Set("Authorization", "Bearer "+token("s3", 2*time.Second))
	began := time.Now()
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	evs := readEvents(t, resp.Body, 2)
	if len(evs) != 2 || evs[0]["event"] != "unread" || evs[1]["event"] != "reauthenticate" || !strings.Contains(evs[1]["data"], "token_expired") {
		t.Fatalf("events %v", evs)
	}
	if rest, _ := io.ReadAll(resp.Body); len(rest) != 0 || time.Since(began) > 10*time.Second {
		t.Fatalf("the stream went on after the token expired: %q", rest)
	}
}
