package ports_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/taskrocket/taskrocket/services/contracts"
	"github.com/taskrocket/taskrocket/services/platform/apitest"
	"github.com/taskrocket/taskrocket/services/platform/events"

	"github.com/taskrocket/taskrocket/services/calendar/ports"
)

func (e *env) deliver(route, eventType string, data any) {
	e.t.Helper()
	ev, err := events.New("/test", eventType, "", data)
	if err != nil {
		e.t.Fatal(err)
	}
	raw, _ := json.Marshal(ev)
	res := e.api.Must(e.t, http.StatusOK, apitest.Request{Method: "POST", Path: route, AppToken: appToken, Body: raw})
	var out struct{ Status string }
	_ = json.Unmarshal(res.Body, &out)
	if out.Status != "SUCCESS" {
		e.t.Fatalf("%s: %s", eventType, res.Body)
	}
}

func (e *env) taskEvent(typ string, task contracts.Task) {
	e.t.Helper()
	e.deliver(ports.RouteTasks, typ, contracts.TaskUpdated{ProjectID: task.ProjectID, TaskID: task.ID, Task: task, OccurredAt: task.UpdatedAt})
}

func newTask(projectID, title string, due time.Time) contracts.Task {
	tz := "Europe/Warsaw"
	return contracts.Task{ID: uuid.Must(uuid.NewV7()).String(), ProjectID: projectID, Title: title, Status: contracts.TaskTodo,
		Priority: contracts.PriorityNone, DueAt: &due, Timezone: &tz, AssigneeIDs: []string{}, TagIDs: []string{},
		Position: "a0", Version: 1, CreatedBy: uuid.NewString(), CreatedAt: start, UpdatedAt: start}
}

// TestTasksFromEvents: tasks announced on the tasks topic show on their
// projects' members' calendars and feeds (with their status; a deleted
// one vanishes); a deleted project takes its recurring tasks, reminders
// and tasks along; a removed member loses their reminders on it.
func TestTasksFromEvents(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ada, grace, eve := e.user(), e.user(), e.user()
	project := e.projects.project(ada.ID, grace.ID)
	e.projects.project(eve.ID)
	report := newTask(project, "Quarterly report", time.Date(2026, 3, 4, 15, 0, 0, 0, time.UTC))
	e.taskEvent(contracts.EventTaskCreated, report)
	report.Status, report.Version = contracts.TaskInProgress, 2
	e.taskEvent(contracts.EventTaskUpdated, report)
	doomed := newTask(project, "Doomed", time.Date(2026, 3, 5, 15, 0, 0, 0, time.UTC))
	e.taskEvent(contracts.EventTaskCreated, doomed)
	e.deliver(ports.RouteTasks, contracts.EventTaskDeleted, contracts.TaskDeleted{ProjectID: project, TaskID: doomed.ID,
		Title: doomed.Title, AssigneeIDs: []string{}, OccurredAt: start})
	e.deliver(ports.RouteTasks, contracts.EventTagCreated, contracts.TagCreated{ProjectID: project, TagID: uuid.NewString(), Name: "x"})
	series := e.must(http.StatusCreated, req{Method: "POST", Path: "/api/v1/calendar/series", Token: ada.Token, Body: map[string]any{
		"projectId": project, "title": "Timesheet", "start": "2026-03-06T17:00", "timezone": "Europe/Warsaw", "preset": "weekly",
	}}).JSON(t)

	week := "/api/v1/calendar?from=2026-03-02T00:00:00Z&to=2026-03-09T00:00:00Z"
	entries := e.must(http.StatusOK, req{Method: "GET", Path: week, Token: grace.Token}).JSON(t)["entries"].([]any)
	if len(entries) != 2 {
		t.Fatalf("entries %v", entries)
	}
	task, projected := entries[0].(map[string]any), entries[1].(map[string]any)
	if task["kind"] != "task" || task["taskId"] != report.ID || task["id"] != report.ID || task["status"] != "in_progress" ||
		task["start"] != "2026-03-04T15:00:00Z" || task["timezone"] != "Europe/Warsaw" || task["seriesId"] != nil || task["projected"] != nil {
		t.Errorf("task entry %v", task)
	}
	if projected["projected"] != true || projected["seriesId"] != series["id"] || projected["taskId"] != nil || projected["status"] != nil {
		t.Errorf("projected entry %v", projected)
	}
	if got := e.must(http.StatusOK, req{Method: "GET", Path: week, Token: eve.Token}).JSON(t)["entries"].([]any); len(got) != 0 {
		t.Errorf("a stranger sees %v", got)
	}

	// The feed has the task as a VTODO.
	ft := e.must(http.StatusCreated, req{Method: "POST", Path: "/api/v1/calendar/feed-tokens", Token: grace.Token}).JSON(t)
	feed := string(e.must(http.StatusOK, req{Method: "GET", Path: ft["url"].(string)}).Body)
	if !strings.Contains(feed, "UID:"+report.ID+"@taskrocket") || !strings.Contains(feed, "SUMMARY:Quarterly report") ||
		strings.Contains(feed, "Doomed") {
		t.Errorf("feed:\n%s", feed)
	}

	// Reminders; grace leaves the project, then it is deleted.
	e.must(http.StatusCreated, req{Method: "POST", Path: "/api/v1/calendar/reminders", Token: grace.Token, Body: map[string]any{
		"kind": "task_series", "targetId": series["id"], "minutesBefore": 30}})
	e.must(http.StatusCreated, req{Method: "POST", Path: "/api/v1/calendar/reminders", Token: ada.Token, Body: map[string]any{
		"kind": "task_series", "targetId": series["id"], "minutesBefore": 30}})
	e.deliver(ports.RouteProjects, contracts.EventProjectMemberRemoved, contracts.ProjectMemberRemoved{ProjectID: project,
		UserID: grace.ID, Reason: contracts.MemberRemovedLeft, ProjectVersion: 3, OccurredAt: start})
	if got := e.must(http.StatusOK, req{Method: "GET", Path: "/api/v1/calendar/reminders", Token: grace.Token}).JSON(t)["items"].([]any); len(got) != 0 {
		t.Errorf("a former member keeps reminders %v", got)
	}
	if got := e.must(http.StatusOK, req{Method: "GET", Path: "/api/v1/calendar/reminders", Token: ada.Token}).JSON(t)["items"].([]any); len(got) != 1 {
		t.Errorf("a member lost reminders: %v", got)
	}
	for range 2 { // redelivered
		e.deliver(ports.RouteProjects, contracts.EventProjectDeleted, contracts.ProjectDeleted{ProjectID: project, Name: "P",
			MemberIDs: []string{ada.ID}, ProjectVersion: 4, OccurredAt: start})
	}
	if rows := e.rows(); rows["task_series"] != 0 || rows["reminders"] != 0 {
		t.Errorf("left behind: %v", rows)
	}
	if _, ok := e.scheduler.scheduled(series["id"].(string)); ok {
		t.Error("the deleted project's series is still scheduled")
	}
	var tasks int64
	e.db.Raw(`SELECT count(*) FROM tasks_view WHERE project_id = ?`, project).Scan(&tasks)
	if tasks != 0 {
		t.Errorf("%d tasks of the deleted project kept", tasks)
	}

	// A malformed event is dropped, not retried.
	ev, _ := events.New("/test", contracts.EventTaskCreated, "", map[string]any{"task": map[string]any{"id": "nope"}})
	raw, _ := json.Marshal(ev)
	res := e.api.Must(t, http.StatusOK, apitest.Request{Method: "POST", Path: ports.RouteTasks, AppToken: appToken, Body: raw})
	if !strings.Contains(string(res.Body), "DROP") {
		t.Errorf("malformed event: %s", res.Body)
	}
}

