package e2e

import (
	"encoding/json"
	"net/http"
	"net/url"
	"slices"
	"testing"
	"time"

	"github.com/taskrocket/taskrocket/services/contracts"
)

// What the services really publish, as a subscriber of their topics
// receives it: the probe app reads the product's topics with its own
// consumer group and records every CloudEvent.

// evCaptured is a product event as the probe received it.
type evCaptured struct {
	ID              string          `json:"id"`
	SpecVersion     string          `json:"specversion"`
	Source          string          `json:"source"`
	Type            string          `json:"type"`
	Subject         string          `json:"subject"`
	Time            string          `json:"time"`
	DataContentType string          `json:"datacontenttype"`
	DataSchema      string          `json:"dataschema"`
	Topic           string          `json:"topic"`
	PubSubName      string          `json:"pubsubname"`
	Data            json.RawMessage `json:"data"`
}

// evList returns the captured events of a type about a subject ("" for
// any).
func evList(t *testing.T, eventType, subject string) []evCaptured {
	t.Helper()
	q := url.Values{}
	if eventType != "" {
		q.Set("type", eventType)
	}
	if subject != "" {
		q.Set("subject", subject)
	}
	r := do(t, http.MethodGet, suite.URL("probe")+"/captured?"+q.Encode(), "", nil)
	if r.Status != http.StatusOK {
		t.Fatalf("captured events: %d %s", r.Status, r.Body)
	}
	var doc struct {
		Items []evCaptured `json:"items"`
	}
	if err := json.Unmarshal(r.Body, &doc); err != nil {
		t.Fatalf("captured events: %v", err)
	}
	return doc.Items
}

// evSources is the CloudEvent source of each topic's publisher.
var evSources = map[string]string{
	contracts.TopicProjects:    "/projects",
	contracts.TopicTasks:       "/tasks",
	contracts.TopicInvitations: "/invitations",
	contracts.TopicUsers:       "/users",
	contracts.TopicSessions:    "/auth",
	contracts.TopicComments:    "/collaboration",
}

// evUnreachable are registered event types that no request to the API can
// cause, with the reason.
var evUnreachable = map[string]string{
	contracts.EventProjectMemberRoleChanged: "a role can change only between participant and participant: " +
		"owner and participant are the only roles, and the owner role moves only by transfer (use_transfer)",
}

// evCheck validates one captured event: its data against the schema of
// its type, and the CloudEvent attributes every consumer relies on.
func evCheck(t *testing.T, v *contracts.Validator, ev evCaptured) {
	t.Helper()
	var spec *contracts.EventSpec
	for _, s := range contracts.Events() {
		if s.Type == ev.Type {
			spec = &s
			break
		}
	}
	if spec == nil {
		t.Errorf("event %s on topic %s has an unregistered type %q", ev.ID, ev.Topic, ev.Type)
		return
	}
	if err := v.Validate(ev.Type, ev.Data); err != nil {
		t.Errorf("event %s (subject %s): %v\ndata: %s", ev.ID, ev.Subject, err, ev.Data)
	}
	if ev.Topic != spec.Topic {
		t.Errorf("%s published on topic %q, want %q", ev.Type, ev.Topic, spec.Topic)
	}
	if ev.Source != evSources[spec.Topic] {
		t.Errorf("%s has source %q, want %q", ev.Type, ev.Source, evSources[spec.Topic])
	}
	if ev.SpecVersion != "1.0" || ev.ID == "" || ev.Subject == "" || ev.DataContentType != "application/json" {
		t.Errorf("%s: CloudEvent attributes specversion %q id %q subject %q datacontenttype %q",
			ev.Type, ev.SpecVersion, ev.ID, ev.Subject, ev.DataContentType)
	}
	if ev.DataSchema != "" && ev.DataSchema != contracts.SchemaURL(ev.Type) {
		t.Errorf("%s: dataschema %q, want %q", ev.Type, ev.DataSchema, contracts.SchemaURL(ev.Type))
	}
	if tm, err := time.Parse(time.RFC3339Nano, ev.Time); err != nil || time.Since(tm) > time.Hour || time.Until(tm) > time.Minute {
		t.Errorf("%s: time %q", ev.Type, ev.Time)
	}
}

