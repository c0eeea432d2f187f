package domain

import (
	"slices"
	"time"
)

// TaskView is what notifications keep of a task: where it lives, what it
// is called and who follows it. It is built from events only; events of a
// task may arrive in any order, so every change is idempotent and a title
// is replaced only by one of a later version.
type TaskView struct {
	ProjectID string   `json:"projectId"`
	Title     string   `json:"title"`
	Version   int64    `json:"version"`
	Followers []string `json:"followers"` // sorted
}

// MaxFollowers bounds the followers of one task.
const MaxFollowers = 1000

// Merge takes what an event says about the task; it reports whether the
// view changed.
func (t *TaskView) Merge(f TaskFacts) bool {
	changed := false
	if t.ProjectID == "" && f.ProjectID != "" {
		t.ProjectID, changed = f.ProjectID, true
	}
	if f.Title != "" && (f.Version > t.Version || (t.Title == "" && f.Version == 0)) && f.Title != t.Title {
		t.Title, changed = f.Title, true
	}
	if f.Version > t.Version {
		t.Version, changed = f.Version, true
	}
	return changed
}

// Follow adds a follower; it reports whether they were not one.
func (t *TaskView) Follow(userID string) bool {
	i, found := slices.BinarySearch(t.Followers, userID)
	if found || len(t.Followers) >= MaxFollowers {
		return false
	}
	t.Followers = slices.Insert(t.Followers, i, userID)
	return true
}

// Unfollow removes a follower; it reports whether they were one.
func (t *TaskView) Unfollow(userID string) bool {
	i, found := slices.BinarySearch(t.Followers, userID)
	if found {
		t.Followers = slices.Delete(t.Followers, i, i+1)
	}
	return found
}

// IsFollower reports whether the user follows the task.
func (t TaskView) IsFollower(userID string) bool {
	_, found := slices.BinarySearch(t.Followers, userID)
	return found
}

// ProjectView is what notifications keep of a project: its name and its
// members, built from the projects events. Each membership carries the
// time of the event that set it, so events applied out of order leave the
// latest state.
type ProjectView struct {
	Name    string            `json:"name"`
	NameAt  time.Time         `json:"nameAt"`
	Members map[string]Member `json:"members"`
}

// Member is one membership as of At; a removed member is kept (Removed)
// so that an older "added" cannot bring them back.
type Member struct {
	Role    string    `json:"role"`
	At      time.Time `json:"at"`
	Removed bool      `json:"removed,omitempty"`
}

// Rename sets the name if at is newer than the name known; it reports a
// change.
func (p *ProjectView) Rename(name string, at time.Time) bool {
	if name == "" || (!p.NameAt.IsZero() && !at.After(p.NameAt)) || name == p.Name && !p.NameAt.IsZero() {
		return false
	}
	p.Name, p.NameAt = name, at
	return true
}

// Apply records a membership change unless a later one is known; it
// reports a change.
func (p *ProjectView) Apply(c MemberChange) bool {
	if p.Members == nil {
		p.Members = map[string]Member{}
	}
	old, ok := p.Members[c.UserID]
	if ok && !c.At.After(old.At) {
		return false
	}
	role := c.Role
	if role == "" && !c.Removed {
		role = old.Role
	}
	p.Members[c.UserID] = Member{Role: role, At: c.At, Removed: c.Removed}
	return true
}

// IsMember reports whether the user is a member.
func (p ProjectView) IsMember(userID string) bool {
	m, ok := p.Members[userID]
	return ok && !m.Removed
}

// MemberIDs lists the members, sorted.
func (p ProjectView) MemberIDs() []string {
	var out []string
	for id, m := range p.Members {
		if !m.Removed {
			out = append(out, id)
		}
	}
	slices.Sort(out)
	return out
}
