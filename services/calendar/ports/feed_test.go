package ports_test

import (
	"bytes"
	"net/http"
	"strings"
	"testing"

	goical "github.com/emersion/go-ical"
)

// TestFeedTokens: a feed URL opens the owner's calendar without a bearer
// token, read back by an iCalendar library; another user cannot revoke
// it; a revoked or regenerated token answers 404.
func TestFeedTokens(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ada, eve := e.user(), e.user()
	project := e.projects.project(ada.ID)
	e.must(http.StatusCreated, req{Method: "POST", Path: "/api/v1/calendar/meetings", Token: ada.Token, Body: map[string]any{
		"projectId": project, "title": "Planning; Q2, \"big\"", "start": "2026-03-10T14:00", "end": "2026-03-10T15:30", "timezone": "Europe/Warsaw",
	}})
	e.must(http.StatusCreated, req{Method: "POST", Path: "/api/v1/calendar/series", Token: ada.Token, Body: map[string]any{
		"projectId": project, "title": "Backup", "start": "2026-03-06T18:00", "timezone": "UTC", "rrule": "FREQ=WEEKLY;COUNT=3",
	}})
	ft := e.must(http.StatusCreated, req{Method: "POST", Path: "/api/v1/calendar/feed-tokens", Token: ada.Token, Body: map[string]any{"name": "Phone"}}).JSON(t)
	url := ft["url"].(string)
	if !strings.HasPrefix(url, "/api/v1/calendar/feed/trcal_") || !strings.HasSuffix(url, ".ics") {
		t.Fatalf("feed url %q", url)
	}
	e.must(http.StatusCreated, req{Method: "POST", Path: "/api/v1/calendar/feed-tokens", Token: ada.Token}) // no body

	res := e.must(http.StatusOK, req{Method: "GET", Path: url})
	if ct := res.Header.Get("Content-Type"); ct != "text/calendar; charset=utf-8" {
		t.Errorf("content type %q", ct)
	}
	cal, err := goical.NewDecoder(bytes.NewReader(res.Body)).Decode()
	if err != nil {
		t.Fatal(err)
	}
	if ev := cal.Events(); len(ev) != 1 {
		t.Errorf("%d events", len(ev))
	} else if s, _ := ev[0].Props.Text(goical.PropSummary); s != "Planning; Q2, \"big\"" {
		t.Errorf("summary %q", s)
	}
	todos := 0
	for _, c := range cal.Children {
		if c.Name == goical.CompToDo {
			todos++
		}
	}
	if todos != 3 {
		t.Errorf("%d to-dos, want 3", todos)
	}

	list := e.must(http.StatusOK, req{Method: "GET", Path: "/api/v1/calendar/feed-tokens", Token: ada.Token}).JSON(t)
	if items := list["items"].([]any); len(items) != 2 || items[0].(map[string]any)["token"] != nil {
		t.Errorf("tokens %v", list)
	}
	tokenPath := "/api/v1/calendar/feed-tokens/" + ft["id"].(string)
	e.refuse(http.StatusNotFound, "feed_token_not_found", req{Method: "DELETE", Path: tokenPath, Token: eve.Token})
	e.refuse(http.StatusNotFound, "feed_token_not_found", req{Method: "POST", Path: tokenPath + "/regenerate", Token: eve.Token})
	e.must(http.StatusOK, req{Method: "GET", Path: url})

	fresh := e.must(http.StatusCreated, req{Method: "POST", Path: tokenPath + "/regenerate", Token: ada.Token}).JSON(t)
	if fresh["name"] != "Phone" || fresh["url"] == url {
		t.Errorf("regenerated %v", fresh)
	}
	e.refuse(http.StatusNotFound, "feed_not_found", req{Method: "GET", Path: url})
	e.must(http.StatusOK, req{Method: "GET", Path: fresh["url"].(string)})
	e.must(http.StatusNoContent, req{Method: "DELETE", Path: "/api/v1/calendar/feed-tokens/" + fresh["id"].(string), Token: ada.Token})
	e.refuse(http.StatusNotFound, "feed_not_found", req{Method: "GET", Path: fresh["url"].(string)})
	e.refuse(http.StatusNotFound, "feed_not_found", req{Method: "GET", Path: "/api/v1/calendar/feed/whatever"})
}

