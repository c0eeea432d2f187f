// Package membership is a service's local view of who belongs to which
// project, with which role, and whether the project is archived: what
// nearly every request of a service that keeps data per project checks.
// A project is loaded on demand from the projects service (one synchronous
// call on a miss, GET internal/projects/{id}/members) and then kept
// current by the projects topic's events, which every instance of the
// service receives (the pubsub-views component: one consumer per
// instance). While nothing changes, a request costs no call; a removed
// member is refused as soon as the event arrives.
//
// The view admits from memory and refuses only after asking: an answer
// that would refuse (not a member; through Confirm, archived or the wrong
// role) is checked with the projects service first, so a user who has just
// joined, or a project just unarchived, is never refused because its
// event is still on the way. What can lag, by the time an event takes to
// arrive, is a refusal: that is the window the events bound.
//
// Correctness rests on the project's version, which every projects event
// carries (projectVersion) and every answer of the projects service
// reports:
//
//   - a held project is changed by an event only when the event is the
//     very next version; an event already seen (a redelivery, an older
//     one arriving late) is ignored, and one that skips a version (an
//     earlier one is still on its way, or was lost) drops the project,
//     which is loaded again on its next use;
//   - an answer of the projects service is kept only if no event about the
//     project with a newer version arrived while the call was in flight;
//     otherwise it is asked again, so an event that arrives during a
//     fallback call wins;
//   - memory is bounded (MaxEntries member rows, least recently used
//     first out), and MaxAge bounds how long anything is answered without
//     the projects service being asked again, should an event be lost.
//
// UserProjects is always asked of the projects service: a list that lacks
// a project the user has just joined would refuse them, and nothing but
// the event could tell the view.
package membership

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/taskrocket/taskrocket/services/contracts"
	"github.com/taskrocket/taskrocket/services/platform/daprx"
	"github.com/taskrocket/taskrocket/services/platform/eventview"
)

// Project roles, as the projects service names them.
const (
	RoleOwner       = contracts.RoleOwner
	RoleParticipant = contracts.RoleParticipant
)

var (
	// ErrNotFound: the project does not exist, or the user is not one of
	// its members (callers answer both alike).
	ErrNotFound = errors.New("membership: no such project, or not a member")
	// ErrUnavailable: the projects service could not be asked, or kept
	// changing the answer while it was asked.
	ErrUnavailable = errors.New("membership: the projects service cannot answer")
)

// Membership is one user's standing in one project.
type Membership struct {
	ProjectID string
	UserID    string
	Role      string
	Archived  bool // archived projects are read-only
}

// Member is one member of a project.
type Member struct {
	UserID string
	Role   string
}

// Project is a project's whole membership at one version.
type Project struct {
	ID       string
	Version  int64
	Archived bool
	Members  []Member
}

// Options tune a View; the zero value is usable.
type Options struct {
	// MaxEntries bounds the member rows held over all projects (default
	// 200,000: a few tens of MB).
	MaxEntries int
	// MaxAge is how long a project is answered from memory
	// before the projects service is asked again (default 10 minutes). It
	// only matters if an event is lost.
	MaxAge time.Duration
	// FetchTimeout bounds one call to the projects service (default 5s).
	FetchTimeout time.Duration
	// Warmup is how long after the view starts its answers are kept only
	// briefly (warmupAge), because its subscription may not deliver yet: a
	// new per-instance consumer on Kafka starts at the newest message once
	// the sidecar subscribes, and an event published before that never
	// reaches it (default 30s).
	Warmup time.Duration
	Log    *slog.Logger
	Now    func() time.Time
}

// maxAttempts bounds the calls one lookup makes when events keep making
// the answers stale.
const maxAttempts = 4

// warmupAge is how long an answer loaded during Warmup is used.
const warmupAge = 2 * time.Second

// View answers membership questions from memory, asking the projects
// service on a miss. Safe for concurrent use.
type View struct {
	src     Source
	opts    Options
	m       viewMetrics
	started time.Time

	mu       sync.Mutex
	projects *eventview.LRU[*snapshot]
	flights  map[string]*flight // project id -> the latest call for it
	recent   *eventview.Changes[record]
}

// record is one event as the race checks need it.
type record struct {
	project string
	version int64
}

// New returns a view that asks the projects app (appID) through the
// sidecar on a miss. Register its event route with Subscribe.
func New(sidecar daprx.Invoker, appID string, opts Options) *View {
	return NewWithSource(NewSource(sidecar, appID), opts)
}

