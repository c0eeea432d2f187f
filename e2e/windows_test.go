package e2e

import (
	"context"
	"io"
	"net/http"
	"sort"
	"sync"
	"testing"
	"time"
)

// viewWindow is how long a change may take to reach every in-memory view
// (the membership views of the services, the gateways' session
// revocations): a request sent later than this after the change was
// answered is refused. docs/architecture.md explains where it comes from.
const viewWindow = 100 * time.Millisecond

// sample is one request of a stream: when it was sent and answered, and
// the status it got.
type sample struct {
	sent, answered time.Time
	status         int
}

// requestStream sends req at rate per second from several workers until ctx
// ends, and returns every request's sample, in the order sent.
func requestStream(ctx context.Context, t *testing.T, rate int, req func() *http.Request) []sample {
	t.Helper()
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 16}, Timeout: 5 * time.Second}
	var (
		mu  sync.Mutex
		out []sample
		wg  sync.WaitGroup
	)
	tick := time.NewTicker(time.Second / time.Duration(rate))
	defer tick.Stop()
	sem := make(chan struct{}, 16)
	for {
		select {
		case <-ctx.Done():
			wg.Wait()
			sort.Slice(out, func(i, j int) bool { return out[i].sent.Before(out[j].sent) })
			return out
		case <-tick.C:
		}
		select {
		case sem <- struct{}{}:
		default:
			continue // 16 in flight: the stack is behind; skip a beat
		}
		wg.Go(func() {
			defer func() { <-sem }()
			r := req()
			s := sample{sent: time.Now()}
			resp, err := client.Do(r)
			s.answered = time.Now()
			if err == nil {
				_, _ = io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				s.status = resp.StatusCode
			}
			mu.Lock()
			out = append(out, s)
			mu.Unlock()
		})
	}
}

// checkWindow fails the test unless every request answered before the
// change began was admitted and every request sent later than window after
// the change was answered (changed) was refused with refusal; it logs when
// the last admission was.
func checkWindow(t *testing.T, what string, samples []sample, began, changed time.Time, window time.Duration, refusal int) {
	t.Helper()
	var before, after, late int
	var lastAdmitted time.Time
	for _, s := range samples {
		switch {
		case s.status == 0:
			t.Errorf("%s: a request sent at %s got no answer", what, s.sent.Format(time.StampMicro))
		case s.status == http.StatusOK && s.sent.After(lastAdmitted):
			lastAdmitted = s.sent
		}
		switch {
		case s.answered.Before(began):
			before++
			if s.status != http.StatusOK {
				t.Errorf("%s: a request answered before the change got %d", what, s.status)
			}
		case s.sent.After(changed.Add(window)):
			after++
			if s.status != refusal {
				late++
				t.Errorf("%s: a request sent %s after the change got %d, want %d",
					what, s.sent.Sub(changed).Round(time.Millisecond), s.status, refusal)
			}
		}
	}
	if before < 10 || after < 10 {
		t.Fatalf("%s: %d requests before the change and %d after the window; the stream did not run", what, before, after)
	}
	t.Logf("%s: %d requests before, %d after the window (%d admitted late); the change took %s; the last admitted request was sent %s after it began",
		what, before, after, late, changed.Sub(began).Round(time.Microsecond), lastAdmitted.Sub(began).Round(time.Microsecond))
}

// streamAround sends GET url with token at 100 requests a second, makes
// change half a second in, keeps the stream going for a second after it,
// and returns the samples with when change began and when it returned.
func streamAround(t *testing.T, url, token string, change func() time.Time) (samples []sample, began, changed time.Time) {
	t.Helper()
	ctx, stop := context.WithCancel(t.Context())
	done := make(chan []sample)
	go func() {
		done <- requestStream(ctx, t, 100, func() *http.Request {
			r, _ := http.NewRequest(http.MethodGet, url, nil)
			r.Header.Set("Authorization", "Bearer "+token)
			return r
		})
	}()
	time.Sleep(500 * time.Millisecond)
	began = time.Now()
	changed = change()
	time.Sleep(time.Second)
	stop()
	return <-done, began, changed
}

