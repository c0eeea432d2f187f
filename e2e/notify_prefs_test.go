package e2e

import (
	"net/http"
	"strings"
	"testing"
	"time"
)

// TestNotificationsDailyDigestAndEmailOff: one who chose a daily digest
// gets one e-mail with everything at the time they chose in their
// timezone, and nothing before; one who turned assignment e-mail off gets
// the notification in the app and no e-mail.
func TestNotificationsDailyDigestAndEmailOff(t *testing.T) {
	t.Parallel()
	ada, bob, cy := newPerson(t, "ada"), newPerson(t, "bob"), newPerson(t, "cy")
	project := newProject(t, ada, "Digest")
	addParticipant(t, ada, project, bob)
	addParticipant(t, ada, project, cy)

	warsaw, _ := time.LoadLocation("Europe/Warsaw") // the accounts' timezone
	at := time.Now().In(warsaw).Add(time.Minute).Format("15:04")
	r := bob.call(t, http.MethodPatch, "/api/v1/notifications/preferences", `{"delivery":"daily","digestTime":"`+at+`"}`)
	expect(t, "daily digest", r, http.StatusOK, "")
	if m := r.json(t); m["timezone"] != "Europe/Warsaw" || m["digestTime"] != at {
		t.Fatalf("preferences %s", r.Body)
	}
	expect(t, "no assignment e-mail", cy.call(t, http.MethodPatch, "/api/v1/notifications/preferences",
		`{"kinds":{"assignment":{"email":false}}}`), http.StatusOK, "")

	newTask(t, ada, project, map[string]any{"title": "Digest one", "assigneeIds": []string{bob.ID, cy.ID}})
	newTask(t, ada, project, map[string]any{"title": "Digest two", "assigneeIds": []string{bob.ID}})
	awaitNote(t, bob, "both in bob's inbox", func(n note) bool { return strings.Contains(n.Title, "Digest two") })
	awaitNote(t, cy, "cy's in-app notification", func(n note) bool { return strings.Contains(n.Title, "Digest one") })
	time.Sleep(2 * time.Second)
	for _, p := range []person{bob, cy} {
		for _, m := range mailsTo(t, p.Email) {
			if strings.Contains(m.Subject, "assigned") {
				t.Fatalf("%s got an e-mail right away: %+v", p.Username, m)
			}
		}
	}

	var digest []mail
	eventually(t, 150*time.Second, "the digest at "+at+" Warsaw time", func() bool {
		digest = nil
		for _, m := range mailsTo(t, bob.Email) {
			if strings.Contains(m.Subject, "digest") {
				digest = append(digest, m)
			}
		}
		return len(digest) > 0
	})
	text, _, headers := mailMessage(t, digest[0].ID)
	// Joining the project, then the two assignments: e-mail by default.
	if len(digest) != 1 || !strings.Contains(digest[0].Subject, "3 notifications") || !strings.Contains(text, "added you to") ||
		!strings.Contains(text, "Digest one") || !strings.Contains(text, "Digest two") || len(headers["List-Unsubscribe"]) != 1 {
		t.Fatalf("digest %+v:\n%s", digest, text)
	}
	if got := mailsTo(t, cy.Email); len(got) != 0 {
		t.Fatalf("cy turned assignment e-mail off and got %+v", got)
	}
}

// TestNotificationsAreTheirOwnersOnly: nobody opens another user's stream
// or inbox, and what they can touch of it answers like nothing.
func TestNotificationsAreTheirOwnersOnly(t *testing.T) {
	t.Parallel()
	ada, bob, eve := newPerson(t, "ada"), newPerson(t, "bob"), newPerson(t, "eve")
	project := newProject(t, ada, "Private")
	addParticipant(t, ada, project, bob)

	for name, p := range map[string]person{"anonymous": {}, "forged": {Token: "eyJhbGciOiJub25lIn0.e30."}} {
		if s := openStream(t, p, ""); s.status != http.StatusUnauthorized {
			t.Errorf("%s stream: HTTP %d", name, s.status)
		}
	}
	if s := openStream(t, bob, "x"); s.status != http.StatusBadRequest {
		t.Errorf("bad Last-Event-ID: HTTP %d", s.status)
	}
	adaLive := openStream(t, ada, "")
	adaLive.next(t, "unread", 10*time.Second)

	task := newTask(t, ada, project, map[string]any{"title": "Secret", "assigneeIds": []string{bob.ID}})
	mine := awaitNote(t, bob, "bob's assignment", func(n note) bool { return n.Reason == "task.assigned" })
	select {
	case ev := <-adaLive.events:
		if ev.Event == "notification" {
			t.Fatalf("ada's stream carried %s", ev.Data)
		}
	case <-time.After(2 * time.Second):
	}
	for _, p := range []person{ada, eve} {
		expect(t, "read another's", p.call(t, http.MethodPost, "/api/v1/notifications/"+mine.ID+"/read", ""), http.StatusNotFound, "notification_not_found")
		if items, _ := inbox(t, p); len(items) != 0 {
			t.Fatalf("%s sees %+v", p.Username, items)
		}
	}
	if _, unread := inbox(t, bob); unread == 0 {
		t.Fatal("another user marked bob's notification read")
	}
	taskID := task["id"].(string)
	expect(t, "eve follows", eve.call(t, http.MethodPut, "/api/v1/tasks/"+taskID+"/followers/me", ""), http.StatusNotFound, "task_not_found")
	expect(t, "eve lists followers", eve.call(t, http.MethodGet, "/api/v1/tasks/"+taskID+"/followers", ""), http.StatusNotFound, "task_not_found")
	expect(t, "eve mutes", eve.call(t, http.MethodPut, "/api/v1/notifications/muted-projects/"+project, ""), http.StatusNotFound, "project_not_found")
	expect(t, "bob follows", bob.call(t, http.MethodGet, "/api/v1/tasks/"+taskID+"/followers/me", ""), http.StatusOK, "")
}
