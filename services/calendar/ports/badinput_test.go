package ports_test

import (
	"maps"
	"net/http"
	"testing"
)

// TestBadInputWritesNothing: every malformed meeting, recurring task,
// reminder or feed token answers 4xx with a stable code, and no row is
// written.
func TestBadInputWritesNothing(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ada := e.user()
	project := e.projects.project(ada.ID)
	series := func(change map[string]any) map[string]any {
		b := map[string]any{"projectId": project, "title": "Report", "start": "2026-03-02T09:00", "timezone": "Europe/Warsaw", "rrule": "FREQ=DAILY"}
		maps.Copy(b, change)
		return b
	}
	meeting := func(change map[string]any) map[string]any {
		b := map[string]any{"projectId": project, "title": "Review", "start": "2026-03-02T09:00", "end": "2026-03-02T10:00", "timezone": "Europe/Warsaw"}
		maps.Copy(b, change)
		return b
	}
	cases := []struct {
		name   string
		path   string
		body   any
		status int
		code   string
	}{
		{"series-invalid-rrule", "/series", series(map[string]any{"rrule": "FREQ=SOMETIMES"}), 400, "invalid_rrule"},
		{"series-unsupported-rrule", "/series", series(map[string]any{"rrule": "FREQ=HOURLY"}), 400, "unsupported_rrule"},
		{"series-count-0", "/series", series(map[string]any{"rrule": "FREQ=DAILY;COUNT=0"}), 400, "invalid_count"},
		{"series-unknown-timezone", "/series", series(map[string]any{"timezone": "Mars/Olympus_Mons"}), 400, "unknown_timezone"},
		{"series-until-before-start", "/series", series(map[string]any{"rrule": "FREQ=DAILY;UNTIL=20260101"}), 400, "end_before_start"},
		{"series-10-years-daily", "/series", series(map[string]any{"rrule": "FREQ=DAILY;UNTIL=20370101"}), 400, "series_too_long"},
		{"series-count-too-long", "/series", series(map[string]any{"rrule": "FREQ=DAILY;COUNT=3661"}), 400, "series_too_long"},
		{"series-invalid-start", "/series", series(map[string]any{"start": "tomorrow"}), 400, "invalid_start"},
		{"series-unknown-preset", "/series", series(map[string]any{"rrule": "", "preset": "fortnightly"}), 400, "unknown_preset"},
		{"series-after-completion-0", "/series", series(map[string]any{"rrule": "", "mode": "after_completion", "every": 0, "unit": "days"}), 400, "invalid_after_completion"},
		{"series-no-title", "/series", series(map[string]any{"title": "  "}), 400, "validation_failed"},
		{"series-bad-project", "/series", series(map[string]any{"projectId": "x"}), 400, "validation_failed"},
		{"series-stranger-project", "/series", series(map[string]any{"projectId": e.projects.project()}), 404, "project_not_found"},
		{"series-not-json", "/series", "{", 400, "invalid_json"},
		{"meeting-end-before-start", "/meetings", meeting(map[string]any{"end": "2026-03-02T08:00"}), 400, "validation_failed"},
		{"meeting-unknown-timezone", "/meetings", meeting(map[string]any{"timezone": "Europe/Atlantis"}), 400, "validation_failed"},
		{"meeting-invalid-rrule", "/meetings", meeting(map[string]any{"rrule": "FREQ=WEEKLY;BYDAY=XX"}), 400, "invalid_rrule"},
		{"meeting-count-0", "/meetings", meeting(map[string]any{"rrule": "FREQ=WEEKLY;COUNT=0"}), 400, "invalid_count"},
		{"meeting-bad-link", "/meetings", meeting(map[string]any{"link": "javascript:alert(1)"}), 400, "validation_failed"},
		{"meeting-bad-attendee", "/meetings", meeting(map[string]any{"attendeeIds": []string{"nobody"}}), 400, "validation_failed"},
		{"meeting-wrong-type", "/meetings", meeting(map[string]any{"title": 7}), 400, "invalid_field_type"},
		{"reminder-too-early", "/reminders", map[string]any{"kind": "meeting", "targetId": project, "minutesBefore": 50000}, 400, "invalid_reminder"},
		{"reminder-negative", "/reminders", map[string]any{"kind": "task_series", "targetId": project, "minutesBefore": -1}, 400, "invalid_reminder"},
		{"reminder-unknown-kind", "/reminders", map[string]any{"kind": "birthday", "targetId": project, "minutesBefore": 5}, 400, "invalid_reminder"},
		{"reminder-no-minutes", "/reminders", map[string]any{"kind": "meeting", "targetId": project}, 400, "invalid_reminder"},
		{"reminder-minutes-and-time", "/reminders", map[string]any{"kind": "task", "targetId": project, "minutesBefore": 5, "atTime": "09:00"}, 400, "invalid_reminder"},
		{"reminder-time-of-meeting", "/reminders", map[string]any{"kind": "meeting", "targetId": project, "atTime": "09:00"}, 400, "invalid_reminder"},
		{"reminder-bad-time", "/reminders", map[string]any{"kind": "task", "targetId": project, "atTime": "9 am"}, 400, "invalid_reminder"},
		{"reminder-time-wrong-type", "/reminders", map[string]any{"kind": "task", "targetId": project, "atTime": 9}, 400, "invalid_field_type"},
		{"reminder-unknown-task", "/reminders", map[string]any{"kind": "task", "targetId": project, "minutesBefore": 5}, 404, "task_not_found"},
		{"reminder-bad-task-id", "/reminders", map[string]any{"kind": "task", "targetId": "x", "atTime": "09:00"}, 404, "task_not_found"},
		{"snooze-unknown-reminder", "/reminders/" + project + "/snooze", map[string]any{"minutes": 10}, 404, "reminder_not_found"},
		{"snooze-bad-id", "/reminders/x/snooze", map[string]any{"minutes": 10}, 404, "reminder_not_found"},
		{"snooze-no-minutes", "/reminders/" + project + "/snooze", map[string]any{}, 400, "validation_failed"},
		{"snooze-minutes-wrong-type", "/reminders/" + project + "/snooze", map[string]any{"minutes": "ten"}, 400, "invalid_field_type"},
		{"snooze-0", "/reminders/" + project + "/snooze", map[string]any{"minutes": 0}, 400, "invalid_snooze"},
		{"snooze-two-days", "/reminders/" + project + "/snooze", map[string]any{"minutes": 2880}, 400, "invalid_snooze"},
		{"reminder-unknown-meeting", "/reminders", map[string]any{"kind": "meeting", "targetId": project, "minutesBefore": 5}, 404, "meeting_not_found"},
		{"feed-token-long-name", "/feed-tokens", map[string]any{"name": string(make([]byte, 101))}, 400, "validation_failed"},
	}
	before := e.rows()
	for _, c := range cases {
		e.refuse(c.status, c.code, req{Method: "POST", Path: "/api/v1/calendar" + c.path, Token: ada.Token, Body: c.body})
	}
	if after := e.rows(); !maps.Equal(before, after) {
		t.Errorf("refused requests wrote rows: %v -> %v", before, after)
	}

	for _, q := range []struct{ query, code string }{
		{"", "invalid_query"},
		{"?from=2026-03-01T00:00:00Z", "invalid_query"},
		{"?from=yesterday&to=2026-03-01T00:00:00Z", "invalid_query"},
		{"?from=2026-03-02T00:00:00Z&to=2026-03-01T00:00:00Z", "invalid_range"},
		{"?from=2026-01-01T00:00:00Z&to=2027-01-03T00:00:00Z", "invalid_range"},
		{"?from=2026-03-01T00:00:00Z&to=2026-03-02T00:00:00Z&projectId=x", "invalid_query"},
	} {
		e.refuse(http.StatusBadRequest, q.code, req{Method: "GET", Path: "/api/v1/calendar" + q.query, Token: ada.Token})
	}
	for _, q := range []struct {
		query, code string
		status      int
	}{{"?kind=birthday&targetId=" + project, "invalid_query", 400}, {"?kind=task&targetId=" + project, "task_not_found", 404},
		{"?kind=meeting&targetId=x", "meeting_not_found", 404}, {"?targetId=" + project, "invalid_query", 400}} {
		e.refuse(q.status, q.code, req{Method: "GET", Path: "/api/v1/calendar/reminders" + q.query, Token: ada.Token})
	}
	e.refuse(http.StatusUnauthorized, "token_missing", req{Method: "GET", Path: "/api/v1/calendar?from=2026-03-01T00:00:00Z&to=2026-03-02T00:00:00Z"})
}
