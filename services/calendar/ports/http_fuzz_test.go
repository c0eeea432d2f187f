package ports_test

import (
	"net/http"
	"testing"

	"github.com/taskrocket/taskrocket/services/platform/apitest"
)

// FuzzCalendarAPI sends arbitrary methods, paths, queries and bodies to
// every route of the service (meetings, recurring tasks, reminders, feed
// tokens, the range query, the feed): no answer may be a server error, and
// every refusal has the error shape. The seed corpus is in
// testdata/fuzz/FuzzCalendarAPI; `make fuzz` explores further.
func FuzzCalendarAPI(f *testing.F) {
	e := newEnv(f)
	owner, other := e.user(), e.user()
	project := e.projects.project(owner.ID, other.ID)
	meeting := e.api.Must(f, http.StatusCreated, req{Method: "POST", Path: "/api/v1/calendar/meetings", Token: owner.Token,
		Body: map[string]any{"projectId": project, "title": "Fuzzed", "start": "2026-03-02T09:00", "end": "2026-03-02T10:00",
			"timezone": "Europe/Warsaw", "attendeeIds": []string{other.ID}}}).JSON(f)
	series := e.api.Must(f, http.StatusCreated, req{Method: "POST", Path: "/api/v1/calendar/series", Token: owner.Token,
		Body: map[string]any{"projectId": project, "title": "Fuzzed", "start": "2026-03-02T09:00", "timezone": "UTC", "preset": "daily"}}).JSON(f)
	fz := apitest.FuzzEnv{Handler: e.api.Engine, Token: owner.Token, AppToken: appToken, Vars: map[string]string{
		"{project}": project, "{meeting}": meeting["id"].(string), "{series}": series["id"].(string), "{user}": owner.ID, "{other}": other.ID,
	}}
	f.Fuzz(func(t *testing.T, method uint8, target string, body []byte, auth uint8) {
		fz.Serve(t, method, target, body, auth)
	})
}
