package ports_test

import (
	"net/http"
	"net/url"
	"sync"
	"testing"
	"time"

	"github.com/taskrocket/taskrocket/services/contracts"
	"github.com/taskrocket/taskrocket/services/platform/events"
)

const retention = 90 * 24 * time.Hour

func TestActivityPerProjectTaskAndActor(t *testing.T) {
	t.Parallel()
	e := newEnv(t, retention)
	ada, grace := e.user(), e.user()
	pid := e.peers.project(ada.ID, grace.ID)
	tid := e.peers.task(pid)
	a := contracts.Actor{UserID: ada.ID}
	e.deliver(contracts.EventTaskCreated, tid, contracts.TaskCreated{Actor: a, ProjectID: pid, TaskID: tid, Task: contracts.Task{ID: tid, Title: "Ship"}})
	e.deliver(contracts.EventTaskUpdated, tid, contracts.TaskUpdated{Actor: contracts.Actor{UserID: grace.ID}, ProjectID: pid, TaskID: tid,
		Changed: []string{"title"}, Task: contracts.Task{ID: tid, Title: "Ship it"}, Previous: map[string]any{"title": "Ship"}})
	e.deliver(contracts.EventProjectUpdated, pid, contracts.ProjectUpdated{Actor: a, ProjectID: pid, Name: "P", Key: "PP", Changed: []string{"name"}})

	proj := e.page(ada, "/api/v1/projects/"+pid+"/activity")
	if len(proj.Items) != 3 || proj.Items[0].Action != "project.updated" || proj.Items[2].Action != "task.created" {
		t.Fatalf("project activity, newest first: %+v", proj.Items)
	}
	hist := e.page(grace, "/api/v1/tasks/"+tid+"/activity")
	if len(hist.Items) != 2 || hist.Items[0].Changes[0].Field != "title" || string(hist.Items[0].Changes[0].Old) != `"Ship"` ||
		string(hist.Items[0].Changes[0].New) != `"Ship it"` || hist.Items[0].ActorID != grace.ID {
		t.Fatalf("task history %+v", hist.Items)
	}
	mine := e.page(ada, "/api/v1/me/activity")
	if len(mine.Items) != 2 || mine.Items[0].ActorID != ada.ID {
		t.Fatalf("my activity %+v", mine.Items)
	}
	// A task without entries yet: its project is asked of the tasks service.
	fresh := e.peers.task(pid)
	if p := e.page(ada, "/api/v1/tasks/"+fresh+"/activity"); len(p.Items) != 0 {
		t.Fatalf("fresh task %+v", p.Items)
	}
}

// A comment's entry names the task it is on, as the task's history last
// named it; a second comment reads the name from the first one's entry.
func TestACommentEntryNamesItsTask(t *testing.T) {
	t.Parallel()
	e := newEnv(t, retention)
	ada := e.user()
	pid := e.peers.project(ada.ID)
	tid := e.peers.task(pid)
	a := contracts.Actor{UserID: ada.ID}
	e.deliver(contracts.EventTaskCreated, tid, contracts.TaskCreated{Actor: a, ProjectID: pid, TaskID: tid, Task: contracts.Task{ID: tid, Title: "Ship"}})
	for _, id := range []string{"c-1", "c-2"} {
		e.deliver(contracts.EventCommentCreated, id, contracts.CommentCreated{Actor: a, ProjectID: pid, TaskID: &tid, CommentID: id,
			Comment: contracts.Comment{ID: id, Body: "hi"}})
	}
	hist := e.page(ada, "/api/v1/tasks/"+tid+"/activity")
	if len(hist.Items) != 3 || hist.Items[0].TaskName != "Ship" || hist.Items[1].TaskName != "Ship" {
		t.Fatalf("task history %+v: want both comments on \"Ship\"", hist.Items)
	}
}

