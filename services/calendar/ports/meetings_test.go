package ports_test

import (
	"net/http"
	"testing"
)

// TestMeetings: a meeting of a project, seen by its attendees and the
// project's members, answered by attendees, changed and deleted by its
// organizer only; strangers see nothing.
func TestMeetings(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ada, grace, alan, eve := e.user(), e.user(), e.user(), e.user()
	project := e.projects.project(ada.ID, grace.ID, alan.ID)
	body := map[string]any{"projectId": project, "title": "Stand-up", "start": "2026-03-02T09:00", "end": "2026-03-02T09:15",
		"timezone": "Europe/Warsaw", "rrule": "FREQ=WEEKLY;BYDAY=MO,TH", "attendeeIds": []string{grace.ID},
		"link": "https://meet.example.com/standup"}
	m := e.must(http.StatusCreated, req{Method: "POST", Path: "/api/v1/calendar/meetings", Token: ada.Token, Body: body}).JSON(t)
	path := "/api/v1/calendar/meetings/" + m["id"].(string)
	if m["summary"] != "every week on Monday and Thursday" || m["startAt"] != "2026-03-02T08:00:00Z" {
		t.Errorf("meeting %v", m)
	}

	e.must(http.StatusOK, req{Method: "GET", Path: path, Token: grace.Token}) // attendee
	e.must(http.StatusOK, req{Method: "GET", Path: path, Token: alan.Token})  // member of the project
	e.refuse(http.StatusNotFound, "meeting_not_found", req{Method: "GET", Path: path, Token: eve.Token})
	e.refuse(http.StatusNotFound, "meeting_not_found", req{Method: "GET", Path: "/api/v1/calendar/meetings/not-a-uuid", Token: ada.Token})

	got := e.must(http.StatusOK, req{Method: "PUT", Path: path + "/response", Token: grace.Token, Body: map[string]any{"response": "accepted"}}).JSON(t)
	if a := got["attendees"].([]any)[0].(map[string]any); a["response"] != "accepted" {
		t.Errorf("attendee %v", a)
	}
	e.refuse(http.StatusForbidden, "not_invited", req{Method: "PUT", Path: path + "/response", Token: alan.Token, Body: map[string]any{"response": "declined"}})
	e.refuse(http.StatusNotFound, "meeting_not_found", req{Method: "PUT", Path: path + "/response", Token: eve.Token, Body: map[string]any{"response": "declined"}})
	e.refuse(http.StatusBadRequest, "invalid_response", req{Method: "PUT", Path: path + "/response", Token: grace.Token, Body: map[string]any{"response": "maybe"}})

	body["title"], body["attendeeIds"] = "Daily stand-up", []string{grace.ID, alan.ID}
	e.refuse(http.StatusForbidden, "not_organizer", req{Method: "PUT", Path: path, Token: grace.Token, Body: body})
	e.refuse(http.StatusNotFound, "meeting_not_found", req{Method: "PUT", Path: path, Token: eve.Token, Body: body})
	changed := e.must(http.StatusOK, req{Method: "PUT", Path: path, Token: ada.Token, Body: body}).JSON(t)
	if changed["title"] != "Daily stand-up" || len(changed["attendees"].([]any)) != 2 || changed["version"] != 2.0 {
		t.Errorf("changed %v", changed)
	}
	for _, a := range changed["attendees"].([]any) {
		a := a.(map[string]any)
		if a["userId"] == grace.ID && a["response"] != "accepted" {
			t.Errorf("grace's answer was lost: %v", a)
		}
	}

	// Attendees must be members of the project; a meeting outside
	// projects has none.
	body["attendeeIds"] = []string{eve.ID}
	e.refuse(http.StatusBadRequest, "attendee_not_member", req{Method: "POST", Path: "/api/v1/calendar/meetings", Token: ada.Token, Body: body})
	delete(body, "projectId")
	e.refuse(http.StatusBadRequest, "attendee_not_member", req{Method: "POST", Path: "/api/v1/calendar/meetings", Token: ada.Token, Body: body})
	// Only members create meetings in a project.
	body["projectId"], body["attendeeIds"] = project, []string{}
	e.refuse(http.StatusNotFound, "project_not_found", req{Method: "POST", Path: "/api/v1/calendar/meetings", Token: eve.Token, Body: body})

	e.refuse(http.StatusForbidden, "not_organizer", req{Method: "DELETE", Path: path, Token: grace.Token})
	e.refuse(http.StatusNotFound, "meeting_not_found", req{Method: "DELETE", Path: path, Token: eve.Token})
	e.must(http.StatusNoContent, req{Method: "DELETE", Path: path, Token: ada.Token})
	e.refuse(http.StatusNotFound, "meeting_not_found", req{Method: "GET", Path: path, Token: ada.Token})
}
