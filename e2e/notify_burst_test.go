package e2e

import (
	"fmt"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/taskrocket/taskrocket/services/contracts"
	"github.com/taskrocket/taskrocket/services/platform/events"
)

// TestNotificationsNothingLostWhenTheServiceDies: 2,000 assignments (and
// 100 redeliveries of some of them) are published while the notifications
// app and its sidecar are killed and started again. Afterwards each
// assignee has exactly one notification per assignment of theirs: none
// lost, none twice.
func TestNotificationsNothingLostWhenTheServiceDies(t *testing.T) {
	const total, again = 2000, 100
	ada := newPerson(t, "ada")
	project := newProject(t, ada, "Burst")
	people := []person{newPerson(t, "bob"), newPerson(t, "cy"), newPerson(t, "dee")}
	for _, p := range people {
		addParticipant(t, ada, project, p)
		// In the app only: 2,000 e-mails would test Mailpit, not this.
		r := p.call(t, http.MethodPatch, "/api/v1/notifications/preferences",
			`{"kinds":{"assignment":{"email":false,"push":false},"membership":{"inApp":false}}}`)
		expect(t, "in-app only", r, http.StatusOK, "")
	}
	// The service knows the project's members before the burst.
	eventually(t, 30*time.Second, "the members known to notifications", func() bool {
		r := people[2].call(t, http.MethodPut, "/api/v1/notifications/muted-projects/"+project, "")
		if r.Status == http.StatusOK {
			people[2].call(t, http.MethodDelete, "/api/v1/notifications/muted-projects/"+project, "")
		}
		return r.Status == http.StatusOK
	})

	want := make([]map[string]bool, len(people))
	evs := make([]events.Event, total)
	for i := range total {
		k := i % len(people)
		title := fmt.Sprintf("Burst %04d", i)
		if want[k] == nil {
			want[k] = map[string]bool{}
		}
		want[k][title] = true
		ev, err := events.New("/tasks", contracts.EventTaskAssigned, "", contracts.TaskAssigned{
			Actor: contracts.Actor{UserID: ada.ID}, ProjectID: project, TaskID: uuid.Must(uuid.NewV7()).String(),
			Title: title, UserID: people[k].ID, OccurredAt: time.Now().UTC()})
		if err != nil {
			t.Fatal(err)
		}
		evs[i] = ev
	}
	// The same events again, as a broker redelivers them.
	queue := append(evs, evs[:again]...)

	var published atomic.Int64
	var wg sync.WaitGroup
	next := atomic.Int64{}
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := next.Add(1) - 1; i < int64(len(queue)); i = next.Add(1) - 1 {
				if err := publishRaw(contracts.AppTasks, contracts.TopicTasks, queue[i]); err != nil {
					t.Error(err)
					return
				}
				published.Add(1)
			}
		}()
	}
	eventually(t, time.Minute, "a quarter published", func() bool { return published.Load() >= total/4 })
	if err := suite.KillWithSidecar(contracts.AppNotifications); err != nil {
		t.Fatal(err)
	}
	time.Sleep(2 * time.Second)
	if err := suite.Restart(t.Context(), contracts.AppNotifications, nil); err != nil {
		t.Fatal(err)
	}
	wg.Wait()
	t.Logf("published %d events (%d of them twice); the service restarted at about %d", len(queue), again, total/4)

	counts := func() []int {
		out := make([]int, len(people))
		for k, p := range people {
			items, _ := inbox(t, p)
			out[k] = len(items)
		}
		return out
	}
	eventually(t, 5*time.Minute, "every notification", func() bool {
		c := counts()
		return c[0]+c[1]+c[2] >= total
	})
	time.Sleep(5 * time.Second) // anything late would be a duplicate
	for k, p := range people {
		items, unread := inbox(t, p)
		seen := map[string]int{}
		for _, n := range items {
			seen[strings.TrimSuffix(strings.TrimPrefix(n.Title, "Ada Lovelace assigned you to “"), "”")]++
		}
		var missing, twice []string
		for title := range want[k] {
			switch seen[title] {
			case 0:
				missing = append(missing, title)
			case 1:
			default:
				twice = append(twice, title)
			}
		}
		if len(items) != len(want[k]) || len(missing) > 0 || len(twice) > 0 || unread != len(want[k]) {
			t.Errorf("%s: %d notifications (unread %d) for %d assignments; missing %v; twice %v",
				p.Username, len(items), unread, len(want[k]), head(missing), head(twice))
		}
	}
}

func head(s []string) []string {
	if len(s) > 5 {
		return append(s[:5:5], "…")
	}
	return s
}