// Events of different topics can arrive in another order than they
// happened: a page shows them as they happened, newest first.
func TestAPageIsInTheOrderEventsHappened(t *testing.T) {
	t.Parallel()
	e := newEnv(t, retention)
	ada := e.user()
	pid := e.peers.project(ada.ID)
	tid := e.peers.task(pid)
	a := contracts.Actor{UserID: ada.ID}
	at := time.Date(2026, 12, 5, 9, 0, 0, 0, time.UTC)
	e.deliver(contracts.EventCommentCreated, "c-1", contracts.CommentCreated{Actor: a, ProjectID: pid, TaskID: &tid, CommentID: "c-1",
		Comment: contracts.Comment{ID: "c-1", Body: "done"}, OccurredAt: at.Add(time.Second)})
	e.deliver(contracts.EventTaskStatusChanged, tid, contracts.TaskStatusChanged{Actor: a, ProjectID: pid, TaskID: tid,
		Title: "T", From: "todo", To: "done", OccurredAt: at})
	hist := e.page(ada, "/api/v1/tasks/"+tid+"/activity")
	if len(hist.Items) != 2 || hist.Items[0].Action != "comment.created" || hist.Items[1].Action != "task.status_changed" {
		t.Fatalf("task history %+v: want the comment (later) first", hist.Items)
	}
}

func TestOnlyMembersReadAProjectsActivity(t *testing.T) {
	t.Parallel()
	e := newEnv(t, retention)
	ada, eve := e.user(), e.user()
	pid := e.peers.project(ada.ID)
	tid := e.peers.task(pid)
	e.deliver(contracts.EventTaskCreated, tid, contracts.TaskCreated{Actor: contracts.Actor{UserID: ada.ID}, ProjectID: pid, TaskID: tid})
	e.api.Refuse(t, http.StatusNotFound, "project_not_found", req{Method: "GET", Path: "/api/v1/projects/" + pid + "/activity", Token: eve.Token})
	e.api.Refuse(t, http.StatusNotFound, "task_not_found", req{Method: "GET", Path: "/api/v1/tasks/" + tid + "/activity", Token: eve.Token})
	e.api.Refuse(t, http.StatusNotFound, "task_not_found", req{Method: "GET", Path: "/api/v1/tasks/" + e.peers.task(pid) + "/activity", Token: eve.Token})
	if p := e.page(eve, "/api/v1/me/activity"); len(p.Items) != 0 {
		t.Fatalf("someone else's actions in my activity: %+v", p.Items)
	}
}

// However often and however concurrently an event is delivered, it makes
// one entry in each of its lists.
func TestARedeliveredEventMakesOneEntry(t *testing.T) {
	t.Parallel()
	e := newEnv(t, retention)
	ada := e.user()
	pid := e.peers.project(ada.ID)
	tid := e.peers.task(pid)
	ev, err := events.New("/tasks", contracts.EventTaskCreated, tid, contracts.TaskCreated{Actor: contracts.Actor{UserID: ada.ID}, ProjectID: pid, TaskID: tid})
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() { e.redeliver(ev) })
	}
	wg.Wait()
	e.redeliver(ev)
	for _, path := range []string{"/api/v1/projects/" + pid + "/activity", "/api/v1/tasks/" + tid + "/activity", "/api/v1/me/activity"} {
		if p := e.page(ada, path); len(p.Items) != 1 || p.Items[0].ID != ev.ID {
			t.Fatalf("%s: %d entries for one event", path, len(p.Items))
		}
	}
}

// A reminder that came is its user's alone: it is in no activity list.
func TestARemindersNoticeIsNotActivity(t *testing.T) {
	t.Parallel()
	e := newEnv(t, retention)
	ada := e.user()
	pid := e.peers.project(ada.ID)
	tid := e.peers.task(pid)
	ev, err := events.New("/calendar", contracts.EventReminderDue, tid, contracts.ReminderDue{ReminderID: tid, UserID: ada.ID,
		Kind: contracts.ReminderTask, TargetID: tid, ProjectID: &pid, TaskID: &tid, Title: "Pay rent", At: time.Now(), Timezone: "UTC",
		OccurredAt: time.Now()})
	if err != nil {
		t.Fatal(err)
	}
	if status := e.redeliver(ev); status != "SUCCESS" {
		t.Fatalf("reminder.due: %s", status)
	}
	for _, path := range []string{"/api/v1/projects/" + pid + "/activity", "/api/v1/tasks/" + tid + "/activity", "/api/v1/me/activity"} {
		if p := e.page(ada, path); len(p.Items) != 0 {
			t.Errorf("%s: %d entries of a reminder", path, len(p.Items))
		}
	}
}

