package contracts

import "time"

// Events of the collaboration context (topic TopicComments): comments on a
// task or in a project's discussion thread, and reactions to them. The
// CloudEvent subject is the comment id.
var commentEvents = []EventSpec{
	{Type: EventCommentCreated, Topic: TopicComments, Schema: "comment.created.v1.json"},
	{Type: EventCommentUpdated, Topic: TopicComments, Schema: "comment.updated.v1.json"},
	{Type: EventCommentDeleted, Topic: TopicComments, Schema: "comment.deleted.v1.json"},
	{Type: EventCommentReactionAdded, Topic: TopicComments, Schema: "comment.reaction_added.v1.json"},
	{Type: EventCommentReactionRemoved, Topic: TopicComments, Schema: "comment.reaction_removed.v1.json"},
}

// Event types of the collaboration context.
const (
	EventCommentCreated         = "taskrocket.comment.created.v1"
	EventCommentUpdated         = "taskrocket.comment.updated.v1"
	EventCommentDeleted         = "taskrocket.comment.deleted.v1"
	EventCommentReactionAdded   = "taskrocket.comment.reaction_added.v1"
	EventCommentReactionRemoved = "taskrocket.comment.reaction_removed.v1"
)

// Comment is a comment as it is after the change an event announces.
// TaskID is null for a comment in the project's discussion thread.
// MentionedUserIDs are the project members its body mentions (@username);
// a mention of anyone else stays plain text and is not listed. Body is
// Markdown as written; readers render it safely.
type Comment struct {
	ID               string     `json:"id"`
	ProjectID        string     `json:"projectId"`
	TaskID           *string    `json:"taskId"`
	AuthorID         string     `json:"authorId"`
	Body             string     `json:"body"`
	MentionedUserIDs []string   `json:"mentionedUserIds"`
	EditedAt         *time.Time `json:"editedAt"`
	Version          int64      `json:"version"`
	CreatedAt        time.Time  `json:"createdAt"`
}

// CommentCreated is published when a comment is posted.
type CommentCreated struct {
	Actor      Actor     `json:"actor"`
	ProjectID  string    `json:"projectId"`
	TaskID     *string   `json:"taskId"`
	CommentID  string    `json:"commentId"`
	Comment    Comment   `json:"comment"`
	OccurredAt time.Time `json:"occurredAt"`
}

// CommentUpdated is published when its author edits a comment.
// PreviousBody is the body before the edit; NewMentionedUserIDs are the
// members mentioned by this edit who were not mentioned before (the ones
// to tell about it).
type CommentUpdated struct {
	Actor               Actor     `json:"actor"`
	ProjectID           string    `json:"projectId"`
	TaskID              *string   `json:"taskId"`
	CommentID           string    `json:"commentId"`
	Comment             Comment   `json:"comment"`
	PreviousBody        string    `json:"previousBody"`
	NewMentionedUserIDs []string  `json:"newMentionedUserIds"`
	OccurredAt          time.Time `json:"occurredAt"`
}

// CommentDeleted is published when a comment is deleted by its author or
// the project's owner. Comments removed because their task or project was
// deleted are announced by those events only.
type CommentDeleted struct {
	Actor      Actor     `json:"actor"`
	ProjectID  string    `json:"projectId"`
	TaskID     *string   `json:"taskId"`
	CommentID  string    `json:"commentId"`
	AuthorID   string    `json:"authorId"`
	OccurredAt time.Time `json:"occurredAt"`
}

// CommentReaction is published when a member adds (CommentReactionAdded)
// or takes back (CommentReactionRemoved) an emoji reaction; a member has
// at most one reaction per emoji on a comment.
type CommentReaction struct {
	Actor      Actor     `json:"actor"`
	ProjectID  string    `json:"projectId"`
	TaskID     *string   `json:"taskId"`
	CommentID  string    `json:"commentId"`
	AuthorID   string    `json:"authorId"` // the comment's author
	Emoji      string    `json:"emoji"`
	OccurredAt time.Time `json:"occurredAt"`
}
