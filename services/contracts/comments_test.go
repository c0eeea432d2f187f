package contracts

import (
	"encoding/json"
	"strings"
	"testing"
	"time"
)

func TestCommentPayloadsMatchTheirSchemas(t *testing.T) {
	t.Parallel()
	v, err := NewValidator()
	if err != nil {
		t.Fatal(err)
	}
	actor := Actor{UserID: "0195f3c2-7a3e-7c1e-9d9a-0f2c7a1b2c3d"}
	project, task, comment := "0195f3c2-7a3e-7c1e-9d9a-0f2c7a1b2c3e", "0195f3c2-7a3e-7c1e-9d9a-0f2c7a1b2c3f", "0195f3c2-7a3e-7c1e-9d9a-0f2c7a1b2c40"
	now := time.Date(2026, 12, 5, 12, 0, 0, 0, time.UTC)
	c := Comment{ID: comment, ProjectID: project, TaskID: &task, AuthorID: actor.UserID, Body: "Looks good, @grace",
		MentionedUserIDs: []string{"0195f3c2-7a3e-7c1e-9d9a-0f2c7a1b2c41"}, Version: 1, CreatedAt: now}
	thread := c
	thread.TaskID = nil
	noBody := c
	noBody.Body = ""
	tests := []struct {
		name    string
		typ     string
		payload any
		wantErr string
	}{
		{"created-on-task", EventCommentCreated, CommentCreated{Actor: actor, ProjectID: project, TaskID: &task, CommentID: comment, Comment: c, OccurredAt: now}, ""},
		{"created-in-thread", EventCommentCreated, CommentCreated{Actor: actor, ProjectID: project, CommentID: comment, Comment: thread, OccurredAt: now}, ""},
		{"created-empty-body", EventCommentCreated, CommentCreated{Actor: actor, ProjectID: project, TaskID: &task, CommentID: comment, Comment: noBody, OccurredAt: now}, "body"},
		{"updated", EventCommentUpdated, CommentUpdated{Actor: actor, ProjectID: project, TaskID: &task, CommentID: comment, Comment: c,
			PreviousBody: "Looks good", NewMentionedUserIDs: c.MentionedUserIDs, OccurredAt: now}, ""},
		{"deleted", EventCommentDeleted, CommentDeleted{Actor: actor, ProjectID: project, TaskID: &task, CommentID: comment, AuthorID: actor.UserID, OccurredAt: now}, ""},
		{"reaction-added", EventCommentReactionAdded, CommentReaction{Actor: actor, ProjectID: project, CommentID: comment, AuthorID: actor.UserID, Emoji: "👍", OccurredAt: now}, ""},
		{"reaction-no-emoji", EventCommentReactionRemoved, CommentReaction{Actor: actor, ProjectID: project, CommentID: comment, AuthorID: actor.UserID, OccurredAt: now}, "emoji"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			raw, _ := json.Marshal(tc.payload)
			err := v.Validate(tc.typ, raw)
			if tc.wantErr == "" && err != nil {
				t.Fatalf("valid payload rejected: %v", err)
			}
			if tc.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tc.wantErr)) {
				t.Fatalf("want error about %q, got %v", tc.wantErr, err)
			}
		})
	}
}
