package e2e

import (
	"net/http"
	"strings"
	"testing"
	"time"
)

// TestCalendarSeries drives the calendar through the gateway and the real
// sidecars: a recurring task due in a few seconds has its occurrence
// created in the tasks service by the series actor's reminder (a copy of
// its task), also after the calendar app and its sidecar were killed and
// started again; a stopped series creates nothing; strangers see nothing,
// bad input is refused, and a feed URL opens without a login until it is
// revoked.
func TestCalendarSeries(t *testing.T) {
	ada, grace, eve := newPerson(t, "cal"), newPerson(t, "cal"), newPerson(t, "cal")
	project := newProject(t, ada, "Calendar")
	addParticipant(t, ada, project, grace)
	source := newTask(t, ada, project, map[string]any{"title": "Water the plants", "description": "All of them",
		"priority": "high", "assigneeIds": []string{grace.ID}})

	series := func(title string, in time.Duration) (id, due string) {
		t.Helper()
		at := time.Now().UTC().Add(in).Truncate(time.Second)
		r := ada.call(t, http.MethodPost, "/api/v1/calendar/series", jsonBody(t, map[string]any{
			"projectId": project, "taskId": source["id"], "title": title, "start": at.Format("2006-01-02T15:04:05"),
			"timezone": "UTC", "preset": "daily"}))
		expect(t, "create series "+title, r, http.StatusCreated, "")
		return r.str(t, "id"), at.Format(time.RFC3339)
	}
	occurrences := func(due string) int {
		r := ada.call(t, http.MethodGet, "/api/v1/projects/"+project+"/tasks?limit=200", "")
		expect(t, "list tasks", r, http.StatusOK, "")
		n := 0
		for _, it := range r.json(t)["items"].([]any) {
			task := it.(map[string]any)
			if task["dueAt"] == due && task["id"] != source["id"] {
				n++
				if task["title"] != "Water the plants" || task["description"] != "All of them" || task["priority"] != "high" {
					t.Errorf("occurrence does not carry the task over: %v", task)
				}
			}
		}
		return n
	}

	first, firstDue := series("first", 3*time.Second)
	stopped, stoppedDue := series("stopped", 6*time.Second)
	expect(t, "stop series", ada.call(t, http.MethodPatch, "/api/v1/calendar/series/"+stopped, `{"status":"stopped"}`), http.StatusOK, "")
	eventually(t, time.Minute, "the first occurrence", func() bool { return occurrences(firstDue) == 1 })

	// Durability: the reminder of a series due while the calendar app and
	// its sidecar are down fires once they are back.
	_, laterDue := series("after restart", 12*time.Second)
	if err := suite.KillWithSidecar("calendar"); err != nil {
		t.Fatal(err)
	}
	time.Sleep(2 * time.Second)
	if err := suite.Restart(t.Context(), "calendar", nil); err != nil {
		t.Fatal(err)
	}
	eventually(t, 2*time.Minute, "the occurrence due during the restart", func() bool { return occurrences(laterDue) == 1 })
	if n := occurrences(stoppedDue); n != 0 {
		t.Errorf("a stopped series created %d tasks", n)
	}
	if n := occurrences(firstDue); n != 1 {
		t.Errorf("%d occurrences of the first series", n)
	}

	// Access: a stranger sees nothing of the project's calendar.
	expect(t, "stranger reads series", eve.call(t, http.MethodGet, "/api/v1/calendar/series/"+first, ""), http.StatusNotFound, "task_series_not_found")
	expect(t, "stranger stops series", eve.call(t, http.MethodPatch, "/api/v1/calendar/series/"+first, `{"status":"stopped"}`),
		http.StatusNotFound, "task_series_not_found")
	week := "from=" + time.Now().UTC().Format(time.RFC3339) + "&to=" + time.Now().UTC().AddDate(0, 0, 7).Format(time.RFC3339)
	expect(t, "stranger reads project calendar", eve.call(t, http.MethodGet, "/api/v1/calendar?"+week+"&projectId="+project, ""),
		http.StatusNotFound, "project_not_found")
	r := grace.call(t, http.MethodGet, "/api/v1/calendar?"+week, "")
	expect(t, "member reads calendar", r, http.StatusOK, "")
	if len(r.json(t)["entries"].([]any)) == 0 {
		t.Errorf("no entries in grace's week: %s", r.Body)
	}
	expect(t, "no login", do(t, http.MethodGet, suite.URL("gateway")+"/api/v1/calendar?"+week, "", nil), http.StatusUnauthorized, "")
	expect(t, "COUNT=0", ada.call(t, http.MethodPost, "/api/v1/calendar/series", jsonBody(t, map[string]any{
		"projectId": project, "title": "x", "start": "2026-03-02T09:00", "timezone": "UTC", "rrule": "FREQ=DAILY;COUNT=0"})),
		http.StatusBadRequest, "invalid_count")
	expect(t, "meeting with a stranger", ada.call(t, http.MethodPost, "/api/v1/calendar/meetings", jsonBody(t, map[string]any{
		"projectId": project, "title": "Review", "start": "2026-03-02T09:00", "end": "2026-03-02T10:00", "timezone": "Europe/Warsaw",
		"attendeeIds": []string{eve.ID}})), http.StatusBadRequest, "attendee_not_member")

	// The feed: public by its token, 404 once revoked.
	ft := ada.call(t, http.MethodPost, "/api/v1/calendar/feed-tokens", `{"name":"phone"}`)
	expect(t, "feed token", ft, http.StatusCreated, "")
	feed := do(t, http.MethodGet, suite.URL("gateway")+ft.str(t, "url"), "", nil)
	expect(t, "open feed", feed, http.StatusOK, "")
	if !strings.HasPrefix(string(feed.Body), "BEGIN:VCALENDAR\r\n") || !strings.Contains(string(feed.Body), "BEGIN:VTODO") {
		t.Errorf("feed %.300s", feed.Body)
	}
	expect(t, "stranger revokes", eve.call(t, http.MethodDelete, "/api/v1/calendar/feed-tokens/"+ft.str(t, "id"), ""), http.StatusNotFound, "feed_token_not_found")
	expect(t, "revoke", ada.call(t, http.MethodDelete, "/api/v1/calendar/feed-tokens/"+ft.str(t, "id"), ""), http.StatusNoContent, "")
	expect(t, "revoked feed", do(t, http.MethodGet, suite.URL("gateway")+ft.str(t, "url"), "", nil), http.StatusNotFound, "feed_not_found")
}

