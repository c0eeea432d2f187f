package ports

import (
	"time"

	"github.com/taskrocket/taskrocket/services/collaboration/app"
	"github.com/taskrocket/taskrocket/services/collaboration/domain"
)

// commentRequest is the body of a new comment or an edit.
type commentRequest struct {
	Body *string `json:"body"`
}

func (r commentRequest) body() string {
	if r.Body == nil {
		return ""
	}
	return *r.Body
}

type reactionRequest struct {
	Emoji *string `json:"emoji"`
}

// commentDTO is a comment as the API shows it.
type commentDTO struct {
	ID        string        `json:"id"`
	ProjectID string        `json:"projectId"`
	TaskID    *string       `json:"taskId"`
	Author    authorDTO     `json:"author"`
	Body      string        `json:"body"`
	HTML      string        `json:"html"`
	Mentions  []string      `json:"mentionedUserIds"`
	Reactions []reactionDTO `json:"reactions"`
	CreatedAt time.Time     `json:"createdAt"`
	EditedAt  *time.Time    `json:"editedAt"`
	Edited    bool          `json:"edited"`
	Version   int64         `json:"version"`
}

// authorDTO names a comment's author; a deleted account shows as
// "deleted user" with deleted set and no username.
type authorDTO struct {
	ID          string  `json:"id"`
	Username    *string `json:"username"`
	DisplayName string  `json:"displayName"`
	Deleted     bool    `json:"deleted"`
}

type reactionDTO struct {
	Emoji   string   `json:"emoji"`
	Count   int      `json:"count"`
	UserIDs []string `json:"userIds"`
	Mine    bool     `json:"reactedByMe"`
}

// DeletedUserName is how a deleted account is shown.
const DeletedUserName = "deleted user"

func toComment(c domain.Comment, names map[string]app.UserName, me string) commentDTO {
	d := commentDTO{
		ID: c.ID, ProjectID: c.ProjectID, Body: c.Body, HTML: c.HTML, Mentions: c.Mentions,
		Reactions: make([]reactionDTO, 0, len(c.Reactions)), CreatedAt: c.CreatedAt.UTC(),
		EditedAt: c.EditedAt, Edited: c.EditedAt != nil, Version: c.Version,
	}
	if d.Mentions == nil {
		d.Mentions = []string{}
	}
	if c.TaskID != "" {
		d.TaskID = &c.TaskID
	}
	d.Author = authorDTO{ID: c.AuthorID, DisplayName: DeletedUserName, Deleted: true}
	if n, ok := names[c.AuthorID]; ok && !n.Deleted {
		u := n.Username
		d.Author = authorDTO{ID: c.AuthorID, Username: &u, DisplayName: n.DisplayName}
	}
	for _, r := range c.Reactions {
		mine := false
		for _, u := range r.UserIDs {
			mine = mine || u == me
		}
		d.Reactions = append(d.Reactions, reactionDTO{Emoji: r.Emoji, Count: len(r.UserIDs), UserIDs: r.UserIDs, Mine: mine})
	}
	return d
}

type commentListDTO struct {
	Items      []commentDTO `json:"items"`
	Total      int          `json:"total"`
	NextCursor string       `json:"nextCursor,omitempty"`
}

type memberDTO struct {
	UserID      string `json:"userId"`
	Username    string `json:"username"`
	DisplayName string `json:"displayName"`
}