// NewWithSource returns a view over any source of project answers.
func NewWithSource(src Source, opts Options) *View {
	if opts.MaxEntries <= 0 {
		opts.MaxEntries = 200_000
	}
	if opts.MaxAge <= 0 {
		opts.MaxAge = 10 * time.Minute
	}
	if opts.FetchTimeout <= 0 {
		opts.FetchTimeout = 5 * time.Second
	}
	if opts.Warmup <= 0 {
		opts.Warmup = 30 * time.Second
	}
	if opts.Log == nil {
		opts.Log = slog.New(slog.DiscardHandler)
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	v := &View{
		src: src, opts: opts, m: newViewMetrics(), started: opts.Now(),
		projects: eventview.NewLRU[*snapshot](opts.MaxEntries),
		flights:  map[string]*flight{},
		recent:   eventview.NewChanges[record](1024),
	}
	return v
}

// Collectors are the view's metrics, for the service's registry.
func (v *View) Collectors() []prometheus.Collector { return v.m.collectors() }

// Membership returns userID's standing in projectID, or ErrNotFound when
// the project does not exist or the user is not a member. A held project
// answers a member at once; "not a member" is confirmed with the projects
// service first.
func (v *View) Membership(ctx context.Context, projectID, userID string) (Membership, error) {
	v.mu.Lock()
	s, held := v.freshProject(projectID)
	v.mu.Unlock()
	if held {
		if m, ok := s.membership(projectID, userID); ok {
			v.m.lookups.WithLabelValues("cached").Inc()
			return m, nil
		}
		return v.Confirm(ctx, projectID, userID)
	}
	v.m.lookups.WithLabelValues("fetched").Inc()
	s, err := v.project(ctx, projectID, time.Time{})
	if err != nil {
		return Membership{}, err
	}
	if m, ok := s.membership(projectID, userID); ok {
		return m, nil
	}
	return Membership{}, ErrNotFound
}

// Confirm asks the projects service for userID's standing in projectID,
// whatever the view holds, and keeps the answer. A caller about to refuse
// a request on a held answer (the project is archived, the role may not
// write) confirms it first, so that a change still on its way never
// refuses anyone.
func (v *View) Confirm(ctx context.Context, projectID, userID string) (Membership, error) {
	v.m.lookups.WithLabelValues("confirmed").Inc()
	s, err := v.project(ctx, projectID, v.opts.Now())
	if err != nil {
		return Membership{}, err
	}
	if m, ok := s.membership(projectID, userID); ok {
		return m, nil
	}
	return Membership{}, ErrNotFound
}

// Members returns a project's whole membership, or ErrNotFound.
func (v *View) Members(ctx context.Context, projectID string) (Project, error) {
	v.mu.Lock()
	s, held := v.freshProject(projectID)
	v.mu.Unlock()
	if held {
		v.m.lookups.WithLabelValues("cached").Inc()
		return s.export(projectID), nil
	}
	v.m.lookups.WithLabelValues("fetched").Inc()
	s, err := v.project(ctx, projectID, time.Time{})
	if err != nil {
		return Project{}, err
	}
	return s.export(projectID), nil
}

// UserProjects returns every project userID belongs to, in no order,
// asked of the projects service (see the package comment).
func (v *View) UserProjects(ctx context.Context, userID string) ([]Membership, error) {
	v.m.lookups.WithLabelValues("fetched").Inc()
	fctx, cancel := context.WithTimeout(ctx, v.opts.FetchTimeout)
	defer cancel()
	up, err := v.src.UserProjects(fctx, userID)
	switch {
	case errors.Is(err, ErrNotFound):
		v.m.fetches.WithLabelValues("user", "not_found").Inc()
		return nil, ErrNotFound
	case err != nil:
		v.m.fetches.WithLabelValues("user", "error").Inc()
		return nil, fmt.Errorf("%w: %w", ErrUnavailable, err)
	}
	v.m.fetches.WithLabelValues("user", "ok").Inc()
	out := make([]Membership, 0, len(up.Projects))
	for _, m := range up.Projects {
		out = append(out, Membership{ProjectID: m.ProjectID, UserID: userID, Role: m.Role, Archived: m.Archived})
	}
	return out, nil
}

// loadedAt is when an answer loaded now counts as loaded: now, or during
// Warmup early enough that it expires warmupAge from now.
func (v *View) loadedAt() time.Time {
	now := v.opts.Now()
	if now.Sub(v.started) < v.opts.Warmup {
		return now.Add(min(warmupAge, v.opts.MaxAge) - v.opts.MaxAge)
	}
	return now
}

// flight is one call to the projects service that concurrent lookups of
// the same project share.
type flight struct {
	done     chan struct{}
	began    time.Time
	startSeq uint64 // the last event seen when the current attempt began
	project  *snapshot
	err      error
}

// wait returns once f has finished or ctx ends.
func (f *flight) wait(ctx context.Context) error {
	select {
	case <-f.done:
		return f.err
	case <-ctx.Done():
		return ctx.Err()
	}
}
