package e2e

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"sync"
	"sync/atomic"
	"time"
)

// faultLoad is the steady mixed load the fault test keeps up while parts
// of the stack die: several owners, each creating projects and tasks,
// changing and reading them, adding and removing a participant with tasks
// assigned, deleting projects, and inviting people by email who then sign
// up. It records every error with its time, and every write answered 2xx,
// for the checks at the end.
type faultLoad struct {
	base   string
	client *http.Client
	seq    atomic.Int64

	mu       sync.Mutex
	errs     []faultErr
	oks      int
	projects map[string]bool   // created, not deleted
	deleted  map[string]bool   // projects deleted
	tasks    map[string]string // task id -> project id
	removed  map[string]string // task id -> user removed from its project while assigned to it
	invited  map[string]string // email signed up after an invitation -> project
	accounts map[string]string // that email -> its access token
}

type faultErr struct {
	At  time.Time
	Msg string
}

// statusErr is an answer with another status than the one wanted.
type statusErr struct {
	status int
	msg    string
}

func (e *statusErr) Error() string { return e.msg }

// owner is a worker's account. Access tokens live at most 15 minutes
// (the fault stack's setting), so the worker signs in again every 10.
type owner struct {
	username, token string
	issued          time.Time
}

// signIn renews the owner's access token; it reports whether it did.
func (l *faultLoad) signIn(ctx context.Context, o *owner) bool {
	var res struct{ AccessToken string }
	if l.call(ctx, "", http.MethodPost, "/auth/login", map[string]any{"login": o.username, "password": "correct horse battery staple"},
		&res, http.StatusOK) != nil {
		return false
	}
	o.token, o.issued = res.AccessToken, time.Now()
	return true
}

// fresh signs in again after a 401 and reports whether it did.
func (l *faultLoad) fresh(ctx context.Context, o *owner, err error) bool {
	var se *statusErr
	return errors.As(err, &se) && se.status == http.StatusUnauthorized && l.signIn(ctx, o)
}

func newFaultLoad(base string) *faultLoad {
	return &faultLoad{base: base + "/api/v1", client: &http.Client{Timeout: 5 * time.Second},
		projects: map[string]bool{}, deleted: map[string]bool{}, tasks: map[string]string{},
		removed: map[string]string{}, invited: map[string]string{}, accounts: map[string]string{}}
}

// call sends one request; any status but want is an error, recorded.
func (l *faultLoad) call(ctx context.Context, token, method, path string, body, out any, want int) error {
	return l.tally(ctx, l.send(ctx, token, method, path, body, out, want))
}

// tally records a request's outcome: an error with its time (unless the
// load was stopping), or a success.
func (l *faultLoad) tally(ctx context.Context, err error) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	if err != nil && ctx.Err() == nil {
		l.errs = append(l.errs, faultErr{At: time.Now(), Msg: err.Error()})
	} else if err == nil {
		l.oks++
	}
	return err
}