// TestReminderThroughTheActor: a reminder on a task (known from its
// event) is scheduled as the Reminder actor's reminder; its callback,
// delivered twice, stores one reminder.due for publication; the user
// snoozes it and the snooze's callback stores one more.
func TestReminderThroughTheActor(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ada := e.user()
	project := e.projects.project(ada.ID)
	task := newTask(project, "Pay rent", start.Add(26*time.Hour))
	e.taskEvent(contracts.EventTaskCreated, task)
	r := e.must(http.StatusCreated, req{Method: "POST", Path: "/api/v1/calendar/reminders", Token: ada.Token, Body: map[string]any{
		"kind": "task", "targetId": task.ID, "minutesBefore": 1440}}).JSON(t)
	if r["nextAt"] != "2026-03-01T10:00:00Z" || r["atTime"] != nil || r["lastAt"] != nil {
		t.Errorf("reminder %v", r)
	}
	id := r["id"].(string)
	cfg := e.must(http.StatusOK, req{Method: "GET", Path: "/dapr/config", AppToken: appToken}).JSON(t)
	if !strings.Contains(fmt.Sprint(cfg["entities"]), "Reminder") {
		t.Errorf("actor types %v", cfg["entities"])
	}
	e.refuse(http.StatusConflict, "reminder_not_delivered", req{Method: "POST", Path: "/api/v1/calendar/reminders/" + id + "/snooze",
		Token: ada.Token, Body: map[string]any{"minutes": 10}})

	e.clock.Advance(2 * time.Hour)
	for range 2 {
		e.must(http.StatusOK, req{Method: "PUT", Path: "/actors/Reminder/" + id + "/method/remind/next", AppToken: appToken, Body: map[string]any{}})
	}
	var count int64
	e.db.Raw(`SELECT count(*) FROM outbox_events WHERE event_type = ? AND topic = 'calendar'`, contracts.EventReminderDue).Scan(&count)
	if count != 1 {
		t.Fatalf("%d reminder.due stored, want 1", count)
	}
	s := e.must(http.StatusOK, req{Method: "POST", Path: "/api/v1/calendar/reminders/" + id + "/snooze", Token: ada.Token,
		Body: map[string]any{"minutes": 15}}).JSON(t)
	if s["snoozedUntil"] != "2026-03-01T10:15:00Z" || s["lastAt"] != "2026-03-02T10:00:00Z" {
		t.Errorf("snoozed %v", s)
	}
	e.clock.Advance(15 * time.Minute)
	for range 2 {
		e.must(http.StatusOK, req{Method: "PUT", Path: "/actors/Reminder/" + id + "/method/remind/snooze", AppToken: appToken, Body: map[string]any{}})
	}
	e.db.Raw(`SELECT count(*) FROM outbox_events WHERE event_type = ?`, contracts.EventReminderDue).Scan(&count)
	if count != 2 {
		t.Errorf("%d reminder.due stored after the snooze, want 2", count)
	}
	list := e.must(http.StatusOK, req{Method: "GET", Path: "/api/v1/calendar/reminders?kind=task&targetId=" + task.ID, Token: ada.Token}).JSON(t)
	if items := list["items"].([]any); len(items) != 1 || items[0].(map[string]any)["snoozedUntil"] != nil {
		t.Errorf("reminders of the task %v", list)
	}
}
