// Package domain holds the rules of comments: who may do what, what a
// body and a reaction may be, how mentions are found, and how a
// conversation (a task's comments, or a project's discussion thread) is
// identified. It does no I/O.
package domain

import (
	"slices"
	"time"

	"github.com/taskrocket/taskrocket/services/platform/fields"
)

// Limits.
const (
	MaxBodyRunes        = 10000
	MaxReactionKinds    = 20 // different emoji on one comment
	MaxMentions         = 20 // different people mentioned in one comment
	DefaultPageSize     = 50
	MaxPageSize         = 100
	MaxCountTaskIDs     = 200 // task ids in one comment-counts request
	MaxMentionableLimit = 20
)

// Comment is one comment on a task (TaskID set) or in a project's
// discussion thread (TaskID empty). Body is Markdown as written; HTML is
// its sanitised rendering, with resolved mentions marked.
type Comment struct {
	ID        string     `json:"id"`
	ProjectID string     `json:"projectId"`
	TaskID    string     `json:"taskId,omitempty"`
	AuthorID  string     `json:"authorId"`
	Body      string     `json:"body"`
	HTML      string     `json:"html"`
	Mentions  []string   `json:"mentions"` // user ids, in order of first mention
	Reactions []Reaction `json:"reactions"`
	CreatedAt time.Time  `json:"createdAt"`
	EditedAt  *time.Time `json:"editedAt,omitempty"`
	Version   int64      `json:"version"`
}

// Reaction is one emoji and who reacted with it, in order of reaction.
type Reaction struct {
	Emoji   string   `json:"emoji"`
	UserIDs []string `json:"userIds"`
}

// Thread is a conversation: a task's comments, or a project's thread.
type Thread struct {
	ProjectID string
	TaskID    string // "" for the project's thread
}

// Key names the conversation in storage.
func (t Thread) Key() string {
	if t.TaskID != "" {
		return "task:" + t.TaskID
	}
	return "project:" + t.ProjectID
}

// Thread returns the conversation the comment belongs to.
func (c Comment) Thread() Thread { return Thread{ProjectID: c.ProjectID, TaskID: c.TaskID} }

// CheckBody returns the body in its stored form (trimmed, NFC, LF line
// ends) or the problem with it.
func CheckBody(raw string) (string, string) {
	s, p := fields.Markdown(raw, MaxBodyRunes)
	if p == "" && s == "" {
		p = fields.Required
	}
	return s, p
}

// CheckEdit allows only the author to edit, with If-Match versions (nil:
// none given) naming the current version.
func (c Comment) CheckEdit(userID string, ifMatch []int64) error {
	if c.AuthorID != userID {
		return ErrNotAuthor
	}
	return c.CheckVersion(ifMatch)
}

// CheckVersion compares If-Match versions with the comment's.
func (c Comment) CheckVersion(ifMatch []int64) error {
	if ifMatch != nil && !slices.Contains(ifMatch, c.Version) {
		return VersionMismatch(c.Version)
	}
	return nil
}

// CheckDelete allows the author and the project's owner to delete.
func (c Comment) CheckDelete(m Membership, ifMatch []int64) error {
	if c.AuthorID != m.UserID && !m.IsOwner() {
		return ErrNotAuthor
	}
	return c.CheckVersion(ifMatch)
}

// AddReaction records userID's reaction with emoji; false when they had
// already reacted with it (nothing changes).
func (c *Comment) AddReaction(userID, emoji string) (bool, error) {
	for i, r := range c.Reactions {
		if r.Emoji != emoji {
			continue
		}
		if slices.Contains(r.UserIDs, userID) {
			return false, nil
		}
		c.Reactions[i].UserIDs = append(c.Reactions[i].UserIDs, userID)
		return true, nil
	}
	if len(c.Reactions) >= MaxReactionKinds {
		return false, ErrTooManyReactions
	}
	c.Reactions = append(c.Reactions, Reaction{Emoji: emoji, UserIDs: []string{userID}})
	return true, nil
}

// RemoveReaction takes userID's reaction with emoji back; false when they
// had none.
func (c *Comment) RemoveReaction(userID, emoji string) bool {
	for i, r := range c.Reactions {
		if r.Emoji != emoji {
			continue
		}
		j := slices.Index(r.UserIDs, userID)
		if j < 0 {
			return false
		}
		c.Reactions[i].UserIDs = slices.Delete(r.UserIDs, j, j+1)
		if len(c.Reactions[i].UserIDs) == 0 {
			c.Reactions = slices.Delete(c.Reactions, i, i+1)
		}
		return true
	}
	return false
}