func (l *faultLoad) send(ctx context.Context, token, method, path string, body, out any, want int) error {
	var rd io.Reader
	if body != nil {
		b, _ := json.Marshal(body)
		rd = bytes.NewReader(b)
	}
	req, err := http.NewRequestWithContext(ctx, method, l.base+path, rd)
	if err != nil {
		return err
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := l.client.Do(req)
	if err != nil {
		return fmt.Errorf("%s %s: %v", method, path, err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	if resp.StatusCode != want {
		return &statusErr{status: resp.StatusCode, msg: fmt.Sprintf("%s %s: %d %.120s", method, path, resp.StatusCode, raw)}
	}
	if out != nil {
		return json.Unmarshal(raw, out)
	}
	return nil
}

// signUp creates an account with its first session; "" on failure.
func (l *faultLoad) signUp(ctx context.Context, name string) (id, username, token string) {
	n := fmt.Sprintf("%s%d%d", name, time.Now().UnixNano()%1_000_000_000, l.seq.Add(1))
	username, email := n, n+"@example.com"
	var res struct {
		User    struct{ ID string }
		Session struct{ AccessToken string }
	}
	if l.call(ctx, "", http.MethodPost, "/users", map[string]any{"email": email, "username": n, "displayName": name,
		"password": "correct horse battery staple", "signIn": true}, &res, http.StatusCreated) != nil {
		return "", "", ""
	}
	return res.User.ID, username, res.Session.AccessToken
}

// worker runs one owner's cycle of operations until ctx ends.
func (l *faultLoad) worker(ctx context.Context, o *owner, participantID string) {
	var mine []string // this owner's live projects, oldest first
	var lastTask string
	lostDelete := "" // a deletion whose answer was lost
	for i := 0; ctx.Err() == nil; i++ {
		if time.Since(o.issued) > 10*time.Minute && !l.signIn(ctx, o) {
			continue
		}
		ownerToken := o.token
		if len(mine) == 0 || i%12 == 0 {
			var p struct{ ID string }
			if l.call(ctx, ownerToken, http.MethodPost, "/projects", map[string]any{"name": "Faults", "key": projectKey()}, &p, http.StatusCreated) == nil {
				l.record(func() { l.projects[p.ID] = true })
				mine = append(mine, p.ID)
			}
			continue
		}
		project := mine[len(mine)-1]
		switch i % 6 {
		case 0, 1:
			var tk struct{ ID string }
			if l.call(ctx, ownerToken, http.MethodPost, "/projects/"+project+"/tasks", map[string]any{"title": "Fault task"}, &tk, http.StatusCreated) == nil {
				l.record(func() { l.tasks[tk.ID] = project })
				lastTask = tk.ID
			}
		case 2:
			if lastTask != "" {
				_ = l.call(ctx, ownerToken, http.MethodPatch, "/tasks/"+lastTask, map[string]any{"status": "in_progress"}, nil, http.StatusOK)
			}
		case 3:
			_ = l.call(ctx, ownerToken, http.MethodGet, "/projects/"+project+"/tasks?limit=20", nil, nil, http.StatusOK)
		case 4:
			l.memberCycle(ctx, ownerToken, participantID, project)
		case 5:
			if i%30 == 5 && len(mine) > 1 {
				l.inviteAndSignUp(ctx, ownerToken, project)
			} else if i%18 == 5 && len(mine) > 2 {
				old := mine[0]
				if l.remove(ctx, ownerToken, "/projects/"+old, &lostDelete) {
					l.record(func() { delete(l.projects, old); l.deleted[old] = true })
					mine = mine[1:]
				}
			} else if err := l.call(ctx, ownerToken, http.MethodGet, "/me", nil, nil, http.StatusOK); l.fresh(ctx, o, err) {
				continue
			}
		}
	}
}

// remove sends a DELETE that answers 204 and reports whether the thing is
// gone. When a deletion's answer is lost (a sidecar died with the request
// on its way, the service may have applied it), lost remembers the path;
// the next try then finds it gone (404), which is not an error: the
// earlier attempt removed it.
func (l *faultLoad) remove(ctx context.Context, token, path string, lost *string) bool {
	err := l.send(ctx, token, http.MethodDelete, path, nil, nil, http.StatusNoContent)
	var se *statusErr
	if errors.As(err, &se) && se.status == http.StatusNotFound && *lost == path {
		err = nil
	}
	if err != nil && !(errors.As(err, &se) && se.status < 500) {
		*lost = path
	}
	return l.tally(ctx, err) == nil
}

// memberCycle adds the participant, assigns a task to them and removes
// them again: tasks must then unassign them (project.member_removed).
func (l *faultLoad) memberCycle(ctx context.Context, owner, participant, project string) {
	if l.call(ctx, owner, http.MethodPost, "/projects/"+project+"/members", map[string]any{"userId": participant, "role": "participant"}, nil, http.StatusCreated) != nil {
		return
	}
	var tk struct{ ID string }
	if l.call(ctx, owner, http.MethodPost, "/projects/"+project+"/tasks", map[string]any{"title": "Assigned", "assigneeIds": []string{participant}}, &tk, http.StatusCreated) == nil {
		l.record(func() { l.tasks[tk.ID] = project })
	}
	lost := ""
	for try := 0; try < 20 && ctx.Err() == nil; try++ {
		if l.remove(ctx, owner, "/projects/"+project+"/members/"+participant, &lost) {
			if tk.ID != "" {
				l.record(func() { l.removed[tk.ID] = participant })
			}
			return
		}
		time.Sleep(500 * time.Millisecond) // the participant must leave before the next cycle adds them again
	}
}

// inviteAndSignUp invites a new address, then signs it up: invitations
// must attach the invitation to the account (user.registered).
func (l *faultLoad) inviteAndSignUp(ctx context.Context, owner, project string) {
	email := fmt.Sprintf("guest%d%d@example.com", time.Now().UnixNano()%1_000_000_000, l.seq.Add(1))
	if l.call(ctx, owner, http.MethodPost, "/projects/"+project+"/invitations", map[string]any{"email": email}, nil, http.StatusCreated) != nil {
		return
	}
	n := email[:len(email)-len("@example.com")]
	var res struct{ Session struct{ AccessToken string } }
	if l.call(ctx, "", http.MethodPost, "/users", map[string]any{"email": email, "username": n, "displayName": "Guest",
		"password": "correct horse battery staple", "signIn": true}, &res, http.StatusCreated) == nil && res.Session.AccessToken != "" {
		l.record(func() { l.invited[email] = project; l.accounts[email] = res.Session.AccessToken })
	}
}

func (l *faultLoad) record(f func()) {
	l.mu.Lock()
	defer l.mu.Unlock()
	f()
}

// errorsSince returns the errors at or after t.
func (l *faultLoad) errorsSince(t time.Time) []faultErr {
	l.mu.Lock()
	defer l.mu.Unlock()
	var out []faultErr
	for _, e := range l.errs {
		if !e.At.Before(t) {
			out = append(out, e)
		}
	}
	return out
}

func (l *faultLoad) successes() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.oks
}