func TestPublishedEvents(t *testing.T) {
	t.Parallel()
	v, err := contracts.NewValidator()
	if err != nil {
		t.Fatal(err)
	}
	owner, part, third := newPerson(t, "evowner"), newPerson(t, "evpart"), newPerson(t, "evthird")

	// want lists every change made below: the event type, its subject, and
	// what its data must say beyond the schema.
	type want struct {
		eventType, subject string
		data               map[string]any
	}
	var wants []want
	add := func(eventType, subject string, data map[string]any) {
		wants = append(wants, want{eventType, subject, data})
	}

	// Projects.
	pid := newProject(t, owner, "Events")
	add(contracts.EventProjectCreated, pid, map[string]any{"projectId": pid, "ownerId": owner.ID, "name": "Events"})
	expect(t, "update", owner.call(t, http.MethodPatch, "/api/v1/projects/"+pid, `{"name":"Events 2","color":"#00aa00"}`), http.StatusOK, "")
	add(contracts.EventProjectUpdated, pid, map[string]any{"projectId": pid, "name": "Events 2", "color": "#00aa00"})
	addParticipant(t, owner, pid, part)
	add(contracts.EventProjectMemberAdded, pid, map[string]any{"projectId": pid, "userId": part.ID, "role": "participant"})
	addParticipant(t, owner, pid, third)
	expect(t, "remove", owner.call(t, http.MethodDelete, "/api/v1/projects/"+pid+"/members/"+third.ID, ""), http.StatusNoContent, "")
	add(contracts.EventProjectMemberRemoved, pid, map[string]any{"projectId": pid, "userId": third.ID, "reason": contracts.MemberRemovedByOwner})
	expect(t, "transfer", owner.call(t, http.MethodPost, "/api/v1/projects/"+pid+"/transfer", jsonBody(t, map[string]any{"userId": part.ID})), http.StatusOK, "")
	add(contracts.EventProjectOwnershipTransferred, pid, map[string]any{"projectId": pid, "previousOwnerId": owner.ID, "newOwnerId": part.ID})
	expect(t, "transfer back", part.call(t, http.MethodPost, "/api/v1/projects/"+pid+"/transfer", jsonBody(t, map[string]any{"userId": owner.ID})), http.StatusOK, "")
	expect(t, "same role", owner.call(t, http.MethodPatch, "/api/v1/projects/"+pid+"/members/"+part.ID, `{"role":"participant"}`), http.StatusOK, "")
	expect(t, "archive", owner.call(t, http.MethodPost, "/api/v1/projects/"+pid+"/archive", ""), http.StatusOK, "")
	add(contracts.EventProjectArchived, pid, map[string]any{"projectId": pid})
	expect(t, "unarchive", owner.call(t, http.MethodPost, "/api/v1/projects/"+pid+"/unarchive", ""), http.StatusOK, "")
	add(contracts.EventProjectUnarchived, pid, map[string]any{"projectId": pid})

	// Categories, tags and tasks.
	cat := flowLabel(t, owner, pid, "categories", "Research")
	add(contracts.EventCategoryCreated, cat, map[string]any{"projectId": pid, "categoryId": cat, "name": "Research"})
	expect(t, "rename category", owner.call(t, http.MethodPatch, "/api/v1/projects/"+pid+"/categories/"+cat, `{"name":"R&D"}`), http.StatusOK, "")
	add(contracts.EventCategoryUpdated, cat, map[string]any{"categoryId": cat, "name": "R&D"})
	tag := flowLabel(t, part, pid, "tags", "hot")
	add(contracts.EventTagCreated, tag, map[string]any{"projectId": pid, "tagId": tag, "name": "hot"})
	expect(t, "recolour tag", part.call(t, http.MethodPatch, "/api/v1/projects/"+pid+"/tags/"+tag, `{"color":"#FF0000"}`), http.StatusOK, "")
	add(contracts.EventTagUpdated, tag, map[string]any{"tagId": tag, "color": "#ff0000"})

	task := newTask(t, owner, pid, map[string]any{"title": "Measure", "assigneeIds": []string{part.ID},
		"categoryId": cat, "tagIds": []string{tag}, "dueAt": "2030-01-01T09:00:00+02:00", "timezone": "Europe/Helsinki"})
	tid := task["id"].(string)
	add(contracts.EventTaskCreated, tid, map[string]any{"projectId": pid, "taskId": tid})
	add(contracts.EventTaskAssigned, tid, map[string]any{"taskId": tid, "userId": part.ID})
	expect(t, "retitle", owner.call(t, http.MethodPatch, "/api/v1/tasks/"+tid, `{"title":"Measure twice"}`), http.StatusOK, "")
	add(contracts.EventTaskUpdated, tid, map[string]any{"taskId": tid})
	expect(t, "start", part.call(t, http.MethodPatch, "/api/v1/tasks/"+tid, `{"status":"in_progress"}`), http.StatusOK, "")
	add(contracts.EventTaskStatusChanged, tid, map[string]any{"taskId": tid, "from": "todo", "to": "in_progress"})
	expect(t, "unassign", owner.call(t, http.MethodPatch, "/api/v1/tasks/"+tid, `{"assigneeIds":[]}`), http.StatusOK, "")
	add(contracts.EventTaskUnassigned, tid, map[string]any{"taskId": tid, "userId": part.ID, "reason": contracts.UnassignedByEdit})
	expect(t, "delete category", owner.call(t, http.MethodDelete, "/api/v1/projects/"+pid+"/categories/"+cat, ""), http.StatusNoContent, "")
	add(contracts.EventCategoryDeleted, cat, map[string]any{"categoryId": cat, "detachedTasks": float64(1)})
	expect(t, "delete tag", owner.call(t, http.MethodDelete, "/api/v1/projects/"+pid+"/tags/"+tag, ""), http.StatusNoContent, "")
	add(contracts.EventTagDeleted, tag, map[string]any{"tagId": tag, "detachedTasks": float64(1)})
	sub := newTask(t, part, pid, map[string]any{"title": "Sub", "parentId": tid})
	expect(t, "delete task", owner.call(t, http.MethodDelete, "/api/v1/tasks/"+tid, ""), http.StatusNoContent, "")
	add(contracts.EventTaskDeleted, tid, map[string]any{"taskId": tid, "parentId": nil})
	add(contracts.EventTaskDeleted, sub["id"].(string), map[string]any{"taskId": sub["id"], "parentId": tid})

	// Invitations.
	alice, bob, carol, dave := newPerson(t, "evalice"), newPerson(t, "evbob"), newPerson(t, "evcarol"), newPerson(t, "evdave")
	accepted := flowInvite(t, owner, pid, map[string]any{"username": alice.Username, "message": "Welcome"})["id"].(string)
	add(contracts.EventInvitationSent, accepted, map[string]any{"invitationId": accepted, "projectId": pid, "role": "participant", "message": "Welcome"})
	expect(t, "accept", alice.call(t, http.MethodPost, "/api/v1/invitations/"+accepted+"/accept", ""), http.StatusOK, "")
	add(contracts.EventInvitationAccepted, accepted, map[string]any{"invitationId": accepted, "invitedBy": owner.ID})
	add(contracts.EventProjectMemberAdded, pid, map[string]any{"userId": alice.ID, "invitationId": accepted})
	rejected := flowInvite(t, owner, pid, map[string]any{"username": bob.Username})["id"].(string)
	expect(t, "reject", bob.call(t, http.MethodPost, "/api/v1/invitations/"+rejected+"/reject", ""), http.StatusOK, "")
	add(contracts.EventInvitationRejected, rejected, map[string]any{"invitationId": rejected})
	cancelled := flowInvite(t, owner, pid, map[string]any{"email": carol.Email})["id"].(string)
	expect(t, "cancel", owner.call(t, http.MethodDelete, "/api/v1/projects/"+pid+"/invitations/"+cancelled, ""), http.StatusNoContent, "")
	add(contracts.EventInvitationCancelled, cancelled, map[string]any{"invitationId": cancelled, "reason": contracts.CancelledByOwner})
	expired := flowInvite(t, owner, pid, map[string]any{"username": dave.Username})["id"].(string)
	flowExpire(t, expired)
	expect(t, "accept expired", dave.call(t, http.MethodPost, "/api/v1/invitations/"+expired+"/accept", ""), http.StatusGone, "invitation_expired")
	add(contracts.EventInvitationExpired, expired, map[string]any{"invitationId": expired, "invitedBy": owner.ID})

	// A deleted project, with a pending invitation.
	doomed := newProject(t, owner, "Doomed")
	addParticipant(t, owner, doomed, part)
	pending := flowInvite(t, owner, doomed, map[string]any{"username": carol.Username})["id"].(string)
	left := newTask(t, owner, doomed, map[string]any{"title": "Left behind", "assigneeIds": []string{part.ID}})["id"].(string)
	expect(t, "leave", part.call(t, http.MethodPost, "/api/v1/projects/"+doomed+"/leave", ""), http.StatusNoContent, "")
	add(contracts.EventProjectMemberRemoved, doomed, map[string]any{"userId": part.ID, "reason": contracts.MemberRemovedLeft})
	add(contracts.EventTaskUnassigned, left, map[string]any{"userId": part.ID, "reason": contracts.UnassignedMemberRemoved})
	expect(t, "delete project", owner.call(t, http.MethodDelete, "/api/v1/projects/"+doomed, ""), http.StatusNoContent, "")
	add(contracts.EventProjectDeleted, doomed, map[string]any{"projectId": doomed, "name": "Doomed"})
	add(contracts.EventInvitationCancelled, pending, map[string]any{"invitationId": pending, "projectId": doomed, "reason": contracts.CancelledProjectDeleted})

	// Sessions: a log out, and a password change that keeps the login
	// that made it.
	acct := newPerson(t, "evsessions")
	other, r := acct.account.logIn(t, acct.Username)
	expect(t, "log in again", r, http.StatusOK, "")
	expect(t, "log out", do(t, http.MethodPost, suite.URL("gateway")+"/api/v1/auth/logout", "", bearer(other.Access)), http.StatusNoContent, "")
	add(contracts.EventSessionRevoked, other.Session, map[string]any{"sessionId": other.Session, "userId": acct.ID, "reason": "logout"})
	expect(t, "change the password", acct.call(t, http.MethodPost, "/api/v1/me/password",
		jsonBody(t, map[string]any{"currentPassword": acct.Password, "newPassword": "a different battery staple"})), http.StatusNoContent, "")
	add(contracts.EventUserSessionsRevoked, acct.ID, map[string]any{"userId": acct.ID, "reason": "password_changed"})

	for _, w := range wants {
		var got []evCaptured
		eventually(t, 30*time.Second, w.eventType+" about "+w.subject, func() bool {
			got = evList(t, w.eventType, w.subject)
			for _, ev := range got {
				var data map[string]any
				if json.Unmarshal(ev.Data, &data) != nil {
					continue
				}
				matches := true
				for k, v := range w.data {
					if data[k] != v {
						matches = false
					}
				}
				if matches {
					return true
				}
			}
			return false
		})
		for _, ev := range got {
			evCheck(t, v, ev)
		}
	}

	// Every registered event type of the core domain was published at
	// least once, and everything published matches its schema.
	all := evList(t, "", "")
	seen := map[string]bool{}
	for _, ev := range all {
		seen[ev.Type] = true
		evCheck(t, v, ev)
	}
	t.Logf("validated %d captured events of %d types", len(all), len(seen))
	core := []string{contracts.TopicProjects, contracts.TopicTasks, contracts.TopicInvitations, contracts.TopicSessions}
	for _, spec := range contracts.Events() {
		if !slices.Contains(core, spec.Topic) {
			continue
		}
		reason, unreachable := evUnreachable[spec.Type]
		switch {
		case unreachable && seen[spec.Type]:
			t.Errorf("%s was published, though it was thought unreachable (%s)", spec.Type, reason)
		case unreachable:
			t.Logf("%s not exercised: %s", spec.Type, reason)
		case !seen[spec.Type]:
			t.Errorf("%s was never published", spec.Type)
		}
	}
	if len(evList(t, contracts.EventProjectMemberRoleChanged, pid)) != 0 {
		t.Error("a role change to the same role announced a change")
	}
}