func TestPagesFollowTheCursor(t *testing.T) {
	t.Parallel()
	e := newEnv(t, retention)
	ada := e.user()
	pid := e.peers.project(ada.ID)
	var ids []string
	for range 7 {
		id, _ := e.deliver(contracts.EventProjectArchived, pid, contracts.ProjectArchived{Actor: contracts.Actor{UserID: ada.ID}, ProjectID: pid})
		ids = append(ids, id)
	}
	var got []string
	path := "/api/v1/projects/" + pid + "/activity?limit=3"
	for range 5 {
		p := e.page(ada, path)
		for _, it := range p.Items {
			got = append(got, it.ID)
		}
		if p.NextCursor == "" {
			break
		}
		path = "/api/v1/projects/" + pid + "/activity?limit=3&cursor=" + url.QueryEscape(p.NextCursor)
	}
	if len(got) != 7 || got[0] != ids[6] || got[6] != ids[0] {
		t.Fatalf("walked %v, want %v newest first", got, ids)
	}
	first := e.page(ada, "/api/v1/projects/"+pid+"/activity?limit=3")
	e.api.Refuse(t, http.StatusBadRequest, "invalid_cursor", req{Method: "GET", Path: "/api/v1/me/activity?cursor=" + url.QueryEscape(first.NextCursor), Token: ada.Token})
}

func TestEntriesExpireAfterTheRetentionPeriod(t *testing.T) {
	t.Parallel()
	e := newEnv(t, time.Hour)
	ada := e.user()
	pid := e.peers.project(ada.ID)
	e.deliver(contracts.EventProjectArchived, pid, contracts.ProjectArchived{Actor: contracts.Actor{UserID: ada.ID}, ProjectID: pid})
	e.advance(30 * time.Minute)
	e.deliver(contracts.EventProjectUnarchived, pid, contracts.ProjectUnarchived{Actor: contracts.Actor{UserID: ada.ID}, ProjectID: pid})
	if p := e.page(ada, "/api/v1/projects/"+pid+"/activity"); len(p.Items) != 2 {
		t.Fatalf("%d entries", len(p.Items))
	}
	e.advance(45 * time.Minute)
	if p := e.page(ada, "/api/v1/projects/"+pid+"/activity"); len(p.Items) != 1 || p.Items[0].Action != "project.unarchived" {
		t.Fatalf("after the first expired: %+v", p.Items)
	}
	e.advance(time.Hour)
	if p := e.page(ada, "/api/v1/projects/"+pid+"/activity"); len(p.Items) != 0 {
		t.Fatalf("after both expired: %+v", p.Items)
	}
}

func TestBadInput(t *testing.T) {
	t.Parallel()
	e := newEnv(t, retention)
	ada := e.user()
	pid := e.peers.project(ada.ID)
	before := e.kv.Keys()
	for _, tc := range []struct{ name, path, code string }{
		{"limit-zero", "/api/v1/me/activity?limit=0", "invalid_query"},
		{"limit-too-big", "/api/v1/me/activity?limit=101", "invalid_query"},
		{"limit-not-a-number", "/api/v1/projects/" + pid + "/activity?limit=x", "invalid_query"},
		{"unknown-param", "/api/v1/me/activity?order=asc", "invalid_query"},
		{"forged-cursor", "/api/v1/me/activity?cursor=e30", "invalid_cursor"},
		{"garbage-cursor", "/api/v1/me/activity?cursor=%25%25", "invalid_cursor"},
		{"bad-escape", "/api/v1/me/activity?limit=%zz", "invalid_query"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e.api.Refuse(t, http.StatusBadRequest, tc.code, req{Method: "GET", Path: tc.path, Token: ada.Token})
		})
	}
	e.api.Refuse(t, http.StatusNotFound, "project_not_found", req{Method: "GET", Path: "/api/v1/projects/nope/activity", Token: ada.Token})
	if status := e.redeliverRaw(`{"specversion":"1.0","id":"x","source":"/t","type":"taskrocket.task.created.v1","data":[1]}`); status != "DROP" {
		t.Fatalf("an event whose data is not an object: %s", status)
	}
	if after := e.kv.Keys(); len(after) != len(before) {
		t.Fatalf("refused input wrote %v", after)
	}
}

func (e *env) redeliverRaw(body string) string {
	e.t.Helper()
	res := e.api.Must(e.t, http.StatusOK, req{Method: "POST", Path: "/events/all", AppToken: appToken, Body: body})
	s, _ := res.JSON(e.t)["status"].(string)
	return s
}
