package domain

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/taskrocket/taskrocket/services/contracts"
)

const (
	ada  = "0195f3c2-7a3e-7c1e-9d9a-0f2c7a1b2c3d"
	proj = "0195f3c2-7a3e-7c1e-9d9a-0f2c7a1b2c3e"
	task = "0195f3c2-7a3e-7c1e-9d9a-0f2c7a1b2c3f"
)

func entryOf(t *testing.T, eventType, subject string, payload any) Entry {
	t.Helper()
	raw, err := json.Marshal(payload)
	if err != nil {
		t.Fatal(err)
	}
	e, err := NewEntry(Event{ID: "ev-1", Type: eventType, Subject: subject, Time: time.Now(), Data: raw})
	if err != nil {
		t.Fatal(err)
	}
	return e
}

func changeString(c Change) string {
	return c.Field + ":" + string(c.Old) + "->" + string(c.New)
}

func TestEntriesSayWhoDidWhatAndWhatChanged(t *testing.T) {
	t.Parallel()
	at := time.Date(2026, 12, 5, 9, 0, 0, 0, time.UTC)
	a := contracts.Actor{UserID: ada}
	due := at.Add(24 * time.Hour)
	tests := []struct {
		name, eventType, subject string
		payload                  any
		action, target, title    string
		indexes                  int
		changes                  []string
	}{
		{"task-updated-with-previous", contracts.EventTaskUpdated, task, contracts.TaskUpdated{Actor: a, ProjectID: proj, TaskID: task,
			Changed: []string{"title", "dueAt"}, Task: contracts.Task{ID: task, Title: "After", DueAt: &due},
			Previous: map[string]any{"title": "Before", "dueAt": nil}, OccurredAt: at},
			"task.updated", "task", "After", 3, []string{`title:"Before"->"After"`, `dueAt:null->"2026-12-06T09:00:00Z"`}},
		{"status-changed", contracts.EventTaskStatusChanged, task, contracts.TaskStatusChanged{Actor: a, ProjectID: proj, TaskID: task,
			Title: "T", From: "todo", To: "done", OccurredAt: at}, "task.status_changed", "task", "T", 3, []string{`status:"todo"->"done"`}},
		{"project-updated", contracts.EventProjectUpdated, proj, contracts.ProjectUpdated{Actor: a, ProjectID: proj, Name: "New",
			Key: "NEW", Changed: []string{"name"}, Previous: map[string]string{"name": "Old"}, OccurredAt: at},
			"project.updated", "project", "New", 2, []string{`name:"Old"->"New"`}},
		{"updated-without-previous", contracts.EventTagUpdated, "tag-1", contracts.TagUpdated{Actor: a, ProjectID: proj, TagID: "tag-1",
			Name: "hot", Color: "#ff0000", Changed: []string{"color"}, OccurredAt: at},
			"tag.updated", "tag", "hot", 2, []string{`color:->"#ff0000"`}},
		{"role-changed", contracts.EventProjectMemberRoleChanged, proj, contracts.ProjectMemberRoleChanged{Actor: a, ProjectID: proj,
			UserID: task, Role: "participant", PreviousRole: "viewer", OccurredAt: at},
			"project.member_role_changed", "project", "", 2, []string{`role:"viewer"->"participant"`}},
		{"comment-edited", contracts.EventCommentUpdated, "c-1", contracts.CommentUpdated{Actor: a, ProjectID: proj, TaskID: ptr(task),
			CommentID: "c-1", Comment: contracts.Comment{ID: "c-1", Body: "new"}, PreviousBody: "old", OccurredAt: at},
			"comment.updated", "comment", "", 3, []string{`body:"old"->"new"`}},
		{"user-deleted-has-no-project", contracts.EventUserDeleted, ada, contracts.UserDeleted{Actor: a, UserID: ada, OccurredAt: at},
			"user.deleted", "user", "", 1, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			e := entryOf(t, tc.eventType, tc.subject, tc.payload)
			if e.Action != tc.action || e.Target.Type != tc.target || e.Target.Name != tc.title || e.ActorID != ada || !e.At.Equal(at) {
				t.Fatalf("entry %+v", e)
			}
			if len(e.Indexes()) != tc.indexes {
				t.Fatalf("indexes %v", e.Indexes())
			}
			if len(e.Changes) != len(tc.changes) {
				t.Fatalf("changes %+v, want %v", e.Changes, tc.changes)
			}
			for i, c := range e.Changes {
				if got := changeString(c); got != tc.changes[i] {
					t.Errorf("change %d = %s, want %s", i, got, tc.changes[i])
				}
			}
		})
	}
}

func TestAMembershipChangeNamesTheMember(t *testing.T) {
	t.Parallel()
	e := entryOf(t, contracts.EventProjectMemberAdded, proj, contracts.ProjectMemberAdded{Actor: contracts.Actor{UserID: ada},
		ProjectID: proj, ProjectName: "Launch", UserID: "bob", Role: "participant", OccurredAt: time.Now()})
	if e.UserID != "bob" || e.Target.Name != "Launch" || e.ActorID != ada {
		t.Fatalf("entry %+v: want the member bob added by ada to Launch", e)
	}
	del := entryOf(t, contracts.EventUserDeleted, ada, contracts.UserDeleted{Actor: contracts.Actor{UserID: ada}, UserID: ada, OccurredAt: time.Now()})
	if del.UserID != "" || del.Target.ID != ada {
		t.Fatalf("entry %+v: a user event's account is its target", del)
	}
}

func TestAnEventTypeAddedLaterIsStillLogged(t *testing.T) {
	t.Parallel()
	e := entryOf(t, "taskrocket.meeting.scheduled.v1", "m-1", map[string]any{"actor": map[string]string{"userId": ada},
		"projectId": proj, "meetingId": "m-1", "title": "Standup"})
	if e.Action != "meeting.scheduled" || e.Target.ID != "m-1" || e.Target.Name != "Standup" || e.ProjectID != proj {
		t.Fatalf("entry %+v", e)
	}
}

func TestDataThatIsNotAnObjectIsRefused(t *testing.T) {
	t.Parallel()
	if _, err := NewEntry(Event{ID: "x", Type: contracts.EventTaskCreated, Data: json.RawMessage(`[1]`)}); err == nil {
		t.Fatal("want an error")
	}
}

func ptr(s string) *string { return &s }
