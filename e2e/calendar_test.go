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
