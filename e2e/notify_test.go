package e2e

import (
	"encoding/json"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

// TestNotificationsReachEveryChannel: an assignment reaches the assignee's
// open stream, inbox, mailbox (text and HTML, a link into this stack's
// web app, one-click unsubscribe) and MQTT topic, and never the person who
// made it; a mention outranks "a comment on a task you follow"; the one-
// click link turns that e-mail off and nothing else.
func TestNotificationsReachEveryChannel(t *testing.T) {
	t.Parallel()
	ada, bob, cy := newPerson(t, "ada"), newPerson(t, "bob"), newPerson(t, "cy")
	project := newProject(t, ada, "Launch")
	addParticipant(t, ada, project, bob)
	addParticipant(t, ada, project, cy)

	// Bob was told he was added; he has read it.
	awaitNote(t, bob, "bob hears he was added", func(n note) bool { return n.Reason == "project.member_added" })
	expect(t, "read all", bob.call(t, http.MethodPost, "/api/v1/notifications/read-all", ""), http.StatusOK, "")

	live := openStream(t, bob, "")
	if live.status != http.StatusOK {
		t.Fatalf("stream: HTTP %d", live.status)
	}
	if ev := live.next(t, "unread", 10*time.Second); ev.Data != `{"unreadCount":0}` {
		t.Fatalf("first unread event %q", ev.Data)
	}
	push := subscribePush(t, bob.ID)

	task := newTask(t, ada, project, map[string]any{"title": "Ship the landing page", "assigneeIds": []string{bob.ID}})
	taskID := task["id"].(string)
	ev, got := live.nextNote(t, "task.assigned", 15*time.Second)
	if got.ID != ev.ID || !strings.Contains(got.Title, "Ship the landing page") || got.Path != "/projects/"+project+"/tasks/"+taskID {
		t.Fatalf("streamed %+v (id %s)", got, ev.ID)
	}
	awaitUnread(t, live, 1)

	// E-mail: text and HTML, a link into this stack's web app, one-click
	// unsubscribe.
	var msgs []mail
	// bob also gets the e-mail about joining the project (above).
	assigned := func() []mail {
		var out []mail
		for _, m := range mailsTo(t, bob.Email) {
			if strings.Contains(m.Subject, "assigned you") {
				out = append(out, m)
			}
		}
		return out
	}
	eventually(t, 20*time.Second, "the assignment e-mail", func() bool { msgs = assigned(); return len(msgs) > 0 })
	time.Sleep(time.Second) // a second one would be a duplicate
	if msgs = assigned(); len(msgs) != 1 || !strings.Contains(msgs[0].Subject, "[Launch]") {
		t.Fatalf("assignment mails to bob: %+v", msgs)
	}
	text, html, headers := mailMessage(t, msgs[0].ID)
	link := suite.URL("gateway") + "/projects/" + project + "/tasks/" + taskID
	if !strings.Contains(text, link) || !strings.Contains(html, `href="`+link+`"`) {
		t.Fatalf("no link to %s in\n%s\n%s", link, text, html)
	}
	unsub := headers["List-Unsubscribe"]
	if len(unsub) != 1 || !strings.HasPrefix(unsub[0], "<"+suite.URL("gateway")+"/api/v1/notifications/unsubscribe?token=") ||
		slices.Compare(headers["List-Unsubscribe-Post"], []string{"List-Unsubscribe=One-Click"}) != 0 {
		t.Fatalf("list headers %v", headers)
	}
	if r := do(t, http.MethodGet, suite.URL("gateway")+"/projects/"+project+"/tasks/"+taskID, "", nil); r.Status != http.StatusOK {
		t.Logf("web app at the link answers %d (UI not built?)", r.Status)
	}

	// Push: one message on bob's topic, in ntfy's publish format.
	eventually(t, 15*time.Second, "the assignment push", func() bool { return len(push.all()) > 0 })
	var p struct {
		Topic, Title, Click string
		Notification        struct{ ID, Kind, UserID string }
	}
	if err := json.Unmarshal(push.all()[0], &p); err != nil {
		t.Fatal(err)
	}
	if p.Topic != "taskrocket-"+bob.ID || p.Click != link || p.Notification.ID != got.ID || p.Notification.Kind != "assignment" {
		t.Fatalf("push %s", push.all()[0])
	}

	// Ada made the change: she hears nothing of it.
	if items, unread := inbox(t, ada); len(items) != 0 || unread != 0 {
		t.Fatalf("the actor was notified: %+v", items)
	}

	// A mention outranks "a comment on a task you follow"; cy, who does
	// not follow the task and is not mentioned, hears nothing.
	comment := postComment(t, ada, project, taskID, "@"+bob.Username+" can you check the copy?", bob.ID)
	if _, mention := live.nextNote(t, "comment.mentioned", 15*time.Second); mention.CommentID != comment {
		t.Fatalf("mention %+v", mention)
	}
	// Bob answers: ada follows her task (she created it) and hears of it.
	postComment(t, bob, project, taskID, "Done, looks good.")
	awaitNote(t, ada, "ada hears of bob's comment", func(n note) bool { return n.Reason == "comment.created" })
	time.Sleep(time.Second)
	// cy heard only of joining the project.
	if items, _ := inbox(t, cy); len(items) != 1 || items[0].Reason != "project.member_added" {
		t.Fatalf("cy, who follows nothing, got %+v", items)
	}
	if items, _ := inbox(t, bob); len(items) != 3 {
		t.Fatalf("bob has %d notifications, want joining, the assignment and the mention: %+v", len(items), items)
	}

	// Mark read: the count drops and the stream says so.
	r := bob.call(t, http.MethodPost, "/api/v1/notifications/"+got.ID+"/read", "")
	if r.Status != http.StatusOK || r.json(t)["unreadCount"] != float64(1) {
		t.Fatalf("mark read: %d %s", r.Status, r.Body)
	}
	awaitUnread(t, live, 1)

	// One click on the e-mail's link stops assignment e-mail only.
	r = do(t, http.MethodPost, strings.Trim(unsub[0], "<>"), "List-Unsubscribe=One-Click", map[string]string{"Content-Type": "application/x-www-form-urlencoded"})
	if r.Status != http.StatusOK || r.str(t, "kind") != "assignment" {
		t.Fatalf("one-click unsubscribe: %d %s", r.Status, r.Body)
	}
	newTask(t, ada, project, map[string]any{"title": "Second task", "assigneeIds": []string{bob.ID}})
	awaitNote(t, bob, "the second assignment in the inbox", func(n note) bool { return strings.Contains(n.Title, "Second task") })
	time.Sleep(2 * time.Second)
	for _, m := range mailsTo(t, bob.Email) {
		if strings.Contains(m.Subject, "Second task") {
			t.Fatalf("an assignment e-mail after unsubscribing: %+v", m)
		}
	}
	if len(mailsTo(t, bob.Email)) != 3 { // joining, the assignment, the mention
		t.Fatalf("bob's mails: %+v", mailsTo(t, bob.Email))
	}
}

// awaitUnread reads the stream until it reports count unread.
func awaitUnread(t *testing.T, live *stream, count int) {
	t.Helper()
	want := `{"unreadCount":` + strconv.Itoa(count) + `}`
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		if ev := live.next(t, "unread", time.Until(deadline)); ev.Data == want {
			return
		}
	}
	t.Fatalf("the stream never reported %s", want)
}

