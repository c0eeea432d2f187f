package ports_test

import (
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/taskrocket/taskrocket/services/contracts"

	"github.com/taskrocket/taskrocket/services/notifications/ports"
)

func TestEveryPublicRouteIsDocumentedAndViceVersa(t *testing.T) {
	t.Parallel()
	newEnv(t).api.CheckRoutes(t, 15)
}

func TestOpenAPIDocumentIsServed(t *testing.T) {
	t.Parallel()
	newEnv(t).api.CheckServedDocument(t)
}

func TestARedeliveredEventNotifiesOnce(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ada, bob := e.user("ada"), e.user("bob")
	project := e.project(ada, bob)
	_, ev := e.assign(ada, project, bob)
	e.deliverAgain(ports.RouteTasks, ev)
	e.deliverAgain(ports.RouteTasks, ev)
	items, unread, _ := e.inbox(bob, "")
	if len(items) != 1 || unread != 1 || items[0]["reason"] != "task.assigned" {
		t.Fatalf("bob's inbox %v (unread %d)", items, unread)
	}
	if mails, pushes := e.out.counts(); mails != 1 || pushes != 1 {
		t.Fatalf("%d mails, %d pushes; want one of each", mails, pushes)
	}
	m := e.out.mails[0]
	if m.To != bob.Email || !strings.Contains(m.Text, "https://app.example/projects/"+project+"/tasks/") ||
		!strings.HasPrefix(m.Headers["List-Unsubscribe"], "<https://api.example/api/v1/notifications/unsubscribe?token=") {
		t.Fatalf("mail %+v", m)
	}
	if items, _, _ := e.inbox(ada, ""); len(items) != 0 {
		t.Fatalf("the actor was notified: %v", items)
	}
}

func TestInboxPagesAndReadState(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ada, bob := e.user("ada"), e.user("bob")
	project := e.project(ada, bob)
	for range 5 {
		e.assign(ada, project, bob)
	}
	first, unread, next := e.inbox(bob, "?limit=2")
	if len(first) != 2 || unread != 5 || next != first[1]["id"] || first[0]["id"] != "5" {
		t.Fatalf("first page %v unread %d next %v", first, unread, next)
	}
	second, _, _ := e.inbox(bob, "?limit=2&cursor="+next.(string))
	if second[0]["id"] != "3" || second[1]["id"] != "2" {
		t.Fatalf("second page %v", second)
	}
	r := e.must(http.StatusOK, req{Method: http.MethodPost, Path: "/api/v1/notifications/4/read", Token: bob.Token})
	if r.JSON(t)["unreadCount"] != float64(4) {
		t.Fatalf("after reading one: %s", r.Body)
	}
	unreadOnly, _, _ := e.inbox(bob, "?unread=true")
	if len(unreadOnly) != 4 || unreadOnly[1]["id"] != "3" {
		t.Fatalf("unread only %v", unreadOnly)
	}
	r = e.must(http.StatusOK, req{Method: http.MethodPost, Path: "/api/v1/notifications/read-all", Token: bob.Token, Body: map[string]string{"upTo": "3"}})
	if r.JSON(t)["unreadCount"] != float64(1) {
		t.Fatalf("read all up to 3: %s", r.Body)
	}
	// No body, sent chunked as a proxy may forward it: all of them.
	r = e.must(http.StatusOK, req{Method: http.MethodPost, Path: "/api/v1/notifications/read-all", Token: bob.Token, Body: io.Reader(strings.NewReader(""))})
	if r.JSON(t)["unreadCount"] != float64(0) {
		t.Fatalf("read all: %s", r.Body)
	}
}

func TestFeedWaitsForTheNextNotification(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ada, bob := e.user("ada"), e.user("bob")
	project := e.project(ada, bob)
	start := e.must(http.StatusOK, req{Method: http.MethodGet, Path: "/api/v1/notifications/feed", Token: bob.Token}).JSON(t)
	if start["cursor"] != "0" || len(start["items"].([]any)) != 0 {
		t.Fatalf("feed without after: %v", start)
	}
	done := make(chan response, 1)
	began := time.Now()
	go func() {
		done <- e.api.Do(t, req{Method: http.MethodGet, Path: "/api/v1/notifications/feed?after=0&wait=10&unread=0", Token: bob.Token})
	}()
	time.Sleep(200 * time.Millisecond)
	e.assign(ada, project, bob)
	r := <-done
	body := r.JSON(t)
	if r.Status != http.StatusOK || len(body["items"].([]any)) != 1 || body["cursor"] != "1" || time.Since(began) > 5*time.Second {
		t.Fatalf("feed after %s: %d %s", time.Since(began), r.Status, r.Body)
	}
}

func TestFollowersAndMutedProjects(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ada, bob, cy, eve := e.user("ada"), e.user("bob"), e.user("cy"), e.user("eve")
	project := e.project(ada, bob, cy)
	task, _ := e.assign(ada, project, bob)
	path := "/api/v1/tasks/" + task + "/followers"
	r := e.must(http.StatusOK, req{Method: http.MethodGet, Path: path, Token: cy.Token}).JSON(t)
	if r["following"] != false || len(r["items"].([]any)) != 2 { // ada created it, bob is assigned
		t.Fatalf("followers %v", r)
	}
	e.must(http.StatusOK, req{Method: http.MethodPut, Path: path + "/me", Token: cy.Token})
	e.api.Refuse(t, http.StatusNotFound, "task_not_found", req{Method: http.MethodPut, Path: path + "/me", Token: eve.Token})
	e.api.Refuse(t, http.StatusNotFound, "task_not_found", req{Method: http.MethodGet, Path: path, Token: eve.Token})
	e.api.Refuse(t, http.StatusNotFound, "project_not_found",
		req{Method: http.MethodPut, Path: "/api/v1/notifications/muted-projects/" + project, Token: eve.Token})

	// bob mutes the project: the status change of a task he follows is
	// silenced; cy, who follows it, hears of it.
	e.must(http.StatusOK, req{Method: http.MethodPut, Path: "/api/v1/notifications/muted-projects/" + project, Token: bob.Token})
	e.deliver(ports.RouteTasks, contracts.EventTaskStatusChanged, contracts.TaskStatusChanged{Actor: contracts.Actor{UserID: ada.ID},
		ProjectID: project, TaskID: task, Title: "Ship it", From: "todo", To: "done", OccurredAt: time.Now().UTC()})
	if items, _, _ := e.inbox(bob, ""); len(items) != 1 {
		t.Fatalf("bob muted the project yet got %v", items)
	}
	if items, _, _ := e.inbox(cy, ""); len(items) != 1 || !strings.Contains(items[0]["title"].(string), "to Done") {
		t.Fatalf("cy follows the task: %v", items)
	}
	e.must(http.StatusOK, req{Method: http.MethodDelete, Path: path + "/me", Token: cy.Token})
	if r := e.must(http.StatusOK, req{Method: http.MethodGet, Path: path + "/me", Token: cy.Token}).JSON(t); r["following"] != false {
		t.Fatalf("after unfollowing: %v", r)
	}
}