// A member removed while their requests stream through the gateway: the
// projects service refuses them at once, the services with a membership
// view (tasks; collaboration for the comments) for every request sent later
// than viewWindow after the removal.
func TestRemovalWindowUnderLoad(t *testing.T) {
	for _, tc := range []struct{ name, path string }{
		{"tasks of the project", "/tasks?limit=20"},
		{"the project's discussion", "/comments?limit=20"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			owner := newPerson(t, "owner")
			member := newPerson(t, "member")
			project := newProject(t, owner, "Window")
			addParticipant(t, owner, project, member)
			newTask(t, owner, project, map[string]any{"title": "Watched"})
			path := "/api/v1/projects/" + project + tc.path
			expect(t, "the member reads "+tc.name, member.call(t, http.MethodGet, path, ""), http.StatusOK, "")

			samples, began, removed := streamAround(t, suite.URL("gateway")+path, member.Token, func() time.Time {
				r := owner.call(t, http.MethodDelete, "/api/v1/projects/"+project+"/members/"+member.ID, "")
				removed := time.Now()
				expect(t, "owner removes the member", r, http.StatusNoContent, "")
				expect(t, "the projects service refuses at once", member.call(t, http.MethodGet, "/api/v1/projects/"+project, ""),
					http.StatusNotFound, "project_not_found")
				return removed
			})
			checkWindow(t, tc.name, samples, began, removed, viewWindow, http.StatusNotFound)
		})
	}
}

// A login signed out while its requests stream through the gateway: the
// gateway that forwarded the sign-out refuses every request sent after
// its answer; a revocation the gateway only hears of as an event (a
// refresh token presented twice, revoked by auth) is refused for every
// request sent later than viewWindow after it.
func TestSessionWindowsUnderLoad(t *testing.T) {
	for _, tc := range []struct {
		name   string
		window time.Duration
		// signOut signs out the streaming login s (another login of the
		// same person is o) and returns when it was answered.
		signOut func(t *testing.T, s, o tokens) time.Time
	}{
		{"log out, through this gateway", 0, func(t *testing.T, s, _ tokens) time.Time {
			r := do(t, http.MethodPost, suite.URL("gateway")+"/api/v1/auth/logout", "", bearer(s.Access))
			expect(t, "log out", r, http.StatusNoContent, "")
			return time.Now()
		}},
		{"log out everywhere from another login, through this gateway", 0, func(t *testing.T, _, o tokens) time.Time {
			r := do(t, http.MethodPost, suite.URL("gateway")+"/api/v1/auth/logout-all", "", bearer(o.Access))
			expect(t, "log out everywhere", r, http.StatusNoContent, "")
			return time.Now()
		}},
		{"refresh token reused, heard as an event", viewWindow, func(t *testing.T, s, _ tokens) time.Time {
			expect(t, "refresh", refresh(t, s.Refresh), http.StatusOK, "")
			expect(t, "refresh again with the spent token", refresh(t, s.Refresh), http.StatusUnauthorized, "refresh_token_reused")
			return time.Now()
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := newPerson(t, "window")
			s, r := p.account.logIn(t, p.Username)
			expect(t, "log in", r, http.StatusOK, "")
			o, r := p.account.logIn(t, p.Username)
			expect(t, "log in again", r, http.StatusOK, "")
			url := suite.URL("gateway") + "/api/v1/projects?limit=5"
			expect(t, "the login works", do(t, http.MethodGet, url, "", bearer(s.Access)), http.StatusOK, "")

			samples, began, signedOut := streamAround(t, url, s.Access, func() time.Time { return tc.signOut(t, s, o) })
			checkWindow(t, tc.name, samples, began, signedOut, tc.window, http.StatusUnauthorized)
		})
	}
}