// TestNotificationsStreamResumesWithLastEventID: a stream reopened with
// the id of the last event it received sends exactly what was missed, in
// order.
func TestNotificationsStreamResumesWithLastEventID(t *testing.T) {
	t.Parallel()
	ada, bob := newPerson(t, "ada"), newPerson(t, "bob")
	project := newProject(t, ada, "Resume")
	addParticipant(t, ada, project, bob)
	live := openStream(t, bob, "")
	live.next(t, "unread", 10*time.Second)
	newTask(t, ada, project, map[string]any{"title": "One", "assigneeIds": []string{bob.ID}})
	first, _ := live.nextNote(t, "task.assigned", 15*time.Second)
	live.close()

	newTask(t, ada, project, map[string]any{"title": "Two", "assigneeIds": []string{bob.ID}})
	newTask(t, ada, project, map[string]any{"title": "Three", "assigneeIds": []string{bob.ID}})
	awaitNote(t, bob, "the third assignment", func(n note) bool { return strings.Contains(n.Title, "Three") })
	awaitNote(t, bob, "the second assignment", func(n note) bool { return strings.Contains(n.Title, "Two") })

	again := openStream(t, bob, first.ID)
	var titles []string
	last, _ := strconv.Atoi(first.ID)
	for range 2 {
		ev := again.next(t, "notification", 10*time.Second)
		var n note
		_ = json.Unmarshal([]byte(ev.Data), &n)
		id, _ := strconv.Atoi(ev.ID)
		if id <= last {
			t.Fatalf("event %d after %d: sent again or out of order", id, last)
		}
		last = id
		titles = append(titles, n.Title)
	}
	slices.Sort(titles)
	if !strings.Contains(titles[0], "Three") || !strings.Contains(titles[1], "Two") {
		t.Fatalf("resumed with %v", titles)
	}
	select {
	case ev := <-again.events:
		if ev.Event == "notification" {
			t.Fatalf("a fourth notification %s", ev.Data)
		}
	case <-time.After(time.Second):
	}
}
