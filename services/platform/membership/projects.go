package membership

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"time"

	"github.com/taskrocket/taskrocket/services/contracts"
)

// snapshot is a project's membership at one version. It is never changed
// once stored: an event replaces it with a changed copy, so lookups may
// read it without the lock.
type snapshot struct {
	version  int64
	archived bool
	members  map[string]string // user id -> role
	loadedAt time.Time
}

func newSnapshot(pm contracts.ProjectMembers, now time.Time) *snapshot {
	s := &snapshot{version: pm.Version, archived: pm.Archived, members: make(map[string]string, len(pm.Members)), loadedAt: now}
	for _, m := range pm.Members {
		s.members[m.UserID] = m.Role
	}
	return s
}

func (s *snapshot) weight() int { return 1 + len(s.members) }

func (s *snapshot) export(id string) Project {
	p := Project{ID: id, Version: s.version, Archived: s.archived, Members: make([]Member, 0, len(s.members))}
	for uid, role := range s.members {
		p.Members = append(p.Members, Member{UserID: uid, Role: role})
	}
	return p
}

// next returns the snapshot after ev, the event of the next version;
// deleted is set when the project is gone, and known is false when the
// event's effect on the membership is unknown (a type added later).
func (s *snapshot) next(ev projectEvent) (n *snapshot, deleted, known bool) {
	n = &snapshot{version: ev.Version, archived: s.archived, members: maps.Clone(s.members), loadedAt: s.loadedAt}
	switch ev.Type {
	case contracts.EventProjectDeleted:
		return nil, true, true
	case contracts.EventProjectUpdated:
	case contracts.EventProjectArchived:
		n.archived = true
	case contracts.EventProjectUnarchived:
		n.archived = false
	case contracts.EventProjectCreated:
		n.members = map[string]string{ev.OwnerID: RoleOwner}
	case contracts.EventProjectMemberAdded, contracts.EventProjectMemberRoleChanged:
		n.members[ev.UserID] = ev.Role
	case contracts.EventProjectMemberRemoved:
		delete(n.members, ev.UserID)
	case contracts.EventProjectOwnershipTransferred:
		n.members[ev.PreviousOwnerID] = RoleParticipant
		n.members[ev.NewOwnerID] = RoleOwner
	default:
		return nil, false, false
	}
	return n, false, true
}

// freshProject returns a held project younger than MaxAge; called with
// the lock held.
func (v *View) freshProject(id string) (*snapshot, bool) {
	s, ok := v.projects.Get(id)
	if !ok {
		return nil, false
	}
	if v.opts.Now().Sub(s.loadedAt) > v.opts.MaxAge {
		v.projects.Remove(id)
		return nil, false
	}
	return s, true
}

func (s *snapshot) membership(projectID, userID string) (Membership, bool) {
	role, ok := s.members[userID]
	return Membership{ProjectID: projectID, UserID: userID, Role: role, Archived: s.archived}, ok
}

// project returns a project's snapshot, loading it on a miss. Concurrent
// lookups share one call; with notBefore set (Confirm) only a call begun
// at or after it will do, so that the answer reflects every change made
// before the caller asked.
func (v *View) project(ctx context.Context, id string, notBefore time.Time) (*snapshot, error) {
	v.mu.Lock()
	if s, ok := v.freshProject(id); ok && notBefore.IsZero() {
		v.mu.Unlock()
		return s, nil
	}
	f := v.flights[id]
	leader := f == nil || f.began.Before(notBefore)
	if leader {
		f = &flight{done: make(chan struct{}), began: v.opts.Now(), startSeq: v.recent.Last()}
		v.flights[id] = f
	}
	v.mu.Unlock()
	if leader {
		v.loadProject(ctx, id, f)
	}
	if err := f.wait(ctx); err != nil {
		return nil, err
	}
	return f.project, nil
}

// loadProject asks the projects service for a project and keeps the
// answer unless an event about the project, newer than the answer,
// arrived during the call: then it asks again.
func (v *View) loadProject(ctx context.Context, id string, f *flight) {
	// The call outlives a caller that gives up: others may be waiting.
	fctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), v.opts.FetchTimeout)
	defer cancel()
	for attempt := 1; ; attempt++ {
		pm, err := v.src.ProjectMembers(fctx, id)
		v.mu.Lock()
		stale := false
		switch {
		case err == nil:
			stale = v.recent.ChangedSince(f.startSeq, func(r record) bool {
				return r.project == id && (r.version == 0 || r.version > pm.Version)
			})
		case errors.Is(err, ErrNotFound):
			stale = v.recent.ChangedSince(f.startSeq, func(r record) bool { return r.project == id })
		}
		if stale && attempt < maxAttempts {
			v.m.fetches.WithLabelValues("project", "stale").Inc()
			f.startSeq = v.recent.Last()
			v.mu.Unlock()
			continue
		}
		switch {
		case stale:
			v.m.fetches.WithLabelValues("project", "stale").Inc()
			f.err = fmt.Errorf("%w: project %s changed during each of %d calls", ErrUnavailable, id, attempt)
		case err == nil:
			v.m.fetches.WithLabelValues("project", "ok").Inc()
			f.project = newSnapshot(pm, v.loadedAt())
			// A later call may have stored a newer version already.
			if held, ok := v.projects.Peek(id); !ok || held.version <= pm.Version {
				v.projects.Put(id, f.project, f.project.weight())
			}
		case errors.Is(err, ErrNotFound):
			v.m.fetches.WithLabelValues("project", "not_found").Inc()
			v.projects.Remove(id)
			f.err = ErrNotFound
		default:
			v.m.fetches.WithLabelValues("project", "error").Inc()
			f.err = fmt.Errorf("%w: %w", ErrUnavailable, err)
		}
		if v.flights[id] == f {
			delete(v.flights, id)
		}
		close(f.done)
		v.mu.Unlock()
		return
	}
}

// applyToProject brings a held project to ev's version, or drops it when
// ev cannot be applied in order; called with the lock held.
func (v *View) applyToProject(ev projectEvent) outcome {
	s, ok := v.projects.Peek(ev.ProjectID)
	switch {
	case !ok:
		return ignored
	case ev.Version != 0 && ev.Version <= s.version:
		return ignored // seen already: a redelivery or a late arrival
	case ev.Version != s.version+1:
		// Unversioned, or an earlier event is missing: load it again
		// when next needed.
		v.projects.Remove(ev.ProjectID)
		return invalidated
	}
	n, deleted, known := s.next(ev)
	switch {
	case deleted:
		v.projects.Remove(ev.ProjectID)
	case !known:
		v.projects.Remove(ev.ProjectID)
		return invalidated
	default:
		v.projects.Put(ev.ProjectID, n, n.weight())
	}
	return applied
}