// TestCalendarTasksAndReminders drives, through the gateway and the real
// sidecars, what the calendar learns from the tasks and projects topics
// and what it tells the notifications service: a task with a due date
// shows on its project's members' calendars; a reminder "1 day before" it
// comes once, on time, in the inbox (kind reminder, with its id) and is
// snoozed; an after-completion series moves on when its occurrence is
// completed; a removed member loses their reminders and the project's
// tasks; a deleted project takes its series and reminders along.
func TestCalendarTasksAndReminders(t *testing.T) {
	ada, grace := newPerson(t, "calr"), newPerson(t, "calr")
	project := newProject(t, ada, "Reminders")
	addParticipant(t, ada, project, grace)

	// The task is due a day and a few seconds from now: "1 day before"
	// comes in a few seconds.
	due := time.Now().UTC().Add(24*time.Hour + 8*time.Second).Truncate(time.Second)
	task := newTask(t, ada, project, map[string]any{"title": "Renew the domain", "dueAt": due.Format(time.RFC3339),
		"timezone": "Europe/Warsaw"})
	taskID := task["id"].(string)
	window := "/api/v1/calendar?from=" + time.Now().UTC().Format(time.RFC3339) + "&to=" + time.Now().UTC().AddDate(0, 0, 3).Format(time.RFC3339)
	entryOf := func(p person) map[string]any {
		r := p.call(t, http.MethodGet, window, "")
		expect(t, "calendar", r, http.StatusOK, "")
		for _, e := range r.json(t)["entries"].([]any) {
			if e := e.(map[string]any); e["taskId"] == taskID {
				return e
			}
		}
		return nil
	}
	eventually(t, 30*time.Second, "the task on grace's calendar", func() bool { return entryOf(grace) != nil })
	if e := entryOf(grace); e["kind"] != "task" || e["status"] != "todo" || e["start"] != due.Format(time.RFC3339) ||
		e["timezone"] != "Europe/Warsaw" || e["projected"] != nil {
		t.Errorf("task entry %v", e)
	}

	r := grace.call(t, http.MethodPost, "/api/v1/calendar/reminders", jsonBody(t, map[string]any{
		"kind": "task", "targetId": taskID, "minutesBefore": 1440}))
	expect(t, "reminder", r, http.StatusCreated, "")
	reminder := r.str(t, "id")
	expect(t, "stranger's reminder", newPerson(t, "calr").call(t, http.MethodPost, "/api/v1/calendar/reminders", jsonBody(t, map[string]any{
		"kind": "task", "targetId": taskID, "atTime": "09:00"})), http.StatusNotFound, "task_not_found")
	isReminder := func(n note) bool { return n.Kind == "reminder" && n.ReminderID == reminder }
	n := awaitNote(t, grace, "grace's reminder", isReminder)
	if n.Title == "" || n.Path != "/projects/"+project+"/tasks/"+taskID {
		t.Errorf("reminder notification %+v", n)
	}
	if n := countNotes(t, grace, isReminder); n != 1 {
		t.Errorf("%d notifications of one reminder", n)
	}
	r = grace.call(t, http.MethodPost, "/api/v1/calendar/reminders/"+reminder+"/snooze", `{"minutes":1}`)
	expect(t, "snooze", r, http.StatusOK, "")
	expect(t, "ada snoozes grace's", ada.call(t, http.MethodPost, "/api/v1/calendar/reminders/"+reminder+"/snooze", `{"minutes":1}`),
		http.StatusNotFound, "reminder_not_found")
	eventually(t, 2*time.Minute, "the snoozed reminder again", func() bool { return countNotes(t, grace, isReminder) == 2 })

	// After completion: the occurrence due in a few seconds is created;
	// completing it schedules the next one two days after today.
	start := time.Now().UTC().Add(3 * time.Second).Truncate(time.Second)
	r = ada.call(t, http.MethodPost, "/api/v1/calendar/series", jsonBody(t, map[string]any{"projectId": project, "title": "Back up",
		"start": start.Format("2006-01-02T15:04:05"), "timezone": "UTC", "mode": "after_completion", "every": 2, "unit": "days"}))
	expect(t, "after-completion series", r, http.StatusCreated, "")
	series := r.str(t, "id")
	expect(t, "ada's reminder on the series", ada.call(t, http.MethodPost, "/api/v1/calendar/reminders", jsonBody(t, map[string]any{
		"kind": "task_series", "targetId": series, "minutesBefore": 60})), http.StatusCreated, "")
	var occurrence map[string]any
	eventually(t, time.Minute, "the first occurrence", func() bool {
		r := ada.call(t, http.MethodGet, "/api/v1/projects/"+project+"/tasks?limit=200", "")
		for _, it := range r.json(t)["items"].([]any) {
			if it := it.(map[string]any); it["title"] == "Back up" {
				occurrence = it
				return true
			}
		}
		return false
	})
	// The real task replaces the projected occurrence on the calendar.
	eventually(t, 30*time.Second, "the occurrence as a task of the series", func() bool {
		r := ada.call(t, http.MethodGet, window, "")
		for _, e := range r.json(t)["entries"].([]any) {
			if e := e.(map[string]any); e["seriesId"] == series && e["projected"] == true {
				return false
			} else if e["taskId"] == occurrence["id"] && e["seriesId"] == series {
				return true
			}
		}
		return false
	})
	expect(t, "complete the occurrence", ada.callWith(t, http.MethodPatch, "/api/v1/tasks/"+occurrence["id"].(string), `{"status":"done"}`,
		map[string]string{"If-Match": `"1"`}), http.StatusOK, "")
	next := time.Now().UTC().AddDate(0, 0, 2)
	want := time.Date(next.Year(), next.Month(), next.Day(), start.Hour(), start.Minute(), start.Second(), 0, time.UTC).Format(time.RFC3339)
	eventually(t, 30*time.Second, "the series moved on", func() bool {
		r := ada.call(t, http.MethodGet, "/api/v1/calendar/series/"+series, "")
		return r.json(t)["nextDueAt"] == want
	})

	// Grace leaves: her reminders on the project's items go, and so do
	// its tasks from her calendar.
	expect(t, "remove grace", ada.call(t, http.MethodDelete, "/api/v1/projects/"+project+"/members/"+grace.ID, ""), http.StatusNoContent, "")
	eventually(t, 30*time.Second, "grace's reminders gone", func() bool {
		r := grace.call(t, http.MethodGet, "/api/v1/calendar/reminders", "")
		return len(r.json(t)["items"].([]any)) == 0
	})
	eventually(t, 30*time.Second, "the task gone from grace's calendar", func() bool { return entryOf(grace) == nil })

	// The project is deleted: its series and ada's reminder on it go.
	expect(t, "delete project", ada.call(t, http.MethodDelete, "/api/v1/projects/"+project, ""), http.StatusNoContent, "")
	eventually(t, 30*time.Second, "ada's reminders gone", func() bool {
		r := ada.call(t, http.MethodGet, "/api/v1/calendar/reminders", "")
		return len(r.json(t)["items"].([]any)) == 0
	})
	expect(t, "deleted project's series", ada.call(t, http.MethodGet, "/api/v1/calendar/series/"+series, ""), http.StatusNotFound, "task_series_not_found")
}

func countNotes(t *testing.T, p person, match func(note) bool) int {
	t.Helper()
	items, _ := inbox(t, p)
	n := 0
	for _, it := range items {
		if match(it) {
			n++
		}
	}
	return n
}
