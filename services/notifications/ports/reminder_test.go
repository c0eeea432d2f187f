package ports_test

import (
	"net/http"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/taskrocket/taskrocket/services/contracts"

	"github.com/taskrocket/taskrocket/services/notifications/ports"
)

// TestAReminderReachesItsUserOnEveryChannelOnce: the calendar's
// reminder.due is told to its user alone, in the app (with the reminder
// to snooze), by e-mail and push (the defaults), once however often it
// is delivered; a muted project does not silence it; someone no longer
// in the task's project hears nothing.
func TestAReminderReachesItsUserOnEveryChannelOnce(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ada, bob, cy := e.user("ada"), e.user("bob"), e.user("cy")
	project := e.project(ada, bob)
	task, _ := e.assign(ada, project, bob)
	e.must(http.StatusOK, req{Method: http.MethodPut, Path: "/api/v1/notifications/muted-projects/" + project, Token: bob.Token})
	mails, pushes := e.out.counts()
	reminder := uuid.Must(uuid.NewV7()).String()
	due := contracts.ReminderDue{ReminderID: reminder, UserID: bob.ID, Kind: contracts.ReminderTask, TargetID: task,
		ProjectID: &project, TaskID: &task, Title: "Ship it", At: time.Date(2026, 3, 10, 15, 0, 0, 0, time.UTC),
		Timezone: "Europe/Warsaw", OccurredAt: time.Now().UTC()}
	ev := e.deliver(ports.RouteCalendar, contracts.EventReminderDue, due)
	e.deliverAgain(ports.RouteCalendar, ev)

	items, _, _ := e.inbox(bob, "")
	var got []map[string]any
	for _, it := range items {
		if it["kind"] == "reminder" {
			got = append(got, it)
		}
	}
	if len(got) != 1 || got[0]["reminderId"] != reminder || got[0]["title"] != "Reminder: “Ship it” is due Tue 10 Mar, 16:00" ||
		got[0]["path"] != "/projects/"+project+"/tasks/"+task {
		t.Fatalf("bob's reminders: %v", got)
	}
	if m, p := e.out.counts(); m != mails+1 || p != pushes+1 {
		t.Errorf("e-mails %d -> %d, pushes %d -> %d", mails, m, pushes, p)
	}
	if items, _, _ := e.inbox(ada, ""); len(items) != 0 {
		t.Errorf("ada was told of bob's reminder: %v", items)
	}

	// A meeting outside projects, snoozed: to the calendar.
	meeting := due
	meeting.Kind, meeting.ProjectID, meeting.TaskID, meeting.Title, meeting.Snoozed, meeting.UserID = contracts.ReminderMeeting, nil, nil, "Stand-up", true, cy.ID
	e.deliver(ports.RouteCalendar, contracts.EventReminderDue, meeting)
	items, _, _ = e.inbox(cy, "")
	if len(items) != 1 || items[0]["path"] != "/calendar" || items[0]["title"] != "Reminder: “Stand-up” starts Tue 10 Mar, 16:00" ||
		items[0]["body"] != "Snoozed. Times in Europe/Warsaw." {
		t.Fatalf("cy's inbox: %v", items)
	}
	// cy is not in the project: a reminder about its task is not told.
	stranger := due
	stranger.UserID, stranger.ReminderID = cy.ID, uuid.Must(uuid.NewV7()).String()
	e.deliver(ports.RouteCalendar, contracts.EventReminderDue, stranger)
	if items, _, _ := e.inbox(cy, ""); len(items) != 1 {
		t.Errorf("a non-member was told: %v", items)
	}
}
