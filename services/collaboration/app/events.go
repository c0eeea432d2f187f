package app

import (
	"time"

	"github.com/taskrocket/taskrocket/services/contracts"
	"github.com/taskrocket/taskrocket/services/platform/events"

	"github.com/taskrocket/taskrocket/services/collaboration/domain"
)

// newEvent builds an event of the comments topic about a comment.
func newEvent(eventType, commentID string, payload any) (events.Event, error) {
	ev, err := events.New(EventSource, eventType, commentID, payload)
	if err != nil {
		return events.Event{}, err
	}
	ev.DataSchema = contracts.SchemaURL(eventType)
	return ev, nil
}

// Snapshot is the published form of a comment.
func Snapshot(c domain.Comment) contracts.Comment {
	return contracts.Comment{
		ID: c.ID, ProjectID: c.ProjectID, TaskID: nullable(c.TaskID), AuthorID: c.AuthorID, Body: c.Body,
		MentionedUserIDs: nonNil(c.Mentions), EditedAt: c.EditedAt, Version: c.Version, CreatedAt: c.CreatedAt,
	}
}

func createdEvent(actor string, c domain.Comment) (events.Event, error) {
	return newEvent(contracts.EventCommentCreated, c.ID, contracts.CommentCreated{
		Actor: contracts.Actor{UserID: actor}, ProjectID: c.ProjectID, TaskID: nullable(c.TaskID), CommentID: c.ID,
		Comment: Snapshot(c), OccurredAt: c.CreatedAt,
	})
}

func updatedEvent(actor string, before, after domain.Comment) (events.Event, error) {
	return newEvent(contracts.EventCommentUpdated, after.ID, contracts.CommentUpdated{
		Actor: contracts.Actor{UserID: actor}, ProjectID: after.ProjectID, TaskID: nullable(after.TaskID), CommentID: after.ID,
		Comment: Snapshot(after), PreviousBody: before.Body,
		NewMentionedUserIDs: nonNil(added(before.Mentions, after.Mentions)), OccurredAt: *after.EditedAt,
	})
}

func deletedEvent(actor string, c domain.Comment, at time.Time) (events.Event, error) {
	return newEvent(contracts.EventCommentDeleted, c.ID, contracts.CommentDeleted{
		Actor: contracts.Actor{UserID: actor}, ProjectID: c.ProjectID, TaskID: nullable(c.TaskID), CommentID: c.ID,
		AuthorID: c.AuthorID, OccurredAt: at,
	})
}

func reactionEvent(eventType, actor string, c domain.Comment, emoji string, at time.Time) (events.Event, error) {
	return newEvent(eventType, c.ID, contracts.CommentReaction{
		Actor: contracts.Actor{UserID: actor}, ProjectID: c.ProjectID, TaskID: nullable(c.TaskID), CommentID: c.ID,
		AuthorID: c.AuthorID, Emoji: emoji, OccurredAt: at,
	})
}

// added returns the ids of after that are not in before.
func added(before, after []string) []string {
	var out []string
	for _, id := range after {
		if !containsID(before, id) {
			out = append(out, id)
		}
	}
	return out
}

func containsID(ids []string, id string) bool {
	for _, v := range ids {
		if v == id {
			return true
		}
	}
	return false
}

func nullable(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

func nonNil(ids []string) []string {
	if ids == nil {
		return []string{}
	}
	return ids
}