// TestCalendarRange: the week of a user merges their meetings and their
// projects' recurring tasks; narrowed to a project they are not in: 404.
func TestCalendarRange(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ada, grace, eve := e.user(), e.user(), e.user()
	project, other := e.projects.project(ada.ID, grace.ID), e.projects.project(eve.ID)
	m := e.must(http.StatusCreated, req{Method: "POST", Path: "/api/v1/calendar/meetings", Token: ada.Token, Body: map[string]any{
		"projectId": project, "title": "Retro", "start": "2026-03-06T16:00", "end": "2026-03-06T17:00", "timezone": "Europe/Warsaw",
		"attendeeIds": []string{grace.ID},
	}}).JSON(t)
	e.must(http.StatusCreated, req{Method: "POST", Path: "/api/v1/calendar/series", Token: ada.Token, Body: map[string]any{
		"projectId": project, "title": "Timesheet", "start": "2026-03-02T17:00", "timezone": "Europe/Warsaw", "preset": "weekly",
	}})
	e.must(http.StatusCreated, req{Method: "POST", Path: "/api/v1/calendar/series", Token: eve.Token, Body: map[string]any{
		"projectId": other, "title": "Eve's", "start": "2026-03-02T17:00", "timezone": "UTC", "preset": "daily",
	}})
	week := "?from=2026-03-02T00:00:00Z&to=2026-03-09T00:00:00Z"
	cal := e.must(http.StatusOK, req{Method: "GET", Path: "/api/v1/calendar" + week, Token: grace.Token}).JSON(t)
	entries := cal["entries"].([]any)
	if len(entries) != 2 {
		t.Fatalf("entries %v", entries)
	}
	first, second := entries[0].(map[string]any), entries[1].(map[string]any)
	if first["kind"] != "task" || first["start"] != "2026-03-02T16:00:00Z" || second["id"] != m["id"] || second["response"] != "needs_action" {
		t.Errorf("entries %v", entries)
	}
	e.must(http.StatusOK, req{Method: "GET", Path: "/api/v1/calendar" + week + "&projectId=" + project, Token: ada.Token})
	e.refuse(http.StatusNotFound, "project_not_found", req{Method: "GET", Path: "/api/v1/calendar" + week + "&projectId=" + project, Token: eve.Token})

	// Reminders: about what the caller may see, their own only.
	r := e.must(http.StatusCreated, req{Method: "POST", Path: "/api/v1/calendar/reminders", Token: grace.Token, Body: map[string]any{
		"kind": "meeting", "targetId": m["id"], "minutesBefore": 10}}).JSON(t)
	e.refuse(http.StatusConflict, "reminder_exists", req{Method: "POST", Path: "/api/v1/calendar/reminders", Token: grace.Token, Body: map[string]any{
		"kind": "meeting", "targetId": m["id"], "minutesBefore": 10}})
	e.refuse(http.StatusNotFound, "meeting_not_found", req{Method: "POST", Path: "/api/v1/calendar/reminders", Token: eve.Token, Body: map[string]any{
		"kind": "meeting", "targetId": m["id"], "minutesBefore": 10}})
	list := e.must(http.StatusOK, req{Method: "GET", Path: "/api/v1/calendar/reminders", Token: grace.Token}).JSON(t)
	if len(list["items"].([]any)) != 1 {
		t.Errorf("reminders %v", list)
	}
	e.refuse(http.StatusNotFound, "reminder_not_found", req{Method: "DELETE", Path: "/api/v1/calendar/reminders/" + r["id"].(string), Token: ada.Token})
	e.must(http.StatusNoContent, req{Method: "DELETE", Path: "/api/v1/calendar/reminders/" + r["id"].(string), Token: grace.Token})
}
